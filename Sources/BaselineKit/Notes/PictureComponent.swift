/// One component of an environment's true picture (``EnvironmentPicture``).
public struct PictureComponent: Sendable, Hashable, Codable {
  /// The component.
  public let component: String
  /// The release the baseline declares; `nil` for a component it does not declare.
  public let baseline: String?
  /// The release the probes reported; `nil` when none reported it.
  public let deployed: String?
  /// The commit observed (full id), when one was.
  public let commit: String?
  /// The tag of the tagged build at that commit, when there is one.
  public let tag: String?
  /// The verdict against the baseline: `ok`, `drifted`, `accepted`, `unknown`.
  public let verdict: String
  /// The kinds of its findings.
  public let findings: [String]
  /// For an emergency release running there: whether each later regular release and the
  /// mainline carry it (the hotfix analysis); `nil` for any other release.
  public let carriedBy: [HotfixTarget]?
}
