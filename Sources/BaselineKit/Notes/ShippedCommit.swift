public import Git

/// A commit of a release's content that the earlier release already shipped as another
/// commit: left out of the content, and said so.
public struct ShippedCommit: Sendable, Hashable {
  /// The commit in this release's history.
  public let id: ObjectID
  /// Its first line.
  public let summary: String
  /// The commit of the earlier release it repeats.
  public let shippedAs: ObjectID
  /// How the two were matched: `patch_id` or `trailer`.
  public let how: String

  /// Makes a value.
  public init(id: ObjectID, summary: String, shippedAs: ObjectID, how: String) {
    self.id = id
    self.summary = summary
    self.shippedAs = shippedAs
    self.how = how
  }
}
