import Git

/// The reasons gathered for each check of a decision, and the checks that could be made only
/// in part; turned into ``Verification/Check`` values once everything is known.
struct CheckReasons {
  private var failures: [Verification.CheckID: [String]] = [:]
  private var limits: [Verification.CheckID: (Verification.Check.Status, [String])] = [:]

  /// Records reasons a check fails; `first` puts them before those recorded so far.
  mutating func fail(_ id: Verification.CheckID, _ reasons: [String], first: Bool = false) {
    guard !reasons.isEmpty else { return }
    failures[id, default: []].insert(contentsOf: reasons, at: first ? 0 : failures[id]?.count ?? 0)
  }

  /// Records a reason a check fails.
  mutating func fail(_ id: Verification.CheckID, _ reason: String) {
    fail(id, [reason])
  }

  /// Records that a check could be made only in part (not applicable, version only).
  mutating func limit(
    _ id: Verification.CheckID, _ status: Verification.Check.Status, _ reasons: [String]
  ) {
    let earlier = limits[id]?.1 ?? []
    // A pass with reasons (what it rests on) never lifts a check already not applicable or
    // version only.
    let kept = status == .passed ? limits[id]?.0 ?? status : status
    limits[id] = (kept, earlier + reasons)
  }

  /// The result of a check: failed when it has failures, else limited, else passed.
  func check(_ id: Verification.CheckID) -> Verification.Check {
    if let reasons = failures[id] {
      return Verification.Check(id: id, status: .failed, reasons: reasons)
    }
    if let (status, reasons) = limits[id] {
      return Verification.Check(id: id, status: status, reasons: reasons)
    }
    return Verification.Check(id: id, status: .passed)
  }

  /// A check that passes only because the baseline accepts what was found names each
  /// accepted deviation (its reference), so that a pass never hides one; set before the
  /// checks that could not be made are marked, which keep their own status. (The hotfix check
  /// names its own, ``markHotfixes(_:)``.)
  mutating func nameAccepted(_ report: EnvironmentReport) {
    for finding in report.findings where finding.kind != .hotfixRegression {
      guard let acceptance = finding.acceptance else { continue }
      limit(
        Verification.CheckID.failed(by: finding.kind), .passed,
        ["accepted deviation (\(acceptance.reference)): \(finding.message)"])
    }
  }

  /// Marks what could not be proven: an estate in no git repository, nothing pinned, nothing
  /// declared to check, no acceptance to expire, probes a saved inventory does not record,
  /// untagged builds whichever finding reports them, and components seen by version alone
  /// (a failure of `builds_at_baseline` when the baseline requires `evidence: commit`).
  mutating func qualify(
    evidence: Verification.Evidence, baseline: Baseline, report: EnvironmentReport,
    proofs: [ComponentProof]
  ) {
    markNotApplicable(evidence: evidence, baseline: baseline, report: report)
    markHotfixes(report)
    markUntaggedBuilds(report)
    markVersionOnly(baseline: baseline, report: report, proofs: proofs)
  }

  /// The checks that could not be made at all.
  mutating func markNotApplicable(
    evidence: Verification.Evidence, baseline: Baseline, report: EnvironmentReport
  ) {
    if evidence.estateCommit == nil, evidence.uncommittedChanges.isEmpty {
      limit(
        .estateCommitted, .notApplicable,
        ["the estate is not in a git repository: there is no commit to cite its files by"])
    }
    let baselined = report.rows.filter { $0.baseline != nil }
    let unpinned = baselined.filter { $0.pin == nil }
    if !baselined.isEmpty, unpinned.count == baselined.count {
      limit(
        .pinsHold, .notApplicable,
        ["no baselined release is pinned, so no move can be seen; baseline pin records them"])
    } else if !unpinned.isEmpty {
      // A pass proves only the pinned releases: the others are named, not passed by default.
      limit(
        .pinsHold, .passed,
        [
          "not pinned, so a move of their tags would not be seen (baseline pin records them): "
            + unpinned.map { "\($0.component) \($0.baseline ?? "")" }.joined(separator: ", ")
        ])
    }
    let signed = baselined.compactMap { row in row.signature.map { (row, $0) } }
    if signed.isEmpty {
      limit(
        .tagsSigned, .notApplicable,
        ["no baselined component requires signed tags (signatures: in components.yaml)"])
    } else {
      // What was proven, signer by signer (a failure lists its own reasons instead).
      limit(
        .tagsSigned, .passed,
        signed.map { row, signature in
          "\(row.component) \(row.baseline ?? ""): tag \(signature.tag) "
            + "\(signature.verdictWords): \(signature.detail)"
        })
    }
    let failedProbes = report.probes.filter { $0.inventory == nil }.map(\.probe)
    if baseline.components.allSatisfy({ $0.settings.isEmpty && $0.files.isEmpty }) {
      limit(.configurationItems, .notApplicable, ["the baseline declares no settings or files"])
    } else if !failedProbes.isEmpty {
      // What a failed probe would have reported is not known: no pass by default.
      limit(
        .configurationItems, .notApplicable,
        [
          "probe \(failedProbes.joined(separator: ", ")) failed: the settings and files it "
            + "would report are not known, so they are not shown to be as declared"
        ])
    }
    if baseline.acceptances.isEmpty {
      limit(.acceptancesCurrent, .notApplicable, ["the baseline accepts no deviation"])
    }
    // A saved inventory that records no probes (a probe's own output, or a file written by
    // hand) says nothing of which probes ran.
    // (The runs read from a file that does record its probes carry inventories without that
    // record, so the files themselves are asked.)
    let unrecorded = evidence.inventories.filter {
      $0.inventory.environment.hasSameBytes(as: report.environment) && $0.inventory.probes.isEmpty
    }
    if !unrecorded.isEmpty {
      limit(
        .probes, .notApplicable,
        unrecorded.map {
          "\($0.path) records no probes: which of the baseline's probes ran, and how, is not "
            + "known (baseline probe --output records them)"
        })
    }
  }

  /// `no_hotfix_regression` on what was judged: a pass names each deployed emergency release
  /// the approved build carries (an accepted `hotfix_regression` named as such) and the
  /// components whose build is not known; nothing running an emergency release is not
  /// applicable, never a pass. Its failures are the open `hotfix_regression` findings.
  mutating func markHotfixes(_ report: EnvironmentReport) {
    var judged: [String] = []  // every deployed emergency release judged and not failing
    var unknown: [String] = []
    let failing = Set(
      report.openFindings.filter { $0.kind == .hotfixRegression }.compactMap(\.component))
    for row in report.rows {
      guard let baseline = row.baseline else { continue }
      let runs = "\(row.component) runs emergency release"
      switch row.hotfix {
      case nil:
        unknown.append(row.component)
      case .noEmergencyRelease?:
        break
      case .approvedBuild(let release)?:
        judged.append(
          "\(runs) \(release), its baselined release \(baseline) itself")
      case .judged(let release, let status)? where status == .merged || status == .cherryPicked:
        judged.append(
          "\(runs) \(release), whose fix the approved build of \(baseline) carries "
            + "(\(status == .merged ? "merged" : "cherry-picked"))")
      case .judged(let release, _)?, .notJudged(let release)?:
        // An open finding fails the check; an accepted one is named, not hidden.
        if !failing.contains(row.component) {
          let reference = report.findings.first {
            $0.component == row.component && $0.kind == .hotfixRegression
          }?.acceptance?.reference
          judged.append(
            "\(runs) \(release), whose fix is not shown in the approved build of \(baseline): "
              + "accepted deviation (\(reference ?? "?"))")
        }
      }
    }
    let notKnown =
      unknown.isEmpty
      ? []
      : [
        "which build runs is not known, so whether it is an emergency release is not known: "
          + unknown.joined(separator: ", ")
      ]
    if judged.isEmpty {
      limit(
        .noHotfixRegression, .notApplicable,
        [
          "no component is seen to run an emergency release, so no deployed fix can be lost "
            + "(whether the baselined releases carry the fixes of earlier emergency releases "
            + "is not judged here: baseline hotfixes judges that)"
        ] + notKnown)
    } else {
      limit(.noHotfixRegression, .passed, judged + notKnown)
    }
  }

  /// A deployed commit no release tag names is an untagged build, whichever finding reports
  /// it (a version claimed on an untagged commit is a `commit_mismatch`), and no build at its
  /// baseline either. The pinned build is the approved one even when its tag has moved away
  /// (that is `pins_hold`'s failure). A commit named by a branch is what the local clone
  /// holds, not what runs: it shows no untagged build (the check is version only instead).
  /// Only an acceptance that names the deployed commit (``acceptsCommit(_:_:)``) lets an
  /// untagged build through, not one of a version claimed for it.
  mutating func markUntaggedBuilds(_ report: EnvironmentReport) {
    // A component outside the baseline (its unexpected_component accepted) has its commit
    // reported but never resolved against its tags: whether it is tagged is not known.
    let unchecked = report.rows.filter {
      $0.baseline == nil && $0.verdict == .accepted && $0.commit != nil && $0.commitTagged == nil
    }
    if !unchecked.isEmpty {
      limit(
        .noUntaggedBuilds, .versionOnly,
        unchecked.map {
          "\($0.component) (not in the baseline, accepted) reports commit \($0.commit ?? ""), "
            + "which is not checked against its tags"
        })
    }
    // An accepted untagged build passes these checks by its acceptance: named, not hidden.
    for row in report.rows where row.commitTagged == false {
      guard let accepted = acceptingFinding(row, report) else { continue }
      let named = [
        "accepted deviation (\(accepted.acceptance?.reference ?? "?")): \(row.component) runs "
          + "commit \(row.commit ?? "?"), which no release tag names"
      ]
      if row.baseline != nil { limit(.buildsAtBaseline, .passed, named) }
      limit(.noUntaggedBuilds, .passed, named)
    }
    for row in report.rows where !acceptsCommit(row, report) {
      if row.findings.contains(.untaggedBuild), row.baseline != nil {
        fail(
          .buildsAtBaseline,
          "\(row.component) runs commit \(row.commit ?? "?"), an untagged build, not the tagged "
            + "build of \(row.baseline ?? "its release")")
      } else if row.commitTagged == false, !row.commitNamedByBranch,
        row.pin == nil || row.commit != row.pin
      {
        fail(
          .noUntaggedBuilds,
          "\(row.component) runs commit \(row.commit ?? "?"), which no release tag names "
            + "(reported as \(row.findings.map(\.rawValue).joined(separator: ", ")))")
      }
    }
  }

  /// Whether an acceptance on the row's component names its deployed commit (an accepted
  /// `untagged_build` or `commit_mismatch` of that commit): only then is an untagged build
  /// accepted. An accepted `version_mismatch` names a version, not the build that runs.
  func acceptsCommit(_ row: EnvironmentReport.Row, _ report: EnvironmentReport) -> Bool {
    acceptingFinding(row, report) != nil
  }

  /// The accepted finding that names the row's deployed commit (see ``acceptsCommit(_:_:)``).
  func acceptingFinding(_ row: EnvironmentReport.Row, _ report: EnvironmentReport) -> Finding? {
    guard let commit = row.commit else { return nil }
    return report.findings.first {
      $0.component == row.component && !$0.isOpen && $0.actual == commit
        && ($0.kind == .untaggedBuild || $0.kind == .commitMismatch)
    }
  }

  /// Every component seen by version alone, whatever else was found on it: a finding on
  /// another item (a setting) does not show its build to be the tagged one.
  mutating func markVersionOnly(
    baseline: Baseline, report: EnvironmentReport, proofs: [ComponentProof]
  ) {
    let byVersion = proofs.filter { $0.basis == .version }.map(\.component)
    guard !byVersion.isEmpty else { return }
    let byBranch = Set(report.rows.filter(\.commitNamedByBranch).map(\.component))
    let names = byVersion.map { byBranch.contains($0) ? "\($0) (commit named by a branch)" : $0 }
      .joined(separator: ", ")
    let branchNote =
      byBranch.isEmpty ? "" : " (a branch name says what the local clone holds, not what runs)"
    let shown =
      "\(names): reported by version only, with no commit id observed\(branchNote); the build "
      + "running is not shown to be the tagged one"
    if baseline.evidence == .commit {
      fail(.buildsAtBaseline, shown + " (\(baseline.file) requires evidence: commit)")
    } else {
      limit(.buildsAtBaseline, .versionOnly, [shown])
    }
    limit(
      .noUntaggedBuilds, .versionOnly,
      ["\(names): no commit id observed, so an untagged build would not be seen"])
  }
}
