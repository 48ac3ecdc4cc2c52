public import Git

/// A tag that follows a component's pattern but whose version text does not parse.
public struct UnparsedTag: Sendable, Hashable {
  /// The tag.
  public let tag: TagInfo
  /// Why its version text is no release of the scheme.
  public let reason: String
}
