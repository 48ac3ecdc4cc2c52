public import Foundation

/// The verdict on one environment: its status, its findings, what each component was seen to
/// be, and how its probes went.
public struct EnvironmentReport: Sendable, Hashable, Codable {
  /// Where an environment stands.
  public enum Status: String, Sendable, Hashable, Codable {
    /// Every component is its baselined tagged build; nothing else was found but deviations
    /// the baseline accepts.
    case inBaseline = "in_baseline"
    /// There are findings that no acceptance covers, and the environment's state is fully known.
    case drifted
    /// A probe failed or the inventory is stale: the state is not fully known, whatever else
    /// was found.
    case incomplete
  }

  /// One line of the table: a component's declared and observed state.
  public struct Row: Sendable, Hashable, Codable {
    /// The component.
    public let component: String
    /// The baselined release, `nil` for an unexpected component.
    public let baseline: String?
    /// The pinned commit, full id.
    public let pin: String?
    /// The commit the baselined release's tag names now, full id.
    public let tagCommit: String?
    /// The tag of the baselined release (the one spelled as the baseline spells the release,
    /// when two name it).
    public let tag: String?
    /// Other tags of the baselined release that name other commits than ``tag``: which build
    /// is the release is then ambiguous unless a pin settles it.
    public let conflictingTags: [String]
    /// The release reported (or read from the tags on the deployed commit).
    public let deployed: String?
    /// The deployed commit: a full id when resolved, else the text reported.
    public let commit: String?
    /// The kinds of the findings on this component, empty when it is at its baseline.
    public let findings: [Finding.Kind]
    /// The component's verdict.
    public let verdict: Verdict
    /// Where the pin is written, when there is one.
    public let pinSource: Baseline.PinSource?
    /// Whether a probe named the deployed commit by a branch: the local clone, not the
    /// environment, then said which commit it is.
    public let commitNamedByBranch: Bool
    /// Whether a release tag names the deployed commit; `nil` when no commit resolved.
    public let commitTagged: Bool?
    /// The baselined release's tag signature, when the component's `signatures:` requires
    /// signed tags; `nil` otherwise.
    public let signature: TagSignature?
    /// Whether the deployed build is an emergency release and what was found of its fix in
    /// the approved build; `nil` when which build runs is not known (nothing reported, or a
    /// commit that did not resolve and no version).
    public let hotfix: HotfixJudgement?
    /// The release tag on the deployed commit (the reported release's when a version was
    /// reported, else the lowest release's): what ran, where ``tag`` is what the baseline
    /// asks for. `nil` when the deployed commit did not resolve or no release tag names it.
    public let deployedTag: String?

    /// At baseline by its reported version alone: no commit was reported, so the build
    /// running is not shown to be the tagged one.
    public var isOKByVersionOnly: Bool { verdict == .ok && commit == nil }

    /// Makes a row.
    public init(
      component: String, baseline: String?, pin: String?, tagCommit: String?, deployed: String?,
      commit: String?, findings: [Finding.Kind], verdict: Verdict? = nil,
      pinSource: Baseline.PinSource? = nil, tag: String? = nil, conflictingTags: [String] = [],
      commitNamedByBranch: Bool = false, commitTagged: Bool? = nil, signature: TagSignature? = nil,
      hotfix: HotfixJudgement? = nil, deployedTag: String? = nil
    ) {
      self.hotfix = hotfix
      self.deployedTag = deployedTag
      self.signature = signature
      self.commitTagged = commitTagged
      self.commitNamedByBranch = commitNamedByBranch
      self.conflictingTags = conflictingTags
      self.pinSource = pinSource
      self.tag = tag
      self.component = component
      self.baseline = baseline
      self.pin = pin
      self.tagCommit = tagCommit
      self.deployed = deployed
      self.commit = commit
      self.findings = findings
      self.verdict = verdict ?? (findings.isEmpty ? .ok : .drifted)
    }
  }

  /// A component's verdict in the table.
  public enum Verdict: String, Sendable, Hashable, Codable {
    /// At its baseline.
    case ok
    /// There are findings on it.
    case drifted
    /// Nobody reported it and a probe failed: its state is not known (not "ok").
    case unknown
    /// Every finding on it is a deviation the baseline accepts.
    case accepted
  }

  /// The environment's name.
  public let environment: String
  /// The status derived from the findings and probes.
  public let status: Status
  /// Every finding, in baseline order.
  public let findings: [Finding]
  /// The table, in baseline order, unexpected components last.
  public let rows: [Row]
  /// How each probe went.
  public let probes: [ProbeRun]
  /// When the oldest inventory used was collected.
  public let collectedAt: Date?
  /// Acceptances that hold but cover no finding: the deviation is gone, and the entry can go.
  public let unusedAcceptances: [Acceptance]

  /// What the run history says of the findings, when the run was recorded (``EnvironmentHistory``).
  public var history: EnvironmentHistory?
  /// The findings that count: those no holding acceptance covers.
  public var openFindings: [Finding] { findings.filter(\.isOpen) }
  /// How many findings an acceptance covers (counted apart from ``openFindings``).
  public var acceptedCount: Int { findings.count - openFindings.count }
}
