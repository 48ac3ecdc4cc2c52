public import Git

/// A hotfix commit that a target lacks by patch-id, and what was found instead: an
/// equivalent that counts as carried forward, a candidate a person must judge, or bookkeeping
/// that need not be carried at all. Listed so that nothing is decided silently.
public struct SetAsideCommit: Sendable, Hashable, Codable {
  /// How the commit was set aside, in the order the analysis tries them.
  public enum Reason: String, Sendable, Hashable, CaseIterable, Codable {
    /// A target commit's `(cherry picked from commit …)` trailer names it.
    case trailer
    /// A target commit adds and removes the same lines in the same files; only context lines
    /// or positions differ (a patch-id that `git cherry` would not match).
    case sameChanges = "same_changes"
    /// A person judged a target commit equivalent (`reviewed:` in `components.yaml`).
    case reviewed
    /// The commit only changes bookkeeping paths, or its subject is bookkeeping
    /// (`bookkeeping:` in `components.yaml`); it need not be carried forward.
    case bookkeeping
    /// A target commit has the same subject and changes the same files with another patch:
    /// not counted as carried forward; the target is `needs_review` until a person decides.
    case sameSubject = "same_subject"
  }

  /// The hotfix's commit.
  public let commit: ObjectID
  /// Its first line.
  public let summary: String
  /// How it was set aside.
  public let reason: Reason
  /// The target's commit that matched (the picking commit for `trailer`); `nil` for
  /// `bookkeeping`.
  public let match: ObjectID?
  /// Why, for people: the rule or the review that applied.
  public let detail: String

  /// Makes an entry.
  public init(
    commit: ObjectID, summary: String, reason: Reason, match: ObjectID?, detail: String
  ) {
    self.commit = commit
    self.summary = summary
    self.reason = reason
    self.match = match
    self.detail = detail
  }

  /// Whether it counts as carried forward (or needs no carrying); `same_subject` does not.
  public var isSettled: Bool { reason != .sameSubject }
}
