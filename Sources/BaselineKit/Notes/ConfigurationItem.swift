/// A setting or file an environment's baseline declares for a component: the configuration
/// items a bill of materials lists beside the build's files.
public struct ConfigurationItem: Sendable, Hashable {
  /// The environment whose baseline declares it.
  public let environment: String
  /// `setting` or `file`.
  public let kind: String
  /// The setting's key or the file's path.
  public let key: String
  /// The value, or the file's `sha256:` digest.
  public let value: String
  /// The release the baseline declares for the component there.
  public let release: String

  /// Makes a value.
  public init(environment: String, kind: String, key: String, value: String, release: String) {
    self.environment = environment
    self.kind = kind
    self.key = key
    self.value = value
    self.release = release
  }
}
