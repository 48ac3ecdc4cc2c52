public import Git

/// One emergency release judged against one target.
public struct HotfixTarget: Sendable, Hashable, Codable {
  /// The target's name: a release (`1.2.0.0`) or the mainline branch (`main`).
  public let name: String
  /// The target's commit, when it could be found.
  public let commit: ObjectID?
  /// The verdict.
  public let status: MergeStatus
  /// The commits the target lacks, for `not_merged`.
  public let missing: [MissingCommit]
  /// Why the verdict is `unknown`, or how `cherry_picked` was decided.
  public let note: String?
  /// The commits the target lacks by patch-id that were set aside, each with how and why.
  public var setAside: [SetAsideCommit] = []
  /// The hotfix's commits the target carries with the same patch-id (a cherry-pick), each
  /// with the target's commit: the evidence of `cherry_picked`.
  public var carried: [CarriedCommit] = []
}

extension HotfixTarget {
  /// The same verdict under another target name.
  func renamed(_ name: String) -> HotfixTarget {
    HotfixTarget(
      name: name, commit: commit, status: status, missing: missing, note: note,
      setAside: setAside, carried: carried)
  }
}
