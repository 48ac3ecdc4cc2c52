import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// `verify`: one test per GO condition that can fail, on the tagged builds of
/// ``AlphaReleases``, with the comparison made exactly as `baseline verify` makes it.
@Suite("Verification: GO only when every check passes")
struct VerificationTests {
  static let now = Date(timeIntervalSince1970: 1_795_914_000)  // 2026-11-29T01:00:00Z
  static let evidence = Verification.Evidence(
    time: now, user: "relman", host: "build-01", toolVersion: BaselineTool.version,
    estateRoot: "/estate", estateCommit: String(repeating: "ab", count: 20),
    uncommittedChanges: [], baselineFile: "Baselines/SIT-A.yaml", baselineBlob: nil,
    pinFile: nil, pinFileBlob: nil)

  let repo: AlphaReleases
  init() throws { repo = try AlphaReleases() }

  func entry(_ version: String = "1.1.0.0", _ component: String = "alpha", pin: ObjectID? = nil)
    throws -> Baseline.Entry
  {
    Baseline.Entry(
      component: component, release: try ReleaseVersion(version, scheme: .mhhs), pin: pin,
      settings: [Baseline.Setting("mode", "strict")])
  }

  static func inventory(
    _ entries: [Inventory.Entry], probe: String = "inventory", collectedAt: Date = now
  ) -> ProbeRun {
    ProbeRun(
      probe: probe, environment: "SIT-A",
      inventory: Inventory(environment: "SIT-A", collectedAt: collectedAt, components: entries))
  }

  static func deployed(
    _ version: String?, commit: ObjectID?, name: String = "alpha", mode: String = "strict"
  ) -> Inventory.Entry {
    Inventory.Entry(name: name, version: version, commit: commit?.hex, settings: ["mode": mode])
  }

  func verify(
    _ entries: [Baseline.Entry], runs: [ProbeRun], release: String? = "R3",
    required: String? = "R3", acceptances: [Acceptance] = [], maxAge: TimeInterval? = nil
  ) -> Verification {
    var commits: [String: CommitResolution] = [:]
    for id in [repo.v1000, repo.v1100, repo.untagged, repo.movedFrom, repo.movedTo] {
      commits[id.hex] = .commit(id)
    }
    let baseline = Baseline(
      environment: "SIT-A", file: "Baselines/SIT-A.yaml", maxAge: maxAge, components: entries,
      release: release, acceptances: acceptances)
    let component = Component(
      name: "alpha", repository: "alpha", repositoryURL: URL(fileURLWithPath: "/nowhere"))
    let report = Comparison.compare(
      baseline: baseline, runs: runs, components: ["alpha": component, "bravo": component],
      facts: [
        "alpha": ComponentFacts(releases: repo.releases, commits: commits),
        "bravo": ComponentFacts(releases: repo.releases, commits: commits),
      ], now: Self.now)
    return Verification(
      report: report, baseline: baseline, requiredRelease: required, evidence: Self.evidence)
  }

  func failed(_ verification: Verification) -> [String] {
    verification.failedChecks.map(\.id.rawValue)
  }

  @Test("GO: the tagged build, pinned, reported by version and commit, release as required")
  func go() throws {
    let result = verify(
      [try entry(pin: repo.v1100)],
      runs: [Self.inventory([Self.deployed("1.1.0.0", commit: repo.v1100)])])
    #expect(result.decision == .go)
    #expect(result.exitCode == 0)
    #expect(result.checks.count == 12)
    // Proven by commit, pinned, settings checked; the acceptances cannot be checked, because
    // the baseline accepts nothing, nor signatures, which no component requires, nor a lost
    // fix, since no emergency release runs: that is "not applicable", never a pass.
    #expect(
      result.checks.filter { !$0.passed }.map(\.id) == [
        .tagsSigned, .noHotfixRegression, .acceptancesCurrent,
      ])
    #expect(result.checks.filter(\.passed).allSatisfy { $0.reasons.isEmpty })
    #expect(result.checks.last?.status == .notApplicable)
    #expect(result.summary == "9 of 12 checks passed; 3 not applicable")
  }

  @Test("without --release the programme release is not a check, and GO needs nothing of it")
  func noReleaseAsked() throws {
    let result = verify(
      [try entry()], runs: [Self.inventory([Self.deployed("1.1.0.0", commit: nil)])],
      release: nil, required: nil)
    #expect(result.decision == .go)
    #expect(!result.checks.contains { $0.id == .programmeRelease })
  }

  @Test("NO-GO: the baseline is declared for another programme release, or for none")
  func programmeRelease() throws {
    let runs = [Self.inventory([Self.deployed("1.1.0.0", commit: repo.v1100)])]
    let other = verify([try entry()], runs: runs, release: "R2", required: "R3")
    #expect(failed(other) == ["programme_release"])
    #expect(
      other.failedChecks[0].reasons == [
        "Baselines/SIT-A.yaml is declared for programme release R2, not R3"
      ])
    let none = verify([try entry()], runs: runs, release: nil, required: "R3")
    #expect(failed(none) == ["programme_release"])
    #expect(none.failedChecks[0].reasons[0].contains("declares no programme release (release:)"))
  }

  @Test("NO-GO: a probe failed, or two probes disagree")
  func probes() throws {
    let failedRun = ProbeRun(
      probe: "db", environment: "SIT-A", inventory: nil, failure: "exit 3")
    let result = verify(
      [try entry()],
      runs: [Self.inventory([Self.deployed("1.1.0.0", commit: repo.v1100)]), failedRun])
    #expect(failed(result) == ["probes"])
    let conflict = verify(
      [try entry()],
      runs: [
        Self.inventory([Self.deployed("1.1.0.0", commit: nil)], probe: "a"),
        Self.inventory([Self.deployed("1.0.0.0", commit: nil)], probe: "b"),
      ])
    #expect(failed(conflict).contains("probes"))
  }

  @Test("NO-GO: the inventory is older than max_age")
  func stale() throws {
    let result = verify(
      [try entry()],
      runs: [
        Self.inventory(
          [Self.deployed("1.1.0.0", commit: repo.v1100)],
          collectedAt: Self.now.addingTimeInterval(-7200))
      ], maxAge: 3600)
    #expect(failed(result) == ["inventory_fresh"])
  }

  @Test("NO-GO: a baselined release with leading zeros, with build metadata, or with no tag")
  func releasesWellFormed() throws {
    let zeros = verify(
      [try entry("1.01.0.0")],
      runs: [Self.inventory([Self.deployed("1.1.0.0", commit: repo.v1100)])])
    #expect(failed(zeros) == ["releases_well_formed"])
    #expect(zeros.failedChecks[0].reasons[0].contains("leading zeros"))
    let untaggedRelease = verify(
      [try entry("2.0.0.0")], runs: [Self.inventory([Self.deployed("2.0.0.0", commit: nil)])])
    #expect(failed(untaggedRelease).first == "releases_well_formed")
    let metadata = verify(
      [try entry("1.1.0.0+local")],
      runs: [Self.inventory([Self.deployed("1.1.0.0+local", commit: nil)])])
    #expect(failed(metadata).contains("releases_well_formed"))
    #expect(metadata.failedChecks[0].reasons.contains { $0.contains("build metadata (+local)") })
    let empty = verify([], runs: [Self.inventory([])])
    #expect(failed(empty) == ["releases_well_formed"])
  }

  @Test("NO-GO: a pin no longer holds (moved_tag), even when the deployed build is the pin")
  func movedTag() throws {
    let result = verify(
      [try entry("3.1.0.0", pin: repo.movedFrom)],
      runs: [Self.inventory([Self.deployed("3.1.0.0", commit: repo.movedFrom)])])
    #expect(failed(result) == ["pins_hold"])
  }

  @Test("pins_hold passes only for what is pinned: the unpinned releases are named, not passed")
  func partlyPinned() throws {
    let result = verify(
      [try entry(pin: repo.v1100), try entry("1.1.0.0", "bravo")],
      runs: [
        Self.inventory([
          Self.deployed("1.1.0.0", commit: repo.v1100),
          Self.deployed("1.1.0.0", commit: repo.v1100, name: "bravo"),
        ])
      ])
    let pins = result.checks.first { $0.id == .pinsHold }
    #expect(pins?.status == .passed)
    #expect(
      pins?.reasons == [
        "not pinned, so a move of their tags would not be seen (baseline pin records them): "
          + "bravo 1.1.0.0"
      ])
    #expect(result.text().contains("bravo 1.1.0.0"))
    // The evidence pack lists it with what the checks could not prove.
    #expect(
      result.markdown().contains(
        "- pins\\_hold: not pinned, so a move of their tags would not be seen (baseline pin "
          + "records them): bravo 1.1.0.0"))
    let unpinned = verify(
      [try entry()], runs: [Self.inventory([Self.deployed("1.1.0.0", commit: repo.v1100)])])
    #expect(unpinned.checks.first { $0.id == .pinsHold }?.status == .notApplicable)
  }

  @Test("NO-GO: another release, another commit, a component missing or unexpected")
  func buildsAtBaseline() throws {
    for runs in [
      [Self.inventory([Self.deployed("1.0.0.0", commit: repo.v1000)])],
      [Self.inventory([Self.deployed("1.1.0.0", commit: repo.v1000)])],
      [Self.inventory([])],
      [
        Self.inventory([
          Self.deployed("1.1.0.0", commit: repo.v1100),
          Self.deployed("1.0.0.0", commit: nil, name: "bravo"),
        ])
      ],
    ] {
      let result = verify([try entry()], runs: runs)
      #expect(failed(result).contains("builds_at_baseline"))
      #expect(result.decision == .noGo)
    }
  }

  @Test("NO-GO: an untagged build runs, which is also no build at its baseline")
  func untagged() throws {
    let result = verify(
      [try entry()], runs: [Self.inventory([Self.deployed(nil, commit: repo.untagged)])])
    #expect(result.report.findings.map(\.kind) == [.untaggedBuild])
    #expect(failed(result) == ["builds_at_baseline", "no_untagged_builds"])
    #expect(
      result.checks.first { $0.id == .buildsAtBaseline }?.reasons == [
        "alpha runs commit \(repo.untagged.hex), an untagged build, not the tagged build of 1.1.0.0"
      ])
    // Accepted, both checks pass by the acceptance, and say so.
    let acceptance = try #require(
      Acceptance(
        component: "alpha", kind: .untaggedBuild, actual: repo.untagged.hex, reason: "spike",
        reference: "RFC-UB", expires: "2099-12-31"))
    let accepted = verify(
      [try entry()], runs: [Self.inventory([Self.deployed(nil, commit: repo.untagged)])],
      acceptances: [acceptance])
    #expect(accepted.decision == .go)
    for id in [Verification.CheckID.buildsAtBaseline, .noUntaggedBuilds] {
      let check = try #require(accepted.checks.first { $0.id == id })
      #expect(check.status == .passed)
      #expect(
        check.reasons.contains { $0.hasPrefix("accepted deviation (RFC-UB): ") }, "\(check.reasons)"
      )
    }
  }

  @Test("NO-GO: a setting differs; an accepted one is GO and listed; an expired one is NO-GO")
  func acceptances() throws {
    let runs = [Self.inventory([Self.deployed("1.1.0.0", commit: repo.v1100, mode: "lax")])]
    #expect(failed(verify([try entry()], runs: runs)) == ["configuration_items"])
    let holding = try #require(
      Acceptance(
        component: "alpha", kind: .settingDrift, key: "mode", actual: "lax", reason: "load test",
        reference: "RFC-7", expires: "2026-11-29"))
    let accepted = verify([try entry()], runs: runs, acceptances: [holding])
    #expect(accepted.decision == .go)
    #expect(accepted.acceptedFindings.map(\.kind) == [.settingDrift])
    #expect(accepted.acceptedFindings[0].acceptance?.reference == "RFC-7")
    #expect(accepted.report.rows[0].verdict == .accepted)
    #expect(accepted.markdown().contains("## Accepted deviations"))
    // The check passes because of the acceptance, and says so: a pass never hides one.
    let items = try #require(accepted.checks.first { $0.id == .configurationItems })
    #expect(items.status == .passed)
    #expect(items.reasons.count == 1)
    #expect(
      items.reasons.first?.hasPrefix("accepted deviation (RFC-7): ") == true, "\(items.reasons)")
    // Another value than the one accepted is not covered.
    let otherValue = verify(
      [try entry()],
      runs: [Self.inventory([Self.deployed("1.1.0.0", commit: repo.v1100, mode: "off")])],
      acceptances: [holding])
    #expect(failed(otherValue) == ["configuration_items"])
    let expired = try #require(
      Acceptance(
        component: "alpha", kind: .settingDrift, key: "mode", reason: "load test",
        reference: "RFC-7", expires: "2026-11-28"))
    let late = verify([try entry()], runs: runs, acceptances: [expired])
    #expect(failed(late) == ["configuration_items", "acceptances_current"])
    #expect(late.report.findings.filter { $0.kind == .expiredAcceptance }.count == 1)
    #expect(late.acceptedFindings.isEmpty)
  }

  @Test("the evidence forms carry the same facts: decision, provenance, checks, table")
  func evidenceForms() throws {
    let result = verify(
      [try entry("3.1.0.0", pin: repo.movedFrom)],
      runs: [Self.inventory([Self.deployed("3.1.0.0", commit: repo.movedFrom)])])
    let markdown = result.markdown()
    #expect(markdown.hasPrefix("# Control point 3: SIT-A is **NO-GO**\n"))
    #expect(markdown.contains("| Verified by | relman on build-01 |"))
    #expect(markdown.contains("at commit \(String(repeating: "ab", count: 20))"))
    #expect(markdown.contains("| every pin holds: no pinned release's tag has moved | **FAIL** |"))
    #expect(markdown.contains("`\(repo.movedFrom.hex)`"))
    #expect(markdown.contains("## Why NO-GO"))
    let text = result.text()
    #expect(text.hasPrefix("SIT-A: NO-GO  (control point 3, 2026-11-29 01:00 UTC, relman@build-01"))
    #expect(text.hasSuffix("SIT-A: NO-GO: 1 of 12 checks failed. Exit 1.\n"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.json().utf8)) as? [String: Any])
    #expect(json["schema"] as? String == "baseline.verify/1")
    #expect(json["decision"] as? String == "NO-GO")
    let evidence = try #require(json["evidence"] as? [String: Any])
    #expect(evidence["user"] as? String == "relman")
    #expect(evidence["time"] as? String == "2026-11-29T01:00:00Z")
    let checks = try #require(json["checks"] as? [[String: Any]])
    #expect(
      checks.filter { $0["status"] as? String == "fail" }.compactMap { $0["id"] as? String } == [
        "pins_hold"
      ])
    let rows = try #require(json["components"] as? [[String: Any]])
    #expect(rows.first?["pin"] as? String == repo.movedFrom.hex)
    #expect(rows.first?["tag"] as? String == "3.1.0.0")
  }
}

extension VerificationTests {
  @Test("NO-GO: the estate is a git repository with uncommitted changes to its estate files")
  func uncommitted() throws {
    let runs = [Self.inventory([Self.deployed("1.1.0.0", commit: repo.v1100)])]
    let baseline = Baseline(
      environment: "SIT-A", file: "Baselines/SIT-A.yaml", components: [try entry()], release: "R3")
    let component = Component(
      name: "alpha", repository: "alpha", repositoryURL: URL(fileURLWithPath: "/nowhere"))
    var commits: [String: CommitResolution] = [:]
    commits[repo.v1100.hex] = .commit(repo.v1100)
    let report = Comparison.compare(
      baseline: baseline, runs: runs, components: ["alpha": component],
      facts: ["alpha": ComponentFacts(releases: repo.releases, commits: commits)], now: Self.now)
    func decide(commit: String?, changes: [String]) -> Verification {
      Verification(
        report: report, baseline: baseline, requiredRelease: "R3",
        evidence: Verification.Evidence(
          time: Self.now, user: "u", host: "h", toolVersion: "0", estateRoot: "/e",
          estateCommit: commit, uncommittedChanges: changes, baselineFile: baseline.file,
          baselineBlob: nil, pinFile: nil, pinFileBlob: nil))
    }
    let dirty = decide(
      commit: String(repeating: "ab", count: 20), changes: ["Baselines/SIT-A.yaml"])
    #expect(dirty.failedChecks.map(\.id.rawValue) == ["estate_committed"])
    #expect(dirty.failedChecks[0].reasons[0].contains("(Baselines/SIT-A.yaml)"))
    #expect(decide(commit: String(repeating: "ab", count: 20), changes: []).decision == .go)
    #expect(decide(commit: nil, changes: []).decision == .go, "no repository: nothing to commit")
  }

  @Test("NO-GO: with no max_age, an inventory older than a day is not fresh enough to decide")
  func defaultFreshness() throws {
    let old = verify(
      [try entry()],
      runs: [
        Self.inventory(
          [Self.deployed("1.1.0.0", commit: repo.v1100)],
          collectedAt: Self.now.addingTimeInterval(-90000))
      ])
    #expect(old.failedChecks.map(\.id.rawValue) == ["inventory_fresh"])
    #expect(old.failedChecks[0].reasons[0].contains("sets no max_age"))
    let recent = verify(
      [try entry()],
      runs: [
        Self.inventory(
          [Self.deployed("1.1.0.0", commit: repo.v1100)],
          collectedAt: Self.now.addingTimeInterval(-3600))
      ])
    #expect(recent.decision == .go)
  }
}

extension VerificationTests {
  @Test(
    "a commit named by a branch is no commit evidence: version only, NO-GO with evidence: commit")
  func branchIsNoCommitEvidence() throws {
    let runs = [
      Self.inventory([
        Inventory.Entry(
          name: "alpha", version: "1.1.0.0", commit: "main", settings: ["mode": "strict"])
      ])
    ]
    let component = Component(
      name: "alpha", repository: "alpha", repositoryURL: URL(fileURLWithPath: "/nowhere"))
    func decide(_ evidence: Baseline.EvidenceRequirement, commit: String) -> Verification {
      let baseline = Baseline(
        environment: "SIT-A", file: "Baselines/SIT-A.yaml",
        components: [(try? entry())].compactMap { $0 },
        release: "R3", evidence: evidence)
      let named = runs.map { run in
        ProbeRun(
          probe: run.probe, environment: "SIT-A",
          inventory: Inventory(
            environment: "SIT-A", collectedAt: Self.now,
            components: [
              Inventory.Entry(
                name: "alpha", version: "1.1.0.0", commit: commit, settings: ["mode": "strict"])
            ]))
      }
      let report = Comparison.compare(
        baseline: baseline, runs: named, components: ["alpha": component],
        facts: [
          "alpha": ComponentFacts(
            releases: repo.releases,
            commits: [
              "main": .commit(repo.v1100), "develop": .commit(repo.untagged),
              repo.v1100.hex: .commit(repo.v1100),
            ])
        ], now: Self.now)
      return Verification(
        report: report, baseline: baseline, requiredRelease: nil, evidence: Self.evidence)
    }
    let byBranch = decide(.version, commit: "main")
    #expect(byBranch.proofs.map(\.basis) == [.version])
    #expect(byBranch.checks.first { $0.id == .buildsAtBaseline }?.status == .versionOnly)
    #expect(decide(.commit, commit: "main").decision == .noGo)
    // A branch on an untagged commit shows what the local clone holds: the build finding
    // stands, but no untagged build is claimed to run.
    let onUntagged = decide(.version, commit: "develop")
    #expect(onUntagged.report.findings.map(\.kind) == [.commitMismatch])
    #expect(onUntagged.checks.first { $0.id == .noUntaggedBuilds }?.status == .versionOnly)
    let byID = decide(.commit, commit: repo.v1100.hex)
    #expect(byID.proofs.map(\.basis) == [.commit])
    #expect(byID.decision == .go)
  }
}

extension VerificationTests {
  @Test("NO-GO: a version claimed on an untagged commit fails both the build and untagged checks")
  func claimedVersionOnUntaggedCommit() throws {
    let result = verify(
      [try entry()], runs: [Self.inventory([Self.deployed("1.1.0.0", commit: repo.untagged)])])
    #expect(result.report.findings.map(\.kind) == [.commitMismatch])
    #expect(failed(result) == ["builds_at_baseline", "no_untagged_builds"])
    let untagged = result.checks.first { $0.id == .noUntaggedBuilds }
    #expect(
      untagged?.reasons == [
        "alpha runs commit \(repo.untagged.hex), which no release tag names (reported as "
          + "commit_mismatch)"
      ])
  }
}

extension VerificationTests {
  @Test("an accepted component outside the baseline: its commit is not checked, so not 'pass'")
  func acceptedUnexpectedComponentIsNotProvenTagged() throws {
    let accepted = try #require(
      Acceptance(
        component: "zulu", kind: .unexpectedComponent, reason: "trial", reference: "RFC-9",
        expires: "2099-12-31"))
    let result = verify(
      [try entry(pin: repo.v1100)],
      runs: [
        Self.inventory([
          Self.deployed("1.1.0.0", commit: repo.v1100),
          Inventory.Entry(name: "zulu", commit: repo.untagged.hex),
        ])
      ], acceptances: [accepted])
    #expect(result.decision == .go)
    let untagged = try #require(result.checks.first { $0.id == .noUntaggedBuilds })
    #expect(untagged.status == .versionOnly)
    #expect(
      untagged.reasons == [
        "zulu (not in the baseline, accepted) reports commit \(repo.untagged.hex), which is not "
          + "checked against its tags"
      ])
  }
}
