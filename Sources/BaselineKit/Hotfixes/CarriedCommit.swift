public import Git

/// A hotfix commit that a target carries as another commit with the same patch-id.
public struct CarriedCommit: Sendable, Hashable, Codable {
  /// The hotfix's commit.
  public let commit: ObjectID
  /// The target's commit with the same patch-id.
  public let match: ObjectID

  /// Makes an entry.
  public init(commit: ObjectID, match: ObjectID) {
    self.commit = commit
    self.match = match
  }
}
