public import Git

/// An emergency release between a release note's two releases, and whether the later release
/// carries it (the hotfix analysis of `baseline hotfixes`, with the release as target).
public struct EmergencyCarried: Sendable, Hashable {
  /// The emergency release (`1.0.1.3`).
  public let release: String
  /// Its tag.
  public let tag: String
  /// Its tagged commit.
  public let commit: ObjectID
  /// Merged, cherry-picked, needs review, unknown or not merged.
  public let status: MergeStatus
  /// Its commits the release lacks, for `not_merged`.
  public let missing: [MissingCommit]
  /// How the verdict was reached, or why it is unknown.
  public var note: String?
  /// The defects and change requests its missing commits name: fixes the release lacks.
  public var workItems: [WorkItem] = []
}
