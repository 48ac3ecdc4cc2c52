/// A commit, as a value read by ``Repository/commit(_:)``.
public struct Commit: Hashable, Sendable {
  /// The commit's id.
  public let id: ObjectID
  /// The first line of the message.
  public let summary: String
  /// Who wrote the change.
  public let author: Signature
  /// Who made the commit; its date is the commit date.
  public let committer: Signature
  /// The parents' ids, first parent first.
  public let parents: [ObjectID]
}
