/// One way an environment differs from its baseline, or a reason its state is unknown.
///
/// Findings are data, never thrown: the command line counts them into exit code 1. Each
/// carries the component, what the baseline expected, what was found, and a sentence a person
/// can act on.
public struct Finding: Sendable, Hashable, Codable {
  /// The kinds of finding; the raw values are the stable names of `baseline.report/1`.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The deployed release is not the baselined one.
    case versionMismatch = "version_mismatch"
    /// The deployed commit is not the commit of the release it claims to be (a build tweaked
    /// in place), or not the approved (pinned) build.
    case commitMismatch = "commit_mismatch"
    /// The deployed commit is no tagged build of the component.
    case untaggedBuild = "untagged_build"
    /// The commit an inventory reports cannot be found, or is an ambiguous abbreviation.
    case unresolvedCommit = "unresolved_commit"
    /// The baseline pins a commit, and the release's tag now names another.
    case movedTag = "moved_tag"
    /// The baseline names a release that has no tag.
    case unknownRelease = "unknown_release"
    /// Baselined, but no probe reported it.
    case missingComponent = "missing_component"
    /// Reported, but not in the baseline.
    case unexpectedComponent = "unexpected_component"
    /// A configuration item differs from, or is absent against, the baseline.
    case settingDrift = "setting_drift"
    /// A configuration file's digest differs from the baseline.
    case fileDrift = "file_drift"
    /// A probe failed; the environment's state is unknown.
    case probeFailed = "probe_failed"
    /// Two probes report different values for one component.
    case inventoryConflict = "inventory_conflict"
    /// The inventory is older than the baseline's `max_age`.
    case staleInventory = "stale_inventory"
    /// The environment runs an emergency release whose fix the baselined release lacks.
    case hotfixRegression = "hotfix_regression"
    /// An accepted deviation in the baseline is past its `expires` date.
    case expiredAcceptance = "expired_acceptance"
    /// The baselined release's tag is not validly signed by an allowed signer, where the
    /// component's `signatures:` requires it.
    case tagSignature = "tag_signature"
  }

  /// What kind of finding this is.
  public let kind: Kind
  /// The component concerned, if any (`probe_failed` and `stale_inventory` have none).
  public let component: String?
  /// What the baseline says, as text (a release, a full commit id, a setting's value).
  public let expected: String?
  /// What was found, as text; `nil` when nothing was reported.
  public let actual: String?
  /// The sentence for people, made by one of the factories (`Finding+Factories.swift`). It
  /// does not name the environment (a report lists findings under theirs);
  /// ``message(in:)`` adds it for a line that stands alone.
  public let message: String
  /// The probe concerned, for `probe_failed`, `stale_inventory` and `inventory_conflict`.
  public let probe: String?
  /// The key or path concerned, for `setting_drift` and `file_drift`.
  public let key: String?
  /// The baseline's acceptance that covers this finding, when one holds: the finding is
  /// reported, but it is an accepted deviation, not drift.
  public private(set) var acceptance: Acceptance?

  /// Whether it counts: not covered by an acceptance that holds.
  public var isOpen: Bool { acceptance == nil }

  /// The same finding, accepted.
  public func accepted(by acceptance: Acceptance) -> Finding {
    var copy = self
    copy.acceptance = acceptance
    return copy
  }

  /// Makes a finding.
  public init(
    _ kind: Kind, component: String? = nil, expected: String? = nil, actual: String? = nil,
    message: String, probe: String? = nil, key: String? = nil
  ) {
    self.kind = kind
    self.component = component
    self.expected = expected
    self.actual = actual
    self.message = InputError.shortened(message)
    self.probe = probe
    self.key = key
  }
}
