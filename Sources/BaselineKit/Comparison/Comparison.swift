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
    var (findings, incomplete) = probeFindings(runs)
    // Commits are compared by the commit they name, not by how they are written: a probe
    // that reports `4bae360` and one that reports the full id agree.
    let inventories = runs.compactMap { run in
      run.inventory.map { (run.probe, resolvingCommits($0, facts: facts)) }
    }
    let freshness = freshnessFindings(inventories, maxAge: baseline.maxAge, now: now)
    findings += freshness
    if !freshness.isEmpty { incomplete = true }
    let merged = ObservedComponent.merge(inventories)
    findings += merged.conflicts

    // Whether a probe failed (now, or as recorded in a saved inventory): then a component
    // nobody reported is unknown, not missing.
    let probesFailed =
      runs.isEmpty
      || runs.contains { $0.inventory == nil || $0.inventory?.failures.isEmpty == false }
    var rows: [EnvironmentReport.Row] = []
    for entry in baseline.components {
      let judged = judge(
        entry: entry, observed: merged.components.value(exactlyAt: entry.component),
        facts: facts[entry.component],
        scheme: components[entry.component]?.scheme ?? entry.release.scheme,
        probesFailed: probesFailed,
        environment: baseline.environment)
      findings += judged.findings
      rows.append(judged.row)
      // A commit a shallow clone cannot show is an unknown, not a verdict.
      if judged.row.verdict == .unknown { incomplete = true }
    }
    let unexpected = unexpectedComponents(merged, baseline: baseline)
    findings += unexpected.findings
    rows += unexpected.rows
    let (judged, unused) = applyAcceptances(baseline, to: findings, now: now)
    findings = judged
    rows = annotated(rows, findings: findings, namedByBranch: namedByBranch(runs, facts: facts))
    let status: EnvironmentReport.Status =
      incomplete ? .incomplete : (findings.contains(where: \.isOpen) ? .drifted : .inBaseline)
    return EnvironmentReport(
      environment: baseline.environment, status: status, findings: findings, rows: rows,
      probes: runs, collectedAt: inventories.map(\.1.collectedAt).min(),
      unusedAcceptances: unused)
  }

  /// `probe_failed` for every probe that gave no inventory, for every failure a saved
  /// inventory records (they count as much as the probe runs of this run), and for no probe
  /// at all; and whether the environment's state is therefore incomplete.
  static func probeFindings(_ runs: [ProbeRun]) -> (findings: [Finding], incomplete: Bool) {
    var findings: [Finding] = []
    for run in runs where run.inventory == nil {
      findings.append(.probeFailed(probe: run.probe, failure: run.failure))
    }
    for run in runs {
      for failure in run.inventory?.failures ?? [] {
        findings.append(.probeFailed(failure, recordedIn: run.probe))
      }
    }
    if runs.isEmpty { findings.append(.noProbeRan()) }
    return (findings, !findings.isEmpty)
  }

  /// `stale_inventory` for an inventory older than `max_age`, or collected more than five
  /// minutes in the future (a probe host's clock is wrong, and such an inventory would never
  /// go stale).
  static func freshnessFindings(
    _ inventories: [(String, Inventory)], maxAge: TimeInterval?, now: Date
  ) -> [Finding] {
    var findings: [Finding] = []
    for (probe, inventory) in inventories {
      let age = now.timeIntervalSince(inventory.collectedAt)
      if age < -300 {
        findings.append(
          .inventoryFromTheFuture(probe: probe, collectedAt: inventory.collectedAt, now: now))
      } else if let maxAge, age > maxAge {
        findings.append(
          .staleInventory(
            probe: probe, collectedAt: inventory.collectedAt, age: age, maxAge: maxAge))
      }
    }
    return findings
  }

  /// Components reported but not in the baseline: a finding and a row each.
  static func unexpectedComponents(_ merged: ObservedComponent.Merged, baseline: Baseline)
    -> (findings: [Finding], rows: [EnvironmentReport.Row])
  {
    // By bytes: a name reported in another Unicode spelling of a declared one is another
    // component (the declared one is then missing).
    let baselined = Set(baseline.components.map { Array($0.component.utf8) })
    var findings: [Finding] = []
    var rows: [EnvironmentReport.Row] = []
    for name in merged.order where !baselined.contains(Array(name.utf8)) {
      guard let observed = merged.components[name] else { continue }
      findings.append(
        .unexpectedComponent(
          component: name, version: observed.version, commit: observed.commit,
          sources: observed.sources))
      rows.append(
        EnvironmentReport.Row(
          component: name, baseline: nil, pin: nil, tagCommit: nil, deployed: observed.version,
          commit: observed.commit, findings: [.unexpectedComponent]))
    }
    return (findings, rows)
  }

  /// Components whose commit a probe named by a branch: the local clone, not the
  /// environment, resolved it, so it is no evidence of which build runs. A text names its
  /// commit by id only when it is ASCII hex that the resolved id starts with: a branch named
  /// like hex (`deadbeef`, forty hex digits, fullwidth digits) resolves to a commit whose id
  /// does not, and is a branch.
  static func namedByBranch(_ runs: [ProbeRun], facts: [String: ComponentFacts]) -> Set<String> {
    Set(
      runs.flatMap { $0.inventory?.components ?? [] }.filter { entry in
        guard let text = entry.commit,
          case .commit(let id)? = facts[entry.name]?.resolution(of: text)
        else { return false }
        let trimmed = text.trimmingBlanks()
        return !(ObjectID.isSpelledAsID(trimmed) && id.hex.hasPrefix(trimmed.lowercased()))
      }.map(\.name))
  }

  /// The rows with every finding on their component listed (those of the merge, conflicts,
  /// included), the verdict `accepted` where every finding is accepted, and how the commit
  /// was named.
  static func annotated(
    _ rows: [EnvironmentReport.Row], findings: [Finding], namedByBranch: Set<String>
  ) -> [EnvironmentReport.Row] {
    var kinds: [String: [Finding.Kind]] = [:]
    var open: Set<String> = []
    for finding in findings {
      guard let component = finding.component else { continue }
      kinds[component, default: []].append(finding.kind)
      if finding.isOpen { open.insert(component) }
    }
    return rows.map { row in
      let listed = kinds[row.component] ?? []
      let verdict: EnvironmentReport.Verdict? =
        row.verdict == .unknown
        ? .unknown : (!listed.isEmpty && !open.contains(row.component) ? .accepted : nil)
      return EnvironmentReport.Row(
        component: row.component, baseline: row.baseline, pin: row.pin, tagCommit: row.tagCommit,
        deployed: row.deployed, commit: row.commit, findings: listed, verdict: verdict,
        pinSource: row.pinSource, tag: row.tag, conflictingTags: row.conflictingTags,
        commitNamedByBranch: namedByBranch.contains(row.component), commitTagged: row.commitTagged,
        signature: row.signature, hotfix: row.hotfix, deployedTag: row.deployedTag)
    }
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
      result.append(.expiredAcceptance(acceptance, file: baseline.file))
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
}
