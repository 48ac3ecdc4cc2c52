/// The identity of a finding within an environment: kind, component (empty for none) and
/// key (the setting, the file, or the probe; empty for none).
public struct FindingIdentity: Sendable, Hashable, Codable, Comparable {
  /// The kind.
  public let kind: Finding.Kind
  /// The component, empty when none.
  public let component: String
  /// The setting or file key, or the probe; empty when none.
  public let key: String

  /// Makes an identity.
  public init(kind: Finding.Kind, component: String, key: String) {
    self.kind = kind
    self.component = component
    self.key = key
  }

  public static func < (left: Self, right: Self) -> Bool {
    (left.component, left.kind.rawValue, left.key) < (
      right.component, right.kind.rawValue, right.key
    )
  }
}
