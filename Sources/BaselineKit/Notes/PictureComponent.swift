/// One component of an environment's true picture (``EnvironmentPicture``).
public struct PictureComponent: Sendable, Hashable, Encodable {
  /// The component.
  public let component: String
  /// The release the baseline declares; `nil` for a component it does not declare.
  public var baseline: String?
  /// The release the probes reported; `nil` when none reported it.
  public var deployed: String?
  /// The commit observed (full id), when one was.
  public var commit: String?
  /// The tags of the tagged build at the commit observed (comma-separated); empty when no
  /// release tag names it (an untagged build); `nil` when no commit was observed.
  public var tag: String?
  /// The verdict against the baseline: `ok`, `drifted`, `accepted`, `unknown`.
  public let verdict: String
  /// The kinds of its findings.
  public let findings: [String]
  /// For an emergency release running there: whether each later regular release and the
  /// mainline carry it (the hotfix analysis); `nil` for any other release.
  public var carriedBy: [HotfixTarget]?

  private enum CodingKeys: String, CodingKey {
    case component, baseline, deployed, commit, tag, verdict, findings, carriedBy
  }

  /// Writes the component; `carried_by` as `baseline.hotfixes/1` writes targets
  /// (``HotfixTargetDocument``), `null` for a release that is no emergency release.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(component, forKey: .component)
    try container.encode(baseline, forKey: .baseline)
    try container.encode(deployed, forKey: .deployed)
    try container.encode(commit, forKey: .commit)
    try container.encode(tag, forKey: .tag)
    try container.encode(verdict, forKey: .verdict)
    try container.encode(findings, forKey: .findings)
    try container.encode(carriedBy?.map(HotfixTargetDocument.init), forKey: .carriedBy)
  }
}
