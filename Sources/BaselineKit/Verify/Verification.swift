public import Foundation
import Git

/// The Release Control Board's control point 3 for one environment: is it built and
/// maintained at its required configuration baseline? A Go / No-Go decision with the evidence
/// behind it (`baseline verify`).
///
/// The decision is GO only when every check passes: the probes all ran and agree, the
/// inventory is fresh, the estate files are committed (when the estate is a git repository,
/// so that the evidence can cite them), the baseline is the one declared for the programme release asked for,
/// every baselined release is a well-formed release of its scheme and has a tag, every pin
/// holds, every component runs exactly its baselined tagged build, nothing runs untagged,
/// every configuration item is as declared, no emergency fix would be lost, and no accepted
/// deviation has expired. A deviation the baseline accepts (with a reference and an expiry)
/// does not fail a check; it is listed with its reference. Naming problems in a component's
/// tag history are not checked here (`baseline tags`, `baseline lint`).
public struct Verification: Sendable {
  /// The schema name of the JSON form.
  public static let schema = "baseline.verify/1"

  /// The Board's decision.
  public enum Decision: String, Sendable, Codable {
    /// The environment is at its required configuration baseline.
    case go = "GO"
    /// It is not, or that cannot be shown.
    case noGo = "NO-GO"
  }

  /// Who, when, with what and on what the decision was made.
  public struct Evidence: Sendable, Hashable {
    /// When `verify` ran.
    public let time: Date
    /// The user who ran it.
    public let user: String
    /// The host it ran on.
    public let host: String
    /// Baseline's version.
    public let toolVersion: String
    /// The estate folder (`--root`).
    public let estateRoot: String
    /// The commit `HEAD` names in the estate's own repository; `nil` when it is none.
    public let estateCommit: String?
    /// Estate files (`Baselines/`, `Probes/`) that differ from that commit: the evidence is
    /// then about files nobody committed.
    public let uncommittedChanges: [String]
    /// The baseline file and its blob id (`git hash-object`), naming its exact content.
    public let baselineFile: String
    /// The blob id of the baseline file.
    public let baselineBlob: String?
    /// The blob id of `Baselines/components.yaml`.
    public let componentsBlob: String?
    /// The pin file and its blob id, when there is one.
    public let pinFile: String?
    /// The blob id of the pin file.
    public let pinFileBlob: String?
    /// The saved inventories judged (`--inventory`), with their SHA-256 and `collected_at`;
    /// empty when the probes ran for this decision.
    public var inventories: [SavedInventory] = []
    /// The trust files (`signatures:`) of the baselined components, by path from the estate
    /// root, with their blob ids: the signers the decision trusted, cited as the baselines are.
    public var trustFiles: [String: String] = [:]
    /// The command line that made the decision, as typed (`baseline verify --env …`).
    public var commandLine: [String] = []
    /// Why the estate's files could not be compared with its commit (libgit2's message for a
    /// damaged index or object), when they could not: `estate_committed` then fails.
    public var changesUnreadable: String?

    /// Makes the evidence.
    public init(
      time: Date, user: String, host: String, toolVersion: String, estateRoot: String,
      estateCommit: String?, uncommittedChanges: [String], baselineFile: String,
      baselineBlob: String?, pinFile: String?, pinFileBlob: String?,
      componentsBlob: String? = nil
    ) {
      self.componentsBlob = componentsBlob
      self.time = time
      self.user = user
      self.host = host
      self.toolVersion = toolVersion
      self.estateRoot = estateRoot
      self.estateCommit = estateCommit
      self.uncommittedChanges = uncommittedChanges
      self.baselineFile = baselineFile
      self.baselineBlob = baselineBlob
      self.pinFile = pinFile
      self.pinFileBlob = pinFileBlob
    }

    /// Reads the evidence of an estate as it is now: the estate repository's `HEAD` and its
    /// uncommitted changes under `Baselines/` and `Probes/` (libgit2; none when the estate is
    /// not in a repository), and the blob ids of the baseline and pin files.
    public static func collect(
      estate: Estate, baseline: Baseline, time: Date = Date(),
      repositories: ComponentRepositories = ComponentRepositories()
    ) -> Evidence {
      var commit: String?
      var changes: [String] = []
      var unreadable: String?
      var opened: Repository?
      do {
        opened = try repositories.openEstate(root: estate.root)
      } catch {
        unreadable = "\(error)"
      }
      if let repository = opened, let workDirectory = repository.workDirectory {
        RepositoryWatch.shared.during(estate.root.path, "comparing the estate's files") {
          commit = repository.headCommit?.hex
          let top = URL(fileURLWithPath: workDirectory).standardizedFileURL.path
          let root = estate.root.standardizedFileURL.path
          var prefix = root.hasPrefix(top) ? String(root.dropFirst(top.count)) : ""
          while prefix.hasPrefix("/") { prefix.removeFirst() }
          if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
          do {
            changes = try repository.changedPaths(
              under: [prefix + "Baselines", prefix + "Probes"]
            ).map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
          } catch {
            unreadable = "\(error)"
          }
        }
      }
      let pinPath = baseline.pinFile == nil ? nil : PinFile.path(environment: baseline.environment)
      func blob(_ shown: String?) -> String? {
        guard let shown else { return nil }
        return try? Repository.blobID(ofFile: estate.root.appendingPathComponent(shown).path).hex
      }
      var evidence = Evidence(
        time: time, user: RunContext.user, host: RunContext.host,
        toolVersion: BaselineTool.version, estateRoot: estate.root.path, estateCommit: commit,
        uncommittedChanges: changes, baselineFile: baseline.file, baselineBlob: blob(baseline.file),
        pinFile: pinPath, pinFileBlob: blob(pinPath),
        componentsBlob: blob("Baselines/components.yaml"))
      evidence.changesUnreadable = unreadable
      let root = estate.root.standardizedFileURL.path + "/"
      for entry in baseline.components {
        guard let file = estate.components[entry.component]?.signatures?.trustFile.path,
          file.hasPrefix(root)
        else { continue }
        let shown = String(file.dropFirst(root.count))
        evidence.trustFiles[shown] = blob(shown) ?? "unreadable"
      }
      return evidence
    }
  }

  /// The environment.
  public let environment: String
  /// The decision.
  public let decision: Decision
  /// Every check, in a fixed order.
  public let checks: [Check]
  /// How each baselined component was shown to run its build, in baseline order.
  public let proofs: [ComponentProof]
  /// The programme release asked for (`--release`), if any.
  public let requiredRelease: String?
  /// The programme release the baseline declares (`release:`), if any.
  public let declaredRelease: String?
  /// What the baseline requires a component to be seen by (`evidence:`).
  public let requiredEvidence: Baseline.EvidenceRequirement
  /// The comparison the decision rests on: rows, findings (accepted ones marked), probes.
  public let report: EnvironmentReport
  /// Who, when, with what.
  public let evidence: Evidence
  /// Caveats about the components' tags and the mirrors they were read from.
  public private(set) var warnings: [String]

  /// This verification with `extra` caveats after its own (a mirror's age, a tag the
  /// server moved); the decision is unchanged.
  public func adding(warnings extra: [String]) -> Verification {
    var copy = self
    copy.warnings += extra
    return copy
  }

  /// The checks that failed.
  public var failedChecks: [Check] { checks.filter { $0.status == .failed } }

  /// The findings that a holding acceptance covers.
  public var acceptedFindings: [Finding] { report.findings.filter { !$0.isOpen } }

  /// 0 for GO, 1 for NO-GO.
  public var exitCode: Int32 { decision == .go ? 0 : 1 }

  /// Decides.
  ///
  /// GO only when no check fails. A check that could not be made is not passed: it is
  /// ``Check/Status/notApplicable`` or ``Check/Status/versionOnly``, shown as such, and with
  /// `evidence: commit` a version-only check fails.
  /// - Parameters:
  ///   - report: the environment's comparison (``DriftCheck``).
  ///   - baseline: the environment's baseline.
  ///   - requiredRelease: the programme release the baseline must be declared for, if given.
  ///   - evidence: who, when, with what.
  ///   - warnings: tag caveats of the environment's components.
  public init(
    report: EnvironmentReport, baseline: Baseline, requiredRelease: String?, evidence: Evidence,
    warnings: [String] = []
  ) {
    var reasons = CheckReasons()
    for finding in report.openFindings {
      reasons.fail(CheckID.failed(by: finding.kind), finding.message)
    }
    reasons.fail(.releasesWellFormed, Self.malformed(baseline, report: report), first: true)
    reasons.fail(.inventoryFresh, Self.staleForDecision(baseline, report, at: evidence.time))
    reasons.fail(.programmeRelease, Self.releaseProblems(baseline, required: requiredRelease))
    // A repository with no commit yet (unborn HEAD) lists every estate file as a change.
    if !evidence.uncommittedChanges.isEmpty {
      reasons.fail(
        .estateCommitted,
        "the estate has uncommitted changes (\(evidence.uncommittedChanges.joined(separator: ", "))): "
          + (evidence.estateCommit == nil
            ? "its repository has no commit yet, so there is none to cite; commit them and "
              + "verify again"
            : "what was verified is not what its commit says; commit them and verify again"))
    }
    if let unreadable = evidence.changesUnreadable {
      reasons.fail(
        .estateCommitted,
        "the estate's files could not be compared with its commit (\(unreadable)): nothing "
          + "shows that what was verified is what the commit says")
    }
    let proofs = ComponentProof.all(report.rows)
    reasons.nameAccepted(report)
    reasons.qualify(
      evidence: evidence, baseline: baseline, report: report, proofs: proofs)
    let ids = CheckID.allCases.filter { $0 != .programmeRelease || requiredRelease != nil }
    self.checks = ids.map { reasons.check($0) }
    self.proofs = proofs
    self.environment = report.environment
    self.decision = checks.contains { $0.status == .failed } ? .noGo : .go
    self.requiredRelease = requiredRelease
    self.declaredRelease = baseline.release
    self.requiredEvidence = baseline.evidence
    self.report = report
    self.evidence = evidence
    self.warnings = warnings
  }

  /// Releases the baseline names that are no well-formed release: written with leading
  /// zeros, with build metadata, or tagged on two commits with no pin to settle which.
  static func malformed(_ baseline: Baseline, report: EnvironmentReport) -> [String] {
    var problems: [String] = []
    if baseline.components.isEmpty {
      problems.append("the baseline declares no component: there is nothing to verify")
    }
    for entry in baseline.components {
      let release = entry.release
      if !release.isCanonical {
        problems.append(
          "\(entry.component) \(release.text) is written with leading zeros; the release is "
            + "\(release.canonicalText)")
      }
      if let build = release.build {
        problems.append(
          "\(entry.component) \(release.text) carries build metadata (+\(build)): a baseline "
            + "names a release, not a build of one")
      }
    }
    for row in report.rows where !row.conflictingTags.isEmpty && row.pin == nil {
      problems.append(
        "\(row.component) \(row.baseline ?? "") is tagged on different commits (\(row.tag ?? "") "
          + "and \(row.conflictingTags.joined(separator: ", "))): which build is the release is "
          + "ambiguous; settle it and pin it (baseline pin)")
    }
    return problems
  }

  /// Without `max_age`, a decision needs an inventory from the last day.
  static func staleForDecision(_ baseline: Baseline, _ report: EnvironmentReport, at time: Date)
    -> [String]
  {
    guard baseline.maxAge == nil, let collected = report.collectedAt,
      time.timeIntervalSince(collected) > defaultMaxAge
    else { return [] }
    return [
      "the inventory was collected \(Timestamp.human(collected)), more than 24 h before the "
        + "decision, and \(baseline.file) sets no max_age; a Go / No-Go needs a fresh inventory"
    ]
  }

  /// `--release R` against the baseline's `release:`.
  static func releaseProblems(_ baseline: Baseline, required: String?) -> [String] {
    guard let required else { return [] }
    guard let declared = baseline.release else {
      return [
        "\(baseline.file) declares no programme release (release:), so it cannot be shown to "
          + "be the baseline of \(required)"
      ]
    }
    return declared == required
      ? [] : ["\(baseline.file) is declared for programme release \(declared), not \(required)"]
  }

  /// The freshness `verify` requires when the baseline sets no `max_age`: a day.
  public static let defaultMaxAge: TimeInterval = 86400
}
