public import Git

/// A person's decision that a hotfix commit reached a target through a commit with another
/// patch (`reviewed:` under a component in `Baselines/components.yaml`), recorded as accepted
/// deviations are, keyed by the two commits:
///
/// ```yaml
/// reviewed:
///   - commit: b5ee908f6...      # the hotfix's commit, 40 hex digits
///     equivalent: 4888b2262...  # the target's commit that carries the same fix
///     reason: "same fix; only a context line differs"
///     reference: DEF-1234
/// ```
///
/// It turns a `same_subject` candidate into a commit carried forward (`reviewed`). It has no
/// expiry: both commits are immutable, so the decision stays true.
public struct HotfixReview: Sendable, Hashable {
  /// The hotfix's commit.
  public let commit: ObjectID
  /// The target's commit judged to carry the same fix.
  public let equivalent: ObjectID
  /// Why.
  public let reason: String
  /// The change request or defect that records the decision.
  public let reference: String
  /// The entry's line in `components.yaml`, for messages.
  public let line: Int?

  /// Makes a review.
  public init(
    commit: ObjectID, equivalent: ObjectID, reason: String, reference: String, line: Int? = nil
  ) {
    self.commit = commit
    self.equivalent = equivalent
    self.reason = reason
    self.reference = reference
    self.line = line
  }
}
