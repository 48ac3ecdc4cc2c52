/// One component of an environment's true picture (``EnvironmentPicture``).
public struct PictureComponent: Sendable, Hashable, Codable {
  /// The component.
  public let component: String
  /// The release the baseline declares; `nil` for a component it does not declare.
  @NullWhenAbsent public var baseline: String?
  /// The release the probes reported; `nil` when none reported it.
  @NullWhenAbsent public var deployed: String?
  /// The commit observed (full id), when one was.
  @NullWhenAbsent public var commit: String?
  /// The tags of the tagged build at the commit observed (comma-separated); empty when no
  /// release tag names it (an untagged build); `nil` when no commit was observed.
  @NullWhenAbsent public var tag: String?
  /// The verdict against the baseline: `ok`, `drifted`, `accepted`, `unknown`.
  public let verdict: String
  /// The kinds of its findings.
  public let findings: [String]
  /// For an emergency release running there: whether each later regular release and the
  /// mainline carry it (the hotfix analysis); `nil` for any other release.
  @NullWhenAbsent public var carriedBy: [HotfixTarget]?
}
