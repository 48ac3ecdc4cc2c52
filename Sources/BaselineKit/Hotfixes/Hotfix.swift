public import Git

/// One emergency release of a component and its verdicts.
public struct Hotfix: Sendable, Hashable {
  /// The release, e.g. `1.1.0.1`.
  public let release: ReleaseVersion
  /// The tag that makes it a tagged build.
  public let tag: String
  /// The tagged commit.
  public let commit: ObjectID
  /// The worst status of its targets.
  public let status: MergeStatus
  /// The next regular release after it (when there is one) and the mainline.
  public let targets: [HotfixTarget]
  /// Caveats: no regular release after it yet; regular releases tagged before it, which
  /// cannot contain it and are not targets.
  public let notes: [String]
  /// The tag of the release it patches (the highest lower release that is an ancestor of it):
  /// its own commits are those since; `nil` when none was found (then every commit reachable
  /// from it and not from a target counts, as `git cherry`).
  public var base: String? = nil
}
