import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// A deployed commit whose tag follows the component's tag pattern: zlib's `v1.3` under
/// `semver` (read as 1.3.0) and `v1.2.5.1` (four parts: no release of `semver`). One fact, one
/// finding, naming the tag.
@Suite("Comparison: tags that follow the pattern, short or unparsed")
struct TagsThatAreNoReleaseTests {
  static let now = Date(timeIntervalSince1970: 1_795_914_000)

  let v1251: ObjectID
  let v13: ObjectID
  let v131: ObjectID
  let releases: ReleaseIndex

  init() throws {
    let folder = TemporaryDirectory("zlib-repo")
    var git = try GitScript(at: folder.url.appendingPathComponent("zlib"))
    _ = try git.commit("1.2.5")
    try git.tag("v1.2.5")
    v1251 = try ObjectID(checking: git.commit("1.2.5.1"))
    try git.tag("v1.2.5.1")
    v13 = try ObjectID(checking: git.commit("1.3"))
    try git.tag("v1.3", message: "zlib 1.3")
    v131 = try ObjectID(checking: git.commit("1.3.1"))
    try git.tag("v1.3.1")
    releases = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .semver)
  }

  func compare(baselined: String, version: String?, commit: ObjectID?) throws -> EnvironmentReport {
    var commits: [String: CommitResolution] = [:]
    for id in [v1251, v13, v131] { commits[id.hex] = .commit(id) }
    let zlib = Component(
      name: "zlib", repository: "../repos/zlib", repositoryURL: URL(fileURLWithPath: "/nowhere"),
      scheme: .semver)
    return Comparison.compare(
      baseline: Baseline(
        environment: "SIT-A", file: "Baselines/SIT-A.yaml",
        components: [
          Baseline.Entry(component: "zlib", release: try release(baselined, .semver))
        ]),
      runs: [
        ProbeRun(
          probe: "inventory", environment: "SIT-A",
          inventory: Inventory(
            environment: "SIT-A", collectedAt: Self.now,
            components: [Inventory.Entry(name: "zlib", version: version, commit: commit?.hex)]))
      ],
      components: ["zlib": zlib],
      facts: ["zlib": ComponentFacts(releases: releases, commits: commits)], now: Self.now)
  }

  @Test(
    "zlib 1.3 at the tag v1.3 is the baselined 1.3.0: in baseline, not untagged and mismatched",
    arguments: [(true, true), (true, false), (false, true)])
  func shortTagIsTheRelease(reportVersion: Bool, reportCommit: Bool) throws {
    let report = try compare(
      baselined: "1.3.0", version: reportVersion ? "1.3" : nil, commit: reportCommit ? v13 : nil)
    #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    #expect(report.status == .inBaseline)
    #expect(report.rows.first?.tag == "v1.3")
  }

  @Test("zlib 1.3 at v1.3 against a baseline of 1.3.1 is one version_mismatch")
  func shortTagAnotherRelease() throws {
    let report = try compare(baselined: "1.3.1", version: "1.3", commit: v13)
    #expect(
      report.findings == [
        Finding(
          .versionMismatch, component: "zlib", expected: "1.3.1", actual: "1.3",
          message: "zlib runs 1.3 (commit \(v13.hex)), baseline says 1.3.1")
      ])
  }

  @Test(
    "a commit tagged only by an unparsed tag, reported as a commit: one untagged_build naming the tag"
  )
  func unparsedTagBareCommit() throws {
    let report = try compare(baselined: "1.3.1", version: nil, commit: v1251)
    #expect(
      report.findings == [
        Finding(
          .untaggedBuild, component: "zlib", expected: v131.hex, actual: v1251.hex,
          message: "zlib runs commit \(v1251.hex), which no release tag names (it is tagged "
            + "v1.2.5.1, which follows the tag pattern but expected a release like 1.2.0 "
            + "(semver), found \"1.2.5.1\"); baseline says 1.3.1 (\(v131.hex))")
      ])
  }

  @Test(
    "the version of an unparsed tag, at its commit: one version_mismatch naming the tag, not also untagged_build"
  )
  func unparsedTagWithVersion() throws {
    let report = try compare(baselined: "1.3.1", version: "1.2.5.1", commit: v1251)
    #expect(
      report.findings == [
        Finding(
          .versionMismatch, component: "zlib", expected: "1.3.1", actual: "1.2.5.1",
          message: "zlib runs 1.2.5.1 (commit \(v1251.hex), tagged v1.2.5.1, which follows the "
            + "tag pattern but expected a release like 1.2.0 (semver), found \"1.2.5.1\"), "
            + "baseline says 1.3.1")
      ])
    #expect(report.rows.first?.findings == [.versionMismatch])
  }

  @Test("an unparsed version at another release's build stays two facts, as before")
  func unparsedVersionAtAnotherRelease() throws {
    let report = try compare(baselined: "1.3.1", version: "1.2.5.1", commit: v131)
    // v131 is the tagged build of 1.3.1: the claim 1.2.5.1 is no release and the commit is
    // another release's build, so the version is wrong and the commit says so.
    #expect(report.findings.map(\.kind) == [.versionMismatch, .commitMismatch])
  }
}
