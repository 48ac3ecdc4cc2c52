import Foundation

extension Verification {
  /// The decision for people: the decision line, the evidence, each check, the components'
  /// table, the accepted deviations.
  public func text() -> String {
    var out = "\(environment): \(decision.rawValue)  (control point 3, "
    out += "\(Timestamp.human(evidence.time)), \(evidence.user)@\(evidence.host), "
    out += "Baseline \(evidence.toolVersion))\n"
    for (label, value) in facts { out += "  \(label): \(Terminal.line(value))\n" }
    out += "checks:\n"
    for check in checks {
      out += "  \(Self.label(check.status).padding(toLength: 12, withPad: " ", startingAt: 0))"
      out += "  \(check.title)\n"
      for reason in check.reasons { out += "                - \(Terminal.line(reason))\n" }
    }
    out += "components:\n"
    var rows: [[String]] = [
      [
        "component", "baselined", "its tag", "pinned commit", "deployed", "commit", "seen by",
        "verdict",
      ]
    ]
    // The tag is the baselined release's, beside it: not a claim about the deployed commit.
    for row in report.rows {
      rows.append([
        row.component, row.baseline ?? "—", row.tag ?? "—", row.pin.map(ObjectIDText.short) ?? "—",
        row.deployed ?? "—", row.commit.map(ObjectIDText.short) ?? "—", seenBy(row),
        verdictText(row),
      ])
    }
    out += TextTable.render(rows, indent: "  ")
    if !unpinned.isEmpty {
      out += "  not pinned (their tags are trusted as they are today): "
      out += unpinned.joined(separator: ", ") + "\n"
    }
    if !acceptedFindings.isEmpty {
      out += "accepted deviations (not counted):\n"
      for finding in acceptedFindings {
        out += "  - \(DriftReport.line(finding))\n"
      }
    }
    for acceptance in report.unusedAcceptances {
      out +=
        Terminal.line(
          "note: the accepted deviation \(acceptance.subject) (\(acceptance.reference)) matches "
            + "no finding; the entry can be removed") + "\n"
    }
    if !warnings.isEmpty {
      out += "caveats (\(warnings.count)):\n"
      for warning in warnings.prefix(10) { out += "  \(Terminal.line(warning))\n" }
      if warnings.count > 10 { out += "  … and \(warnings.count - 10) more (see --format json)\n" }
    }
    out += "\(environment): \(decision.rawValue): \(summary). Exit \(exitCode).\n"
    return Terminal.safe(out)
  }

  /// `2 of 10 checks failed`, `all 10 checks passed`, or `8 of 10 checks passed; 1 not
  /// applicable, 1 version only`.
  public var summary: String {
    let failed = failedChecks.count
    if failed > 0 { return "\(failed) of \(checks.count) checks failed" }
    let passed = checks.filter(\.passed).count
    if passed == checks.count { return "all \(checks.count) checks passed" }
    let notApplicable = checks.filter { $0.status == .notApplicable }.count
    let versionOnly = checks.filter { $0.status == .versionOnly }.count
    let limits = [
      notApplicable > 0 ? "\(notApplicable) not applicable" : nil,
      versionOnly > 0 ? "\(versionOnly) version only" : nil,
    ].compactMap { $0 }
    return "\(passed) of \(checks.count) checks passed; \(limits.joined(separator: ", "))"
  }

  /// A check's result for people.
  static func label(_ status: Check.Status) -> String {
    switch status {
    case .passed: return "pass"
    case .failed: return "FAIL"
    case .notApplicable: return "n/a"
    case .versionOnly: return "version only"
    }
  }

  /// What a component was judged by: `commit`, `version only` or `—`.
  func seenBy(_ row: EnvironmentReport.Row) -> String {
    switch proofs.first(where: { $0.component == row.component })?.basis {
    case .commit?: return "commit"
    case .version?: return "version only"
    case .nothing?, nil: return "—"
    }
  }

  /// The evidence pack a Board reads and files: decision, provenance, checks, the components'
  /// table, why it is NO-GO, accepted deviations, caveats.
  public func markdown() -> String {
    var out = "# Control point 3: \(Markdown.text(environment)) is **\(decision.rawValue)**\n\n"
    out +=
      decision == .noGo
      ? "The environment is not shown to be at its required configuration baseline: "
        + "\(summary).\n\n"
      : (checks.allSatisfy(\.passed)
        ? "The environment is at its required configuration baseline: \(summary).\n\n"
        : "No check failed (\(summary)); what the checks could not prove is listed under "
          + "Checks.\n\n")
    out += "| | |\n|---|---|\n"
    out += "| Environment | \(Markdown.cell(environment)) |\n"
    out += "| Decision | **\(decision.rawValue)** |\n"
    for (label, value) in facts {
      out += "| \(label.prefix(1).uppercased() + label.dropFirst()) | \(Markdown.cell(value)) |\n"
    }
    out += "\n## Checks\n\n| check | result |\n|---|---|\n"
    for check in checks {
      let label = Self.label(check.status)
      out +=
        "| \(Markdown.cell(check.title)) | \(check.status == .failed ? "**\(label)**" : label) |\n"
    }
    // A pin check passed only for the pinned releases names the others here too.
    let limited = checks.filter {
      $0.status == .notApplicable || $0.status == .versionOnly
        || ($0.id == .pinsHold && $0.status == .passed && !$0.reasons.isEmpty)
    }
    if !limited.isEmpty {
      out += "\nWhat these checks could not prove:\n\n"
      for check in limited {
        for reason in check.reasons {
          out += "- \(Markdown.text(check.id.rawValue)): \(Markdown.text(reason))\n"
        }
      }
    }
    out += "\n## Components\n\n"
    out += "| component | baselined release | its tag | pinned commit | deployed release "
    out += "| deployed commit | seen by | verdict |\n|---|---|---|---|---|---|---|---|\n"
    for row in report.rows {
      let cells = [
        row.component, row.baseline ?? "—", row.pin ?? "—", row.deployed ?? "—", row.commit ?? "—",
        row.tag ?? "—",
      ].map(Markdown.cell)
      let commits = [cells[2], cells[4]].map { $0 == "—" ? $0 : "`\($0)`" }
      out +=
        "| \(cells[0]) | \(cells[1]) | \(cells[5]) | \(commits[0]) | \(cells[3]) | \(commits[1]) "
        + "| \(seenBy(row)) | \(Markdown.cell(verdictText(row))) |\n"
    }
    if !unpinned.isEmpty {
      out +=
        "\nNot pinned (their tags are trusted as they are today): "
        + unpinned.map(Markdown.text).joined(separator: ", ") + ". `baseline pin` records them.\n"
    }
    if decision == .noGo {
      out += "\n## Why NO-GO\n"
      for check in failedChecks {
        out += "\n**\(Markdown.text(check.title))** failed:\n\n"
        for reason in check.reasons { out += "- \(Markdown.text(reason))\n" }
      }
    }
    if !acceptedFindings.isEmpty {
      out += "\n## Accepted deviations\n\nReported, and not counted against the decision:\n\n"
      out += Markdown.bullets(acceptedFindings.map { Markdown.finding($0, in: environment) })
    }
    if !report.unusedAcceptances.isEmpty {
      out += "\nAccepted deviations that match nothing (the deviation is gone):\n\n"
      out += Markdown.bullets(
        report.unusedAcceptances.map {
          "\(Markdown.text($0.subject)) (\(Markdown.text($0.reference)))"
        })
    }
    if !warnings.isEmpty {
      out += "\n## Caveats\n\n" + Markdown.bullets(warnings.map(Markdown.text))
    }
    out += "\n---\nMade by `baseline verify` \(evidence.toolVersion); exit \(exitCode).\n"
    return out
  }

  /// The decision as `baseline.verify/1` JSON.
  public func json() -> String {
    JSONText.encode(VerificationDocument(self))
  }

  /// The provenance lines shared by the text and Markdown forms.
  var facts: [(String, String)] {
    var facts: [(String, String)] = []
    if let requiredRelease {
      facts.append(
        (
          "programme release",
          "\(requiredRelease) required; the baseline declares \(declaredRelease ?? "none")"
        ))
    } else if let declaredRelease {
      facts.append(("programme release", "\(declaredRelease) (declared by the baseline)"))
    }
    facts.append(("verified at", Timestamp.human(evidence.time)))
    facts.append(("verified by", "\(evidence.user) on \(evidence.host)"))
    facts.append(("tool", "Baseline \(evidence.toolVersion)"))
    var estate = evidence.estateRoot
    if let unreadable = evidence.changesUnreadable {
      estate += " (its git repository could not be read: \(unreadable))"
    } else if let commit = evidence.estateCommit {
      estate += " at commit \(commit)"
      estate +=
        evidence.uncommittedChanges.isEmpty
        ? ", no uncommitted changes to Baselines/ or Probes/"
        : "; UNCOMMITTED changes: \(evidence.uncommittedChanges.joined(separator: ", "))"
    } else if !evidence.uncommittedChanges.isEmpty {
      estate +=
        " (in a git repository with no commit yet; UNCOMMITTED: "
        + "\(evidence.uncommittedChanges.joined(separator: ", ")))"
    } else {
      estate += " (not in a git repository: no commit to cite)"
    }
    facts.append(("estate", estate))
    facts.append(
      (
        "baseline file",
        evidence.baselineFile + (evidence.baselineBlob.map { " (blob \($0))" } ?? "")
      ))
    facts.append(
      (
        "components file",
        "Baselines/components.yaml" + (evidence.componentsBlob.map { " (blob \($0))" } ?? "")
      ))
    facts.append(
      (
        "pin file",
        evidence.pinFile.map { $0 + (evidence.pinFileBlob.map { " (blob \($0))" } ?? "") }
          ?? "none"
      ))
    if !evidence.trustFiles.isEmpty {
      facts.append(
        (
          "trust files",
          evidence.trustFiles.sorted { $0.key < $1.key }.map { "\($0.key) (blob \($0.value))" }
            .joined(separator: ", ")
        ))
    }
    let probes = report.probes.map { run in
      run.inventory == nil
        ? Terminal.line("\(run.probe) FAILED (\(run.failure ?? "no inventory"))")
        : Terminal.line("\(run.probe) ok")
    }
    facts.append(
      (
        "inventory",
        (report.collectedAt.map { "collected \(Timestamp.human($0))" } ?? "none")
          + "; probes: \(probes.isEmpty ? "none" : probes.joined(separator: ", "))"
      ))
    for saved in evidence.inventories {
      facts.append(
        (
          "inventory file",
          "\(saved.path) (\(saved.sha256), collected_at \(Timestamp.string(saved.collectedAt)))"
        ))
    }
    facts.append(("evidence required", requiredEvidence.rawValue))
    if !evidence.commandLine.isEmpty {
      facts.append(("command", Shell.quoted(evidence.commandLine)))
    }
    return facts
  }

  /// Baselined components with no pin.
  var unpinned: [String] {
    report.rows.filter { $0.baseline != nil && $0.pin == nil }.map(\.component)
  }

  func verdictText(_ row: EnvironmentReport.Row) -> String {
    row.findings.isEmpty
      ? (row.isOKByVersionOnly ? "ok, version only" : row.verdict.rawValue)
      : "\(row.verdict.rawValue): \(row.findings.map(\.rawValue).joined(separator: ", "))"
  }
}

/// `baseline.verify/1`.
private struct VerificationDocument: Encodable {
  let verification: Verification
  init(_ verification: Verification) { self.verification = verification }

  struct CheckDocument: Encodable {
    let id: String
    let title: String
    let status: String
    let passed: Bool
    let reasons: [String]
  }

  struct InventoryFileDocument: Encodable {
    let path: String
    let sha256: String
    let collectedAt: String
    enum CodingKeys: String, CodingKey {
      case path, sha256
      case collectedAt = "collected_at"
    }
  }

  struct ProofDocument: Encodable {
    let component: String
    let seenBy: String
    let atBaseline: Bool
    enum CodingKeys: String, CodingKey {
      case component
      case seenBy = "seen_by"
      case atBaseline = "at_baseline"
    }
  }

  enum CodingKeys: String, CodingKey {
    case schema, environment, decision, evidence, checks, components, findings, probes, warnings
    case proofs
    case requiredEvidence = "evidence_required"
    case programmeRelease = "programme_release"
    case collectedAt = "collected_at"
    case unusedAcceptances = "unused_acceptances"
  }

  enum EvidenceKeys: String, CodingKey {
    case time, user, host
    case toolVersion = "tool_version"
    case estateRoot = "estate_root"
    case estateCommit = "estate_commit"
    case uncommittedChanges = "uncommitted_changes"
    case changesUnreadable = "changes_unreadable"
    case baselineFile = "baseline_file"
    case baselineBlob = "baseline_blob"
    case pinFile = "pin_file"
    case pinFileBlob = "pin_file_blob"
    case componentsBlob = "components_blob"
    case trustFiles = "trust_files"
    case inventories
    case commandLine = "command_line"
  }

  enum ReleaseKeys: String, CodingKey { case required, declared }

  func encode(to encoder: any Encoder) throws {
    let v = verification
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Verification.schema, forKey: .schema)
    try container.encode(v.environment, forKey: .environment)
    try container.encode(v.decision.rawValue, forKey: .decision)
    var evidence = container.nestedContainer(keyedBy: EvidenceKeys.self, forKey: .evidence)
    try evidence.encode(Timestamp.string(v.evidence.time), forKey: .time)
    try evidence.encode(v.evidence.user, forKey: .user)
    try evidence.encode(v.evidence.host, forKey: .host)
    try evidence.encode(v.evidence.toolVersion, forKey: .toolVersion)
    try evidence.encode(v.evidence.estateRoot, forKey: .estateRoot)
    try evidence.encode(v.evidence.estateCommit, forKey: .estateCommit)
    try evidence.encode(v.evidence.uncommittedChanges, forKey: .uncommittedChanges)
    try evidence.encodeIfPresent(v.evidence.changesUnreadable, forKey: .changesUnreadable)
    try evidence.encode(v.evidence.baselineFile, forKey: .baselineFile)
    try evidence.encode(v.evidence.baselineBlob, forKey: .baselineBlob)
    try evidence.encode(v.evidence.pinFile, forKey: .pinFile)
    try evidence.encode(v.evidence.pinFileBlob, forKey: .pinFileBlob)
    try evidence.encode(v.evidence.componentsBlob, forKey: .componentsBlob)
    try evidence.encode(v.evidence.trustFiles, forKey: .trustFiles)
    try evidence.encode(
      v.evidence.inventories.map {
        InventoryFileDocument(
          path: $0.path, sha256: $0.sha256, collectedAt: Timestamp.string($0.collectedAt))
      }, forKey: .inventories)
    try evidence.encode(v.evidence.commandLine, forKey: .commandLine)
    try container.encode(v.requiredEvidence.rawValue, forKey: .requiredEvidence)
    var release = container.nestedContainer(keyedBy: ReleaseKeys.self, forKey: .programmeRelease)
    try release.encode(v.requiredRelease, forKey: .required)
    try release.encode(v.declaredRelease, forKey: .declared)
    try container.encode(
      v.checks.map {
        CheckDocument(
          id: $0.id.rawValue, title: $0.title, status: $0.status.rawValue, passed: $0.passed,
          reasons: $0.reasons)
      },
      forKey: .checks)
    try container.encode(
      v.proofs.map {
        ProofDocument(
          component: $0.component, seenBy: $0.basis.rawValue, atBaseline: $0.atBaseline)
      }, forKey: .proofs)
    try container.encode(v.report.rows.map(RowDocument.init), forKey: .components)
    try container.encode(
      v.report.findings.map { FindingDocument($0, in: v.report.environment) }, forKey: .findings)
    try container.encode(v.report.probes.map(ProbeDocument.init), forKey: .probes)
    try container.encode(v.report.collectedAt.map(Timestamp.string), forKey: .collectedAt)
    try container.encode(
      v.report.unusedAcceptances.map(AcceptanceDocument.init), forKey: .unusedAcceptances)
    try container.encode(v.warnings, forKey: .warnings)
  }
}
