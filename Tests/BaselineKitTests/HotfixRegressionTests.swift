import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// `hotfix_regression` in the drift report: an environment runs an emergency release whose
/// fix its baselined release lacks.
@Suite("hotfix_regression")
struct HotfixRegressionTests {
  static let now = Date(timeIntervalSince1970: 1_795_914_000)

  /// 1.0.0.0, the emergency release 1.0.0.1 on a hotfix branch, then 1.1.0.0 on main, with the
  /// fix cherry-picked into main or not.
  func estate(_ folder: TemporaryDirectory, pickFix: Bool, twin: Bool = false) throws -> (
    Estate, hotfix: String
  ) {
    var git = try GitScript(at: folder.url.appendingPathComponent("repo"))
    try git.commit("base")
    try git.tag("1.0.0.0", message: "1.0.0.0")
    try git.run(["checkout", "-q", "-b", "hotfix/1.0.0.1"])
    let fix = try git.commit("DEF-417 allocation off by one", file: "fix.txt")
    try git.tag("1.0.0.1", message: "1.0.0.1")
    try git.run(["checkout", "-q", "main"])
    try git.commit("feature", file: "feature.txt")
    if pickFix { try git.run(["cherry-pick", fix]) }
    // The same subject with another patch: a person must say whether it is the fix.
    if twin { try git.commit("DEF-417 allocation off by one", file: "fix.txt", content: "other\n") }
    git.clock += 60
    try git.tag("1.1.0.0", message: "1.1.0.0")
    let estate = Estate(
      root: folder.url,
      components: [
        "alpha": Component(name: "alpha", repository: "repo", repositoryURL: git.directory)
      ],
      baselines: [
        Baseline(
          environment: "UIT", probes: [],
          components: [
            Baseline.Entry(
              component: "alpha", release: try ReleaseVersion("1.1.0.0", scheme: .mhhs))
          ])
      ])
    return (estate, fix)
  }

  func run(_ entry: Inventory.Entry) -> ProbeRun {
    ProbeRun(
      probe: "inventory", environment: "UIT",
      inventory: Inventory(environment: "UIT", collectedAt: Self.now, components: [entry]))
  }

  @Test("running 1.0.0.1 with a baseline of 1.1.0.0 that lacks the fix: the fix would be lost")
  func lost() throws {
    let folder = TemporaryDirectory("hotfix-regression")
    let (estate, fix) = try estate(folder, pickFix: false)
    let report = try DriftCheck(estate: estate).report(
      runs: [run(Inventory.Entry(name: "alpha", version: "1.0.0.1"))], now: Self.now)
    let findings = try #require(report.environments.first?.findings)
    #expect(findings.map(\.kind) == [.versionMismatch, .hotfixRegression])
    let regression = try #require(findings.last)
    #expect(regression.expected == "1.1.0.0")
    #expect(regression.actual == "1.0.0.1")
    #expect(regression.message.contains(String(fix.prefix(7))))
    #expect(regression.message.contains("DEF-417 allocation off by one"))
  }

  @Test("reported by commit only, the emergency release is found through its tag")
  func byCommit() throws {
    let folder = TemporaryDirectory("hotfix-regression")
    let (estate, fix) = try estate(folder, pickFix: false)
    let report = try DriftCheck(estate: estate).report(
      runs: [run(Inventory.Entry(name: "alpha", commit: String(fix.prefix(10))))], now: Self.now)
    #expect(
      report.environments.first?.findings.map(\.kind) == [.versionMismatch, .hotfixRegression])
  }

  @Test("a baseline whose release carries the fix (cherry-picked) is no regression")
  func carried() throws {
    let folder = TemporaryDirectory("hotfix-regression")
    let (estate, _) = try estate(folder, pickFix: true)
    let report = try DriftCheck(estate: estate).report(
      runs: [run(Inventory.Entry(name: "alpha", version: "1.0.0.1"))], now: Self.now)
    #expect(report.environments.first?.findings.map(\.kind) == [.versionMismatch])
  }

  @Test("a baseline whose carrying of the fix needs review is no pass: an unproven finding")
  func unproven() throws {
    let folder = TemporaryDirectory("hotfix-unproven")
    let (estate, fix) = try estate(folder, pickFix: false, twin: true)
    let report = try DriftCheck(estate: estate).report(
      runs: [run(Inventory.Entry(name: "alpha", version: "1.0.0.1"))], now: Self.now)
    let findings = try #require(report.environments.first?.findings)
    #expect(findings.map(\.kind) == [.versionMismatch, .hotfixRegression])
    let unproven = try #require(findings.last)
    #expect(unproven.message.contains("needs review"), "\(unproven.message)")
    #expect(unproven.message.contains(String(fix.prefix(7))))
  }
}
