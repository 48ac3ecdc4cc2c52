public import Foundation
import Git

/// The comparison of an environment's baseline with its inventory: a pure function of the
/// baseline, the probe outcomes, the components' facts and the current time, with no process,
/// disk or repository access, so that every finding kind is tested with values.
public enum Comparison {
  /// Compares one environment.
  ///
  /// - Parameters:
  ///   - baseline: the environment's declared state.
  ///   - runs: every probe outcome for this environment; failed runs become `probe_failed`,
  ///     the inventories of the others are merged (a disagreement between probes is an
  ///     `inventory_conflict`, and that value is not compared).
  ///   - components: the catalogue, for the schemes of reported versions.
  ///   - facts: tags and resolved commits per component name.
  ///   - now: the time against which `max_age` is judged.
  /// - Returns: the environment's report.
  public static func compare(
    baseline: Baseline, runs: [ProbeRun], components: [String: Component],
    facts: [String: ComponentFacts], now: Date
  ) -> EnvironmentReport {
    var findings: [Finding] = []
    var incomplete = false
    for run in runs where run.inventory == nil {
      incomplete = true
      findings.append(
        Finding(
          .probeFailed, actual: run.failure,
          message: "\(baseline.environment): probe \(run.probe) failed "
            + "(\(run.failure ?? "no inventory")); what it would report is unknown",
          probe: run.probe))
    }
    // Failures recorded inside an inventory (a saved one, from `baseline probe`) count as
    // much as the probe runs of this run.
    for run in runs {
      for failure in run.inventory?.failures ?? [] {
        incomplete = true
        findings.append(
          Finding(
            .probeFailed, actual: failure.failure,
            message: "\(baseline.environment): probe \(failure.probe) failed "
              + "(\(failure.failure)), as recorded in \(run.probe); what it would report is unknown",
            probe: failure.probe))
      }
    }
    if runs.isEmpty {
      incomplete = true
      findings.append(
        Finding(
          .probeFailed,
          message: "\(baseline.environment): no probe ran"))
    }
    // Commits are compared by the commit they name, not by how they are written: a probe
    // that reports `4bae360` and one that reports the full id agree.
    let inventories = runs.compactMap { run in
      run.inventory.map { (run.probe, resolvingCommits($0, facts: facts)) }
    }
    for (probe, inventory) in inventories {
      let age = now.timeIntervalSince(inventory.collectedAt)
      let collected = Timestamp.human(inventory.collectedAt)
      if age < -300 {
        // More than five minutes ahead: a probe host's clock is wrong, and such an inventory
        // would never go stale.
        incomplete = true
        findings.append(
          Finding(
            .staleInventory, expected: "collected before \(Timestamp.string(now))",
            actual: Timestamp.string(inventory.collectedAt),
            message: "\(baseline.environment): the inventory from \(probe) says it was collected "
              + "\(collected), in the future; check the probe host's clock",
            probe: probe))
      } else if let maxAge = baseline.maxAge, age > maxAge {
        incomplete = true
        findings.append(
          Finding(
            .staleInventory, expected: "within \(AgeLimit.text(maxAge))",
            actual: Timestamp.string(inventory.collectedAt),
            message: "\(baseline.environment): the inventory from \(probe) was collected "
              + "\(collected), \(AgeLimit.age(age)) ago; max_age is \(AgeLimit.text(maxAge))",
            probe: probe))
      }
    }
    let merged = ObservedComponent.merge(inventories, environment: baseline.environment)
    findings += merged.conflicts

    // Whether a probe failed (now, or as recorded in a saved inventory): then a component
    // nobody reported is unknown, not missing.
    let probesFailed =
      runs.isEmpty
      || runs.contains { $0.inventory == nil || $0.inventory?.failures.isEmpty == false }
    var rows: [EnvironmentReport.Row] = []
    for entry in baseline.components {
      let judged = judge(
        entry: entry, observed: merged.components[entry.component],
        facts: facts[entry.component],
        scheme: components[entry.component]?.scheme ?? entry.release.scheme,
        probesFailed: probesFailed,
        environment: baseline.environment)
      findings += judged.findings
      rows.append(judged.row)
      // A commit a shallow clone cannot show is an unknown, not a verdict (case G3).
      if judged.row.verdict == .unknown { incomplete = true }
    }
    let baselined = Set(baseline.components.map(\.component))
    for name in merged.order where !baselined.contains(name) {
      guard let observed = merged.components[name] else { continue }
      let what = [observed.version, observed.commit.map { "commit \($0)" }].compactMap { $0 }
        .joined(separator: ", ")
      findings.append(
        Finding(
          .unexpectedComponent, component: name, actual: observed.version ?? observed.commit,
          message: "\(baseline.environment): \(name) is deployed"
            + (what.isEmpty ? "" : " (\(what))") + " but is not in the baseline",
          probe: observed.sources.joined(separator: ", ")))
      rows.append(
        EnvironmentReport.Row(
          component: name, baseline: nil, pin: nil, tagCommit: nil, deployed: observed.version,
          commit: observed.commit, findings: [.unexpectedComponent]))
    }
    let (judged, unused) = applyAcceptances(baseline, to: findings, now: now)
    findings = judged
    // A row lists every finding on its component, those of the merge (conflicts) included.
    var kinds: [String: [Finding.Kind]] = [:]
    var open: Set<String> = []
    for finding in findings {
      guard let component = finding.component else { continue }
      kinds[component, default: []].append(finding.kind)
      if finding.isOpen { open.insert(component) }
    }
    rows = rows.map { row in
      let listed = kinds[row.component] ?? []
      let verdict: EnvironmentReport.Verdict? =
        row.verdict == .unknown
        ? .unknown : (!listed.isEmpty && !open.contains(row.component) ? .accepted : nil)
      return EnvironmentReport.Row(
        component: row.component, baseline: row.baseline, pin: row.pin, tagCommit: row.tagCommit,
        deployed: row.deployed, commit: row.commit, findings: listed, verdict: verdict,
        pinSource: row.pinSource, tag: row.tag, conflictingTags: row.conflictingTags)
    }
    let status: EnvironmentReport.Status =
      incomplete ? .incomplete : (findings.contains(where: \.isOpen) ? .drifted : .inBaseline)
    return EnvironmentReport(
      environment: baseline.environment, status: status, findings: findings, rows: rows,
      probes: runs, collectedAt: inventories.map(\.1.collectedAt).min(),
      unusedAcceptances: unused)
  }

  /// Marks the findings that a holding acceptance covers (the first that covers each), adds an
  /// `expired_acceptance` for every acceptance past its date, and returns the acceptances that
  /// hold but cover nothing (the deviation is gone: the entry can be removed).
  static func applyAcceptances(_ baseline: Baseline, to findings: [Finding], now: Date) -> (
    [Finding], [Acceptance]
  ) {
    let holding = baseline.acceptances.filter { $0.holds(at: now) }
    var used: Set<Acceptance> = []
    var result = findings.map { finding in
      guard let acceptance = holding.first(where: { $0.covers(finding) }) else { return finding }
      used.insert(acceptance)
      return finding.accepted(by: acceptance)
    }
    for acceptance in baseline.acceptances where !acceptance.holds(at: now) {
      result.append(
        Finding(
          .expiredAcceptance, component: acceptance.component,
          expected: "accepted until \(acceptance.expires)", actual: acceptance.reference,
          message: "\(baseline.environment): the acceptance of \(acceptance.subject) "
            + "(\(acceptance.reference): \(acceptance.reason)) expired at the end of "
            + "\(acceptance.expires); what it covered counts again. Renew it with a new date or "
            + "remove it from \(baseline.file)",
          key: acceptance.key))
    }
    return (result, holding.filter { !used.contains($0) })
  }

  /// The inventory with every commit that resolved written as its full id.
  static func resolvingCommits(_ inventory: Inventory, facts: [String: ComponentFacts]) -> Inventory
  {
    Inventory(
      environment: inventory.environment, collectedAt: inventory.collectedAt,
      components: inventory.components.map { entry in
        guard let text = entry.commit, case .commit(let id)? = facts[entry.name]?.commits[text],
          id.hex != text
        else { return entry }
        return Inventory.Entry(
          name: entry.name, version: entry.version, commit: id.hex, settings: entry.settings,
          files: entry.files)
      }, failures: inventory.failures, conflicts: inventory.conflicts)
  }

  // swift-format-ignore: FunctionBodyLength
  static func judge(
    entry: Baseline.Entry, observed: ObservedComponent?, facts: ComponentFacts?,
    scheme: VersionScheme, probesFailed: Bool, environment: String
  ) -> (findings: [Finding], row: EnvironmentReport.Row) {
    let name = entry.component
    let release = entry.release
    let releases = facts?.releases
    var findings: [Finding] = []
    let tagged = releases?.builds(of: release) ?? []
    let tagCommit = tagged.first?.commit
    let approved = entry.pin ?? tagCommit
    if tagged.isEmpty {
      findings.append(
        Finding(
          .unknownRelease, component: name, expected: release.text,
          message: "\(environment): the baseline names \(name) \(release.text), but no tag of "
            + "the repository is that release"))
    }
    if let pin = entry.pin, let tagCommit, pin != tagCommit {
      findings.append(
        Finding(
          .movedTag, component: name, expected: pin.hex, actual: tagCommit.hex,
          message: "\(environment): the tag \(tagged[0].tag.name) of \(name) \(release.text) now "
            + "names \(tagCommit.hex), but it was pinned to \(pin.hex) "
            + (entry.pinSource == .pinFile
              ? "by baseline pin (\(PinFile.path(environment: environment)))"
              : "when the baseline was approved (commit:)")))
    }
    func row(deployed: String?, commit: String?, unknown: Bool = false) -> EnvironmentReport.Row {
      EnvironmentReport.Row(
        component: name, baseline: release.text, pin: entry.pin?.hex, tagCommit: tagCommit?.hex,
        deployed: deployed, commit: commit, findings: findings.map(\.kind),
        verdict: unknown ? .unknown : nil, pinSource: entry.pinSource, tag: tagged.first?.tag.name,
        conflictingTags: tagged.filter { $0.commit != tagCommit }.map(\.tag.name))
    }
    guard let observed else {
      if !probesFailed {
        findings.append(
          Finding(
            .missingComponent, component: name, expected: release.text,
            message:
              "\(environment): \(name) \(release.text) is baselined, but no probe reported it"))
      }
      return (findings, row(deployed: nil, commit: nil, unknown: probesFailed && findings.isEmpty))
    }

    // The deployed commit, resolved in the component's repository.
    var deployedCommit: ObjectID?
    var beyondShallowBoundary = false
    if let text = observed.commit {
      switch facts?.resolution(of: text) {
      case .commit(let id)?:
        deployedCommit = id
      case .ambiguous(let candidates)?:
        findings.append(
          Finding(
            .unresolvedCommit, component: name, actual: text,
            message: "\(environment): \(name) reports commit \(text), an ambiguous commit prefix "
              + "(\(candidates) candidates); report more digits or the full id"))
      case .notACommit(let type)?:
        findings.append(
          Finding(
            .unresolvedCommit, component: name, actual: text,
            message:
              "\(environment): \(name) reports commit \(text), which names a \(type), not a commit")
        )
      case .notFound?, nil:
        let shallow = releases?.isShallow == true
        beyondShallowBoundary = shallow
        findings.append(
          Finding(
            .unresolvedCommit, component: name, actual: text,
            message: "\(environment): \(name) reports commit \(text), which is not in its "
              + (shallow
                ? "repository, a shallow clone: it may lie beyond the clone's boundary, so "
                  + "whether it is a tagged build is unknown (case G3; fetch the full history)"
                : "repository (is the local clone up to date?)")))
      }
    }
    let commitText = deployedCommit?.hex ?? observed.commit
    let onDeployed = deployedCommit.map { releases?.builds(on: $0) ?? [] } ?? []
    let deployedText = observed.version ?? onDeployed.first?.release.text

    if let d = deployedCommit, let pin = entry.pin, d == pin,
      observed.version.map({ (try? ReleaseVersion($0, scheme: scheme)) == release }) ?? true
    {
      // At the approved build, whatever the tag says now (case G4).
    } else if let versionText = observed.version {
      let claimed = try? ReleaseVersion(versionText, scheme: scheme)
      if claimed != release {
        let note =
          claimed == nil
          ? " (not a release of the \(scheme.rawValue) scheme)"
          : (releases?.builds(of: claimed ?? release).isEmpty ?? true
            ? " (no tag of the repository is that release)" : "")
        findings.append(
          Finding(
            .versionMismatch, component: name, expected: release.text, actual: versionText,
            message: "\(environment): \(name) runs \(versionText)\(note)"
              + (commitText.map { " (commit \($0))" } ?? "") + ", baseline says \(release.text)"))
      }
      if let d = deployedCommit {
        let claimedBuilds = claimed.map { releases?.builds(of: $0) ?? [] } ?? []
        let expectedCommit = claimed == release ? approved : claimedBuilds.first?.commit
        if let expectedCommit, d != expectedCommit {
          var detail =
            "tag \(claimedBuilds.first?.tag.name ?? release.text) names \(expectedCommit.hex)"
          if claimed == release, let pin = entry.pin, pin != tagCommit {
            detail = "the approved build is \(pin.hex)"
          }
          let other =
            onDeployed.isEmpty
            ? "no tag names it"
            : "it is tagged \(onDeployed.map(\.tag.name).joined(separator: ", "))"
          findings.append(
            Finding(
              .commitMismatch, component: name, expected: expectedCommit.hex, actual: d.hex,
              message: "\(environment): \(name) claims \(versionText) but runs commit \(d.hex), "
                + "which is not its tagged build (\(detail)); \(other)"))
        } else if expectedCommit == nil, !onDeployed.isEmpty,
          !onDeployed.contains(where: { $0.release == claimed })
        {
          let names = onDeployed.map(\.tag.name).joined(separator: ", ")
          findings.append(
            Finding(
              .commitMismatch, component: name, expected: nil, actual: d.hex,
              message: "\(environment): \(name) claims \(versionText), which has no tag, but runs "
                + "commit \(d.hex), tagged \(names)"))
        } else if expectedCommit == nil, onDeployed.isEmpty {
          findings.append(
            Finding(
              .untaggedBuild, component: name, expected: approved?.hex, actual: d.hex,
              message: "\(environment): \(name) runs commit \(d.hex), which no release tag names"))
        }
      }
    } else if let d = deployedCommit {
      if onDeployed.isEmpty {
        findings.append(
          Finding(
            .untaggedBuild, component: name, expected: approved?.hex, actual: d.hex,
            message: "\(environment): \(name) runs commit \(d.hex), which no release tag names; "
              + "baseline says \(release.text)" + (approved.map { " (\($0.hex))" } ?? "")))
      } else if !onDeployed.contains(where: { $0.release == release }) {
        let names = onDeployed.map(\.release.text).joined(separator: ", ")
        findings.append(
          Finding(
            .versionMismatch, component: name, expected: release.text, actual: names,
            message: "\(environment): \(name) runs commit \(d.hex), tagged \(names); baseline "
              + "says \(release.text)"))
      } else if let approved, d != approved {
        findings.append(
          Finding(
            .commitMismatch, component: name, expected: approved.hex, actual: d.hex,
            message: "\(environment): \(name) runs commit \(d.hex), where the tag of "
              + "\(release.text) points now, but the approved build is \(approved.hex)"))
      }
    } else if observed.commit == nil, !observed.releaseConflicted {
      // Reported (settings, files) but with no release at all: which build runs is not known,
      // and that is not "ok".
      findings.append(
        Finding(
          .missingComponent, component: name, expected: release.text, actual: nil,
          message:
            "\(environment): \(name) is reported by \(observed.sources.joined(separator: ", ")) "
            + "but with neither a version nor a commit; baseline says \(release.text)"))
    }

    findings += hotfixRegression(
      entry: entry, observed: observed, deployedCommit: deployedCommit, facts: facts,
      approved: approved, scheme: scheme, environment: environment)
    findings += settingFindings(entry: entry, observed: observed, environment: environment)
    return (
      findings, row(deployed: deployedText, commit: commitText, unknown: beyondShallowBoundary)
    )
  }

  /// `hotfix_regression`: the environment runs an emergency release whose fix the baselined
  /// release lacks, so moving to the baseline would lose it.
  static func hotfixRegression(
    entry: Baseline.Entry, observed: ObservedComponent, deployedCommit: ObjectID?,
    facts: ComponentFacts?, approved: ObjectID?, scheme: VersionScheme, environment: String
  ) -> [Finding] {
    guard let facts, let approved else { return [] }
    // The deployed commit says which build runs; a version alone, its tag's build.
    var deployed: [(ReleaseVersion, ObjectID)] = []
    if let commit = deployedCommit,
      let build = facts.releases.builds(on: commit).first(where: { $0.release.isEmergency })
    {
      deployed.append((build.release, commit))
    } else if deployedCommit == nil, let text = observed.version,
      let version = try? ReleaseVersion(text, scheme: scheme), version.isEmergency,
      let build = facts.releases.builds(of: version).first
    {
      deployed.append((version, build.commit))
    }
    return deployed.compactMap { release, commit in
      guard
        let check = facts.hotfixChecks.first(where: { $0.hotfix == commit && $0.target == approved }
        ),
        check.result.status == .notMerged
      else { return nil }
      let lost = check.result.missing.map { "\($0.id.short) \"\($0.summary)\"" }
        .joined(separator: ", ")
      return Finding(
        .hotfixRegression, component: entry.component, expected: entry.release.text,
        actual: release.text,
        message: "\(environment): \(entry.component) runs emergency release \(release.text), but "
          + "its baseline \(entry.release.text) lacks its fix (\(lost)): moving to the baseline "
          + "would lose it")
    }
  }

  static func settingFindings(
    entry: Baseline.Entry, observed: ObservedComponent, environment: String
  )
    -> [Finding]
  {
    let name = entry.component
    var findings: [Finding] = []
    for setting in entry.settings where !observed.conflictedSettings.contains(setting.key) {
      if let reported = observed.settings?[setting.key] {
        if reported != setting.value {
          findings.append(
            Finding(
              .settingDrift, component: name, expected: setting.value, actual: reported,
              message:
                "\(environment): \(name) setting \(setting.key) is \"\(reported)\", baseline says \"\(setting.value)\"",
              key: setting.key))
        }
      } else {
        findings.append(
          Finding(
            .settingDrift, component: name, expected: setting.value, actual: nil,
            message: "\(environment): \(name) setting \(setting.key) is not reported by any probe "
              + "(baseline says \"\(setting.value)\"); absent is not the same as a default",
            key: setting.key))
      }
    }
    for file in entry.files where !observed.conflictedFiles.contains(file.key) {
      guard let reported = observed.files?[file.key] else {
        findings.append(
          Finding(
            .fileDrift, component: name, expected: file.value, actual: nil,
            message: "\(environment): \(name) file \(file.key) is not reported by any probe",
            key: file.key))
        continue
      }
      guard reported.digest != file.value else { continue }
      let lineEndingsOnly = reported.normalizedDigest == file.value
      findings.append(
        Finding(
          .fileDrift, component: name, expected: file.value, actual: reported.digest,
          message: "\(environment): \(name) file \(file.key) differs from the baseline "
            + (lineEndingsOnly
              ? "in line endings only (CRLF deployed; the content is the same)"
              : "in content (\(reported.digest), baseline \(file.value))"),
          key: file.key))
    }
    return findings
  }
}
