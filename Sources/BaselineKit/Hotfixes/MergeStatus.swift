/// Whether an emergency release reached a target (a later regular release, or the mainline).
public enum MergeStatus: String, Sendable, Hashable, Codable, Comparable {
  /// The hotfix's tagged commit is an ancestor of the target.
  case merged
  /// Not an ancestor, but every commit of the hotfix has an equivalent in the target (same
  /// patch-id, or a `(cherry picked from commit …)` trailer naming it).
  case cherryPicked = "cherry_picked"
  /// Every commit is carried forward but for some whose only candidate has the same subject
  /// and files and another patch: a person must decide (a `reviewed:` entry settles it).
  case needsReview = "needs_review"
  /// No verdict could be given (a shallow clone, a target that cannot be read).
  case unknown
  /// Some commits of the hotfix have no equivalent in the target: the fix would be lost.
  case notMerged = "not_merged"

  /// Worse is greater: a hotfix's own status is the worst of its targets'.
  public static func < (lhs: MergeStatus, rhs: MergeStatus) -> Bool {
    let order: [MergeStatus] = [.merged, .cherryPicked, .needsReview, .unknown, .notMerged]
    return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
  }
}
