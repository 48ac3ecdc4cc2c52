import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// One environment compared against a baseline of component `alpha` (and `bravo`, which shares
/// alpha's repository), with values only: no process, no disk, no repository (``AlphaReleases``).
@Suite("Comparison: one test per finding kind")
struct ComparisonTests {
  static let environment = "SIT-A"
  static let now = Date(timeIntervalSince1970: 1_795_914_000)  // 2026-11-29T01:00:00Z
  static let digestLF = "sha256:" + String(repeating: "1f", count: 32)
  static let digestCRLF = "sha256:" + String(repeating: "2e", count: 32)
  static let digestOther = "sha256:" + String(repeating: "3d", count: 32)

  let repo: AlphaReleases

  init() throws {
    repo = try AlphaReleases()
  }

  static let components: [String: Component] = [
    "alpha": Component(
      name: "alpha", repository: "../repos/alpha",
      repositoryURL: URL(fileURLWithPath: "/nowhere/alpha")),
    "bravo": Component(
      name: "bravo", repository: "../repos/alpha",
      repositoryURL: URL(fileURLWithPath: "/nowhere/alpha")),
  ]

  func entry(
    _ component: String = "alpha", _ version: String = "1.1.0.0", pin: ObjectID? = nil,
    settings: [Baseline.Setting] = [], files: [Baseline.Setting] = []
  ) throws -> Baseline.Entry {
    Baseline.Entry(
      component: component, release: try release(version), pin: pin, settings: settings,
      files: files)
  }

  static func run(
    _ entries: [Inventory.Entry], probe: String = "inventory", collectedAt: Date = now
  ) -> ProbeRun {
    ProbeRun(
      probe: probe, environment: environment,
      inventory: Inventory(environment: environment, collectedAt: collectedAt, components: entries))
  }

  /// Compares with every commit the test's repository knows resolved, plus `commits`.
  func compare(
    _ entries: [Baseline.Entry], runs: [ProbeRun], commits: [String: CommitResolution] = [:],
    maxAge: TimeInterval? = nil
  ) -> EnvironmentReport {
    var resolved: [String: CommitResolution] = [:]
    for id in [repo.v1000, repo.v1100, repo.untagged, repo.movedFrom, repo.movedTo] {
      resolved[id.hex] = .commit(id)
    }
    resolved.merge(commits) { _, new in new }
    let facts = ComponentFacts(releases: repo.releases, commits: resolved)
    return Comparison.compare(
      baseline: Baseline(
        environment: Self.environment, file: "Baselines/SIT-A.yaml", maxAge: maxAge,
        components: entries),
      runs: runs, components: Self.components, facts: ["alpha": facts, "bravo": facts],
      now: Self.now)
  }

  // MARK: - at baseline

  @Test(
    "the tagged build of the baselined release is in_baseline with no findings",
    arguments: [(true, true), (true, false), (false, true)])
  func inBaseline(reportVersion: Bool, reportCommit: Bool) throws {
    let report = compare(
      [try entry(settings: [Baseline.Setting("feature.x", "on")])],
      runs: [
        Self.run([
          Inventory.Entry(
            name: "alpha", version: reportVersion ? "1.1.0.0" : nil,
            commit: reportCommit ? repo.v1100.hex : nil, settings: ["feature.x": "on"])
        ])
      ])
    #expect(report.findings.isEmpty)
    #expect(report.status == .inBaseline)
    #expect(report.environment == "SIT-A")
    #expect(report.collectedAt == Self.now)
    #expect(report.rows.count == 1)
    #expect(report.rows.first?.component == "alpha")
    #expect(report.rows.first?.baseline == "1.1.0.0")
    #expect(report.rows.first?.tagCommit == repo.v1100.hex)
    #expect(report.rows.first?.deployed == "1.1.0.0")
    #expect(report.rows.first?.commit == (reportCommit ? repo.v1100.hex : nil))
    #expect(report.rows.first?.findings == [])
  }

  @Test("a non-canonical spelling of the baselined release is the same release (V4)")
  func leadingZerosInInventory() throws {
    let report = compare(
      [try entry()], runs: [Self.run([Inventory.Entry(name: "alpha", version: "1.1.00.0")])])
    #expect(report.findings.isEmpty)
    #expect(report.status == .inBaseline)
  }

  // MARK: - version_mismatch

  @Test("version_mismatch: the inventory reports another release")
  func versionMismatch() throws {
    let report = compare(
      [try entry()], runs: [Self.run([Inventory.Entry(name: "alpha", version: "1.0.0.0")])])
    #expect(
      report.findings == [
        Finding(
          .versionMismatch, component: "alpha", expected: "1.1.0.0", actual: "1.0.0.0",
          message: "alpha runs 1.0.0.0, baseline says 1.1.0.0")
      ])
    #expect(report.status == .drifted)
    #expect(report.rows.first?.findings == [.versionMismatch])
  }

  @Test("version_mismatch: the reported commit is the tagged build of another release")
  func versionMismatchByCommit() throws {
    let report = compare(
      [try entry()], runs: [Self.run([Inventory.Entry(name: "alpha", commit: repo.v1000.hex)])])
    #expect(report.findings.count == 1)
    let finding = try #require(report.findings.first)
    #expect(finding.kind == .versionMismatch)
    #expect(finding.component == "alpha")
    #expect(finding.expected == "1.1.0.0")
    #expect(finding.actual == "1.0.0.0")
    #expect(
      finding.message
        == "alpha runs commit \(repo.v1000.hex), tagged 1.0.0.0; baseline says 1.1.0.0")
    #expect(report.status == .drifted)
    #expect(report.rows.first?.deployed == "1.0.0.0")
  }

  @Test("version_mismatch: a reported version that is no release of the scheme says so")
  func versionMismatchUnparsed() throws {
    let report = compare(
      [try entry()], runs: [Self.run([Inventory.Entry(name: "alpha", version: "1.1.x")])])
    #expect(
      report.findings == [
        Finding(
          .versionMismatch, component: "alpha", expected: "1.1.0.0", actual: "1.1.x",
          message: "alpha runs 1.1.x (not a release of the mhhs scheme), baseline says 1.1.0.0"
        )
      ])
  }

  // MARK: - commit_mismatch

  @Test("commit_mismatch: the version claims the baselined release, the commit is another")
  func commitMismatch() throws {
    let report = compare(
      [try entry()],
      runs: [
        Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0", commit: repo.untagged.hex)])
      ])
    #expect(
      report.findings == [
        Finding(
          .commitMismatch, component: "alpha", expected: repo.v1100.hex, actual: repo.untagged.hex,
          message: "alpha claims 1.1.0.0 but runs commit \(repo.untagged.hex), which is not "
            + "its tagged build (tag 1.1.0.0 names \(repo.v1100.hex)); no tag names it")
      ])
    #expect(report.status == .drifted)
    #expect(report.rows.first?.commit == repo.untagged.hex)
    #expect(report.rows.first?.findings == [.commitMismatch])
  }

  @Test("commit_mismatch: the commit is another release's tagged build")
  func commitMismatchTagged() throws {
    let report = compare(
      [try entry()],
      runs: [Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0", commit: repo.v1000.hex)])]
    )
    #expect(report.findings.map(\.kind) == [.commitMismatch])
    #expect(report.findings.first?.expected == repo.v1100.hex)
    #expect(report.findings.first?.actual == repo.v1000.hex)
    #expect(report.findings.first?.message.hasSuffix("; it is tagged 1.0.0.0") == true)
  }

  // MARK: - untagged_build

  @Test("untagged_build: only a commit is reported, and no tag names it")
  func untaggedBuild() throws {
    let report = compare(
      [try entry()], runs: [Self.run([Inventory.Entry(name: "alpha", commit: repo.untagged.hex)])])
    #expect(
      report.findings == [
        Finding(
          .untaggedBuild, component: "alpha", expected: repo.v1100.hex, actual: repo.untagged.hex,
          message: "alpha runs commit \(repo.untagged.hex), which no release tag names; "
            + "baseline says 1.1.0.0 (\(repo.v1100.hex))")
      ])
    #expect(report.status == .drifted)
    #expect(report.rows.first?.deployed == nil)
  }

  @Test("an abbreviated commit is resolved and printed in full (G9)")
  func abbreviatedCommit() throws {
    let short = repo.untagged.short
    let report = compare(
      [try entry()], runs: [Self.run([Inventory.Entry(name: "alpha", commit: short)])],
      commits: [short: .commit(repo.untagged)])
    #expect(report.findings.map(\.kind) == [.untaggedBuild])
    #expect(report.findings.first?.actual == repo.untagged.hex)
    #expect(report.rows.first?.commit == repo.untagged.hex)
  }

  // MARK: - unresolved_commit

  @Test(
    "unresolved_commit: a reported commit that names no commit is never guessed",
    arguments: [
      (CommitResolution.ambiguous(candidates: 2), "an ambiguous commit prefix (2 candidates)"),
      (.ambiguous(candidates: 3), "an ambiguous commit prefix (3 candidates)"),
      (.notFound, "which is not in its repository"),
      (.notACommit(type: "blob"), "which names a blob, not a commit"),
    ])
  func unresolvedCommit(resolution: CommitResolution, says: String) throws {
    let report = compare(
      [try entry()], runs: [Self.run([Inventory.Entry(name: "alpha", commit: "abc1234")])],
      commits: ["abc1234": resolution])
    #expect(report.findings.count == 1)
    let finding = try #require(report.findings.first)
    #expect(finding.kind == .unresolvedCommit)
    #expect(finding.component == "alpha")
    #expect(finding.expected == nil)
    #expect(finding.actual == "abc1234")
    #expect(finding.message.contains(says), "\(finding.message)")
    #expect(finding.message.hasPrefix("alpha reports commit abc1234, "))
    #expect(report.status == .drifted)
    #expect(report.rows.first?.commit == "abc1234")
  }

  @Test("unresolved_commit: a prefix that two objects of a real repository share (G9)")
  func ambiguousPrefixInRepository() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    try git.commit("start")
    // 1500 blobs make a shared four-digit prefix all but certain (some 17 pairs are expected);
    // the blobs are the same on every run, so the prefix found is too.
    var paths: [String] = []
    for number in 0..<1500 {
      let name = "blob-\(number)"
      try Data("blob \(number)\n".utf8).write(to: folder.url.appendingPathComponent(name))
      paths.append(name)
    }
    let hashes = try git.run(["hash-object", "-w", "--"] + paths).split(separator: "\n")
    let byPrefix = Dictionary(grouping: hashes.map(String.init)) { String($0.prefix(4)) }
    let prefix = try #require(byPrefix.filter { $0.value.count > 1 }.keys.min())
    let sharing = try git.run(["rev-parse", "--disambiguate=\(prefix)"]).split(separator: "\n")
    #expect(sharing.count >= 2)

    let resolution = try Repository(path: folder.url.path).resolveCommit(prefix)
    #expect(resolution == .ambiguous(candidates: sharing.count))
    let report = compare(
      [try entry()], runs: [Self.run([Inventory.Entry(name: "alpha", commit: prefix)])],
      commits: [prefix: resolution])
    #expect(report.findings.map(\.kind) == [.unresolvedCommit])
    #expect(
      report.findings.first?.message.contains(
        "an ambiguous commit prefix (\(sharing.count) candidates)") == true)
  }

  // MARK: - moved_tag

  @Test(
    "moved_tag: an inventory at the pinned build gives only moved_tag (G4)",
    arguments: [true, false])
  func movedTagAtPin(reportVersion: Bool) throws {
    let report = compare(
      [try entry("alpha", "3.1.0.0", pin: repo.movedFrom)],
      runs: [
        Self.run([
          Inventory.Entry(
            name: "alpha", version: reportVersion ? "3.1.0.0" : nil, commit: repo.movedFrom.hex)
        ])
      ])
    #expect(
      report.findings == [
        Finding(
          .movedTag, component: "alpha", expected: repo.movedFrom.hex, actual: repo.movedTo.hex,
          message:
            "the tag 3.1.0.0 of alpha 3.1.0.0 now names \(repo.movedTo.hex), but it was "
            + "pinned to \(repo.movedFrom.hex) when the baseline was approved (commit:)")
      ])
    #expect(report.status == .drifted)
    #expect(report.rows.first?.pin == repo.movedFrom.hex)
    #expect(report.rows.first?.tagCommit == repo.movedTo.hex)
  }

  @Test(
    "moved_tag: an inventory at the moved tag is not the approved build either (G4)",
    arguments: [true, false])
  func movedTagAtNewCommit(reportVersion: Bool) throws {
    let report = compare(
      [try entry("alpha", "3.1.0.0", pin: repo.movedFrom)],
      runs: [
        Self.run([
          Inventory.Entry(
            name: "alpha", version: reportVersion ? "3.1.0.0" : nil, commit: repo.movedTo.hex)
        ])
      ])
    #expect(report.findings.map(\.kind) == [.movedTag, .commitMismatch])
    let mismatch = try #require(report.findings.last)
    #expect(mismatch.component == "alpha")
    #expect(mismatch.expected == repo.movedFrom.hex)
    #expect(mismatch.actual == repo.movedTo.hex)
    #expect(mismatch.message.contains(repo.movedFrom.hex))
    #expect(report.status == .drifted)
  }

  // MARK: - unknown_release

  @Test("unknown_release: the baseline names a release that has no tag")
  func unknownRelease() throws {
    let report = compare(
      [try entry("alpha", "9.9.9.9")],
      runs: [Self.run([Inventory.Entry(name: "alpha", version: "9.9.9.9")])])
    #expect(
      report.findings == [
        Finding(
          .unknownRelease, component: "alpha", expected: "9.9.9.9",
          message: "the baseline names alpha 9.9.9.9, but no tag of the repository is that "
            + "release")
      ])
    #expect(report.status == .drifted)
    #expect(report.rows.first?.tagCommit == nil)
  }

  // MARK: - missing_component / unexpected_component

  @Test("missing_component: baselined, but no probe reported it")
  func missingComponent() throws {
    let report = compare(
      [try entry(), try entry("bravo", "1.0.0.0")],
      runs: [Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0")])])
    #expect(
      report.findings == [
        Finding(
          .missingComponent, component: "bravo", expected: "1.0.0.0",
          message: "bravo 1.0.0.0 is baselined, but no probe reported it")
      ])
    #expect(report.status == .drifted)
    #expect(report.rows.map(\.component) == ["alpha", "bravo"])
    #expect(report.rows.last?.deployed == nil)
    #expect(report.rows.last?.findings == [.missingComponent])
  }

  @Test("missing_component is not reported when a probe failed: the state is unknown")
  func noMissingComponentWhenProbeFailed() throws {
    let failed = ProbeRun(
      probe: "broken", environment: Self.environment, inventory: nil,
      failure: "exit 3: connection refused", exitStatus: 3)
    let report = compare(
      [try entry(), try entry("bravo", "1.0.0.0")],
      runs: [Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0")]), failed])
    #expect(report.findings.map(\.kind) == [.probeFailed])
    #expect(report.status == .incomplete)
  }

  @Test("no probe at all is probe_failed, not missing components")
  func noProbes() throws {
    let report = compare([try entry()], runs: [])
    #expect(report.findings.map(\.kind) == [.probeFailed])
    #expect(report.findings.first?.component == nil)
    #expect(report.status == .incomplete)
    #expect(report.collectedAt == nil)
  }

  @Test("unexpected_component: reported, but not in the baseline")
  func unexpectedComponent() throws {
    let report = compare(
      [try entry()],
      runs: [
        Self.run([
          Inventory.Entry(name: "alpha", version: "1.1.0.0"),
          Inventory.Entry(name: "zulu", version: "9.9.9.9"),
        ])
      ])
    #expect(
      report.findings == [
        Finding(
          .unexpectedComponent, component: "zulu", actual: "9.9.9.9",
          message: "zulu is deployed (9.9.9.9) but is not in the baseline",
          probe: "inventory")
      ])
    #expect(report.status == .drifted)
    #expect(report.rows.map(\.component) == ["alpha", "zulu"])
    #expect(report.rows.last?.baseline == nil)
    #expect(report.rows.last?.deployed == "9.9.9.9")
    #expect(report.rows.last?.findings == [.unexpectedComponent])
  }

  // MARK: - setting_drift

  @Test("setting_drift: a setting has another value")
  func settingDrift() throws {
    let report = compare(
      [try entry(settings: [Baseline.Setting("feature.x", "on")])],
      runs: [
        Self.run([
          Inventory.Entry(name: "alpha", version: "1.1.0.0", settings: ["feature.x": "off"])
        ])
      ])
    #expect(
      report.findings == [
        Finding(
          .settingDrift, component: "alpha", expected: "on", actual: "off",
          message: "alpha setting feature.x is \"off\", baseline says \"on\"",
          key: "feature.x")
      ])
    #expect(report.status == .drifted)
  }

  @Test(
    "setting_drift: an absent setting is not reported, distinct from a value (Y3)",
    arguments: [true, false])
  func settingAbsent(reportsOtherSettings: Bool) throws {
    let report = compare(
      [
        try entry(settings: [
          Baseline.Setting("extra_args", ""), Baseline.Setting("skip_checks", "false"),
        ])
      ],
      runs: [
        Self.run([
          Inventory.Entry(
            name: "alpha", version: "1.1.0.0",
            settings: reportsOtherSettings ? ["other": "x"] : nil)
        ])
      ])
    #expect(report.findings.map(\.kind) == [.settingDrift, .settingDrift])
    #expect(report.findings.map(\.key) == ["extra_args", "skip_checks"])
    #expect(report.findings.map(\.expected) == ["", "false"])
    #expect(report.findings.map(\.actual) == [nil, nil])
    for finding in report.findings {
      #expect(finding.message.contains("not reported"), "\(finding.message)")
    }
    #expect(report.status == .drifted)
  }

  /// Texts Swift's `==` calls equal (Unicode canonical equivalence) that differ in bytes, as a
  /// program reading its configuration and the file system see them.
  static let equivalentSpellings: [(declared: String, reported: String)] = [
    ("a;b", "a\u{37E}b"),  // GREEK QUESTION MARK
    ("1K", "1\u{212A}"),  // KELVIN SIGN
    ("caf\u{E9}", "cafe\u{301}"),  // composed and decomposed
  ]

  @Test("setting_drift: a value that only Unicode calls equal to the declared one is drift")
  func settingDriftByBytes() throws {
    for (declared, reported) in Self.equivalentSpellings {
      #expect(declared == reported, "the case is canonically equivalent")
      let report = compare(
        [try entry(settings: [Baseline.Setting("key", declared)])],
        runs: [
          Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0", settings: ["key": reported])]
          )
        ])
      #expect(report.findings.map(\.kind) == [.settingDrift], "\(declared.debugDescription)")
      #expect(report.findings.first?.actual == reported)
    }
  }

  @Test(
    "a setting, a file or a component reported under another Unicode spelling of its name is not the declared one"
  )
  func keysByBytes() throws {
    for (declared, reported) in Self.equivalentSpellings {
      let settings = compare(
        [try entry(settings: [Baseline.Setting(declared, "v")])],
        runs: [
          Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0", settings: [reported: "v"])])
        ])
      #expect(settings.findings.map(\.kind) == [.settingDrift])
      #expect(settings.findings.first?.message.contains("not reported") == true)
      let files = compare(
        [try entry(files: [Baseline.Setting("conf/\(declared)", Self.digestLF)])],
        runs: [
          Self.run([
            Inventory.Entry(
              name: "alpha", version: "1.1.0.0",
              files: ["conf/\(reported)": FileDigest(Self.digestLF, normalized: Self.digestLF)])
          ])
        ])
      #expect(files.findings.map(\.kind) == [.fileDrift], "\(files.findings)")
    }
    let components = compare(
      [try entry("caf\u{E9}", "1.1.0.0")],
      runs: [Self.run([Inventory.Entry(name: "cafe\u{301}", version: "1.1.0.0")])])
    let kinds = Set(components.findings.map(\.kind))
    #expect(
      kinds.isSuperset(of: [.missingComponent, .unexpectedComponent]), "\(components.findings)")
  }

  @Test("two probes reporting values that only Unicode calls equal disagree")
  func probesDisagreeByBytes() throws {
    let report = compare(
      [try entry(settings: [Baseline.Setting("key", "a;b")])],
      runs: [
        Self.run(
          [Inventory.Entry(name: "alpha", version: "1.1.0.0", settings: ["key": "a;b"])],
          probe: "one"),
        Self.run(
          [Inventory.Entry(name: "alpha", version: "1.1.0.0", settings: ["key": "a\u{37E}b"])],
          probe: "two"),
      ])
    #expect(report.findings.map(\.kind).contains(.inventoryConflict), "\(report.findings)")
  }

  @Test("setting_drift: an empty value that is reported is no drift (Y3)")
  func emptySettingReported() throws {
    let report = compare(
      [try entry(settings: [Baseline.Setting("extra_args", "")])],
      runs: [
        Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0", settings: ["extra_args": ""])])
      ])
    #expect(report.findings.isEmpty)
  }

  // MARK: - file_drift

  @Test("file_drift: the content differs")
  func fileDriftContent() throws {
    let report = compare(
      [try entry(files: [Baseline.Setting("conf/app.yaml", Self.digestLF)])],
      runs: [
        Self.run([
          Inventory.Entry(
            name: "alpha", version: "1.1.0.0",
            files: ["conf/app.yaml": FileDigest(Self.digestOther, normalized: Self.digestCRLF)])
        ])
      ])
    #expect(report.findings.count == 1)
    let finding = try #require(report.findings.first)
    #expect(finding.kind == .fileDrift)
    #expect(finding.component == "alpha")
    #expect(finding.key == "conf/app.yaml")
    #expect(finding.expected == Self.digestLF)
    #expect(finding.actual == Self.digestOther)
    #expect(finding.message.contains("in content"))
    #expect(!finding.message.contains("line endings"))
    #expect(report.status == .drifted)
  }

  @Test("file_drift: line endings only, by the normalised digest (Y4)")
  func fileDriftLineEndings() throws {
    let report = compare(
      [try entry(files: [Baseline.Setting("conf/app.yaml", Self.digestLF)])],
      runs: [
        Self.run([
          Inventory.Entry(
            name: "alpha", version: "1.1.0.0",
            files: ["conf/app.yaml": FileDigest(Self.digestCRLF, normalized: Self.digestLF)])
        ])
      ])
    #expect(report.findings.count == 1)
    let finding = try #require(report.findings.first)
    #expect(finding.kind == .fileDrift)
    #expect(finding.expected == Self.digestLF)
    #expect(finding.actual == Self.digestCRLF)
    #expect(finding.message.contains("line endings only"))
    #expect(report.status == .drifted)
  }

  @Test("file_drift: a digest written in capitals is the same digest")
  func digestCase() throws {
    let report = compare(
      [try entry(files: [Baseline.Setting("conf/app.yaml", Self.digestOther)])],
      runs: [
        Self.run([
          Inventory.Entry(
            name: "alpha", version: "1.1.0.0",
            files: ["conf/app.yaml": FileDigest("sha256:" + String(repeating: "3D", count: 32))])
        ])
      ])
    #expect(report.findings.isEmpty)
  }

  @Test("file_drift: a baselined file that no probe reports")
  func fileNotReported() throws {
    let report = compare(
      [try entry(files: [Baseline.Setting("conf/app.yaml", Self.digestLF)])],
      runs: [Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0")])])
    #expect(report.findings.map(\.kind) == [.fileDrift])
    #expect(report.findings.first?.actual == nil)
    #expect(report.findings.first?.message.contains("not reported") == true)
  }

  // MARK: - probe_failed

  @Test("probe_failed: the environment is incomplete, and the other probe's inventory still counts")
  func probeFailed() throws {
    let failed = ProbeRun(
      probe: "broken", environment: Self.environment, inventory: nil,
      failure: "exit 3: connection refused", exitStatus: 3, standardError: "connection refused\n")
    let report = compare(
      [try entry(), try entry("bravo", "1.0.0.0")],
      runs: [failed, Self.run([Inventory.Entry(name: "alpha", version: "1.0.0.0")])])
    #expect(report.findings.map(\.kind) == [.probeFailed, .versionMismatch])
    let finding = try #require(report.findings.first)
    #expect(finding.component == nil)
    #expect(finding.expected == nil)
    #expect(finding.actual == "exit 3: connection refused")
    #expect(finding.probe == "broken")
    #expect(
      finding.message
        == "probe broken failed (exit 3: connection refused); what it would report is "
        + "unknown")
    // bravo was reported by nobody while a probe failed: unknown, not missing, not ok.
    #expect(report.rows.last?.verdict == .unknown)
    #expect(report.rows.first?.verdict == .drifted)
    #expect(report.findings.last?.component == "alpha")
    #expect(report.findings.last?.actual == "1.0.0.0")
    #expect(report.status == .incomplete)
    #expect(report.probes.map(\.probe) == ["broken", "inventory"])
  }

  // MARK: - inventory_conflict

  @Test("inventory_conflict: two probes disagree on the version; both kept, neither compared")
  func inventoryConflict() throws {
    let report = compare(
      [try entry()],
      runs: [
        Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0")], probe: "agent"),
        Self.run([Inventory.Entry(name: "alpha", version: "1.0.0.0")], probe: "cmdb"),
      ])
    #expect(report.findings.count == 1)
    let finding = try #require(report.findings.first)
    #expect(finding.kind == .inventoryConflict)
    #expect(finding.component == "alpha")
    #expect(finding.expected == "1.1.0.0")
    #expect(finding.actual == "1.0.0.0")
    #expect(finding.key == "version")
    #expect(finding.probe == "agent, cmdb")
    #expect(finding.message.contains("agent: 1.1.0.0"))
    #expect(finding.message.contains("cmdb: 1.0.0.0"))
    #expect(!report.findings.contains { $0.kind == .versionMismatch })
    #expect(report.status == .drifted)
  }

  @Test("probes that report different fields of one component are merged, not in conflict")
  func complementaryProbes() throws {
    let report = compare(
      [try entry(settings: [Baseline.Setting("feature.x", "on")])],
      runs: [
        Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0")], probe: "agent"),
        Self.run([Inventory.Entry(name: "alpha", settings: ["feature.x": "on"])], probe: "config"),
      ])
    #expect(report.findings.isEmpty)
    #expect(report.status == .inBaseline)
  }

  @Test("two probes that report one commit, abbreviated and in full, do not conflict (G9)")
  func sameCommitSpelledTwoWays() throws {
    let short = repo.v1100.short
    let report = compare(
      [try entry()],
      runs: [
        Self.run([Inventory.Entry(name: "alpha", commit: short)], probe: "agent"),
        Self.run([Inventory.Entry(name: "alpha", commit: repo.v1100.hex)], probe: "cmdb"),
      ],
      commits: [short: .commit(repo.v1100)])
    #expect(report.findings.isEmpty)
    #expect(report.status == .inBaseline)
  }

  // MARK: - stale_inventory

  @Test("stale_inventory: older than max_age makes the environment incomplete")
  func staleInventory() throws {
    let collected = Self.now.addingTimeInterval(-48 * 3600)
    let report = compare(
      [try entry()],
      runs: [
        Self.run([Inventory.Entry(name: "alpha", version: "1.1.0.0")], collectedAt: collected)
      ],
      maxAge: 36 * 3600)
    #expect(
      report.findings == [
        Finding(
          .staleInventory, expected: "within 36h", actual: "2026-11-27T01:00:00Z",
          message: "the inventory from inventory was collected 2026-11-27 01:00 UTC, "
            + "2 d 0 h ago; max_age is 36h",
          probe: "inventory")
      ])
    #expect(report.status == .incomplete)
    #expect(report.collectedAt == collected)
  }

  @Test("an inventory within max_age is not stale")
  func freshInventory() throws {
    let report = compare(
      [try entry()],
      runs: [
        Self.run(
          [Inventory.Entry(name: "alpha", version: "1.1.0.0")],
          collectedAt: Self.now.addingTimeInterval(-35 * 3600))
      ],
      maxAge: 36 * 3600)
    #expect(report.findings.isEmpty)
    #expect(report.status == .inBaseline)
  }

  // MARK: - status

  @Test(
    "incomplete beats drifted: a stale or failed probe with drift is incomplete",
    arguments: [true, false])
  func statusPrecedence(stale: Bool) throws {
    var runs = [
      Self.run(
        [Inventory.Entry(name: "alpha", version: "1.0.0.0")],
        collectedAt: stale ? Self.now.addingTimeInterval(-72 * 3600) : Self.now)
    ]
    if !stale {
      runs.append(
        ProbeRun(
          probe: "broken", environment: Self.environment, inventory: nil,
          failure: "timed out after 60 s",
          exitStatus: nil))
    }
    let report = compare([try entry()], runs: runs, maxAge: 36 * 3600)
    #expect(report.findings.contains { $0.kind == .versionMismatch })
    #expect(report.findings.contains { $0.kind == (stale ? .staleInventory : .probeFailed) })
    #expect(report.status == .incomplete)
  }
}
