/// A setting or file that differs between the two sides of a diff.
public struct SettingChange: Sendable, Hashable {
  /// The setting's key or the file's path.
  public let key: String
  /// The value (or digest) before; `nil`: not declared.
  public var before: String?
  /// The value (or digest) after; `nil`: not declared.
  public var after: String?
}
