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
  func estate(
    _ folder: TemporaryDirectory, pickFix: Bool, twin: Bool = false, baselined: String = "1.1.0.0",
    acceptances: [Acceptance] = []
  ) throws -> (Estate, hotfix: String) {
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
              component: "alpha", release: try ReleaseVersion(baselined, scheme: .mhhs))
          ], acceptances: acceptances)
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

  /// `verify`'s `no_hotfix_regression` for the environment of `estate` running `entry` (or,
  /// with `nil`, a probe that failed).
  func noHotfixRegression(_ estate: Estate, running entry: Inventory.Entry?) throws
    -> Verification.Check
  {
    let runs =
      entry.map { [run($0)] }
      ?? [ProbeRun(probe: "inventory", environment: "UIT", inventory: nil, failure: "exit 1")]
    let report = try #require(
      try DriftCheck(estate: estate).report(runs: runs, now: Self.now).environments.first)
    let verification = Verification(
      report: report, baseline: try #require(estate.baselines.first), requiredRelease: nil,
      evidence: VerificationTests.evidence)
    return try #require(verification.checks.first { $0.id == .noHotfixRegression })
  }

  @Test("verify: no_hotfix_regression passes naming each emergency release it judged carried")
  func verifyCarried() throws {
    let folder = TemporaryDirectory("hotfix-verify")
    let (estate, _) = try self.estate(folder, pickFix: true)
    let check = try noHotfixRegression(
      estate, running: Inventory.Entry(name: "alpha", version: "1.0.0.1"))
    #expect(check.status == .passed)
    #expect(
      check.reasons == [
        "alpha runs emergency release 1.0.0.1, whose fix the approved build of 1.1.0.0 carries "
          + "(cherry-picked)"
      ])
    // The baselined release an emergency release itself: the approved build is the one running.
    let other = TemporaryDirectory("hotfix-verify")
    let (same, fix) = try self.estate(other, pickFix: false, baselined: "1.0.0.1")
    let itself = try noHotfixRegression(same, running: Inventory.Entry(name: "alpha", commit: fix))
    #expect(itself.status == .passed)
    #expect(
      itself.reasons.first?.contains("its baselined release 1.0.0.1 itself")
        == true)
  }

  @Test("verify: nothing running an emergency release is not applicable, never a pass")
  func verifyNothingToJudge() throws {
    let folder = TemporaryDirectory("hotfix-verify")
    let (estate, _) = try self.estate(folder, pickFix: false)
    let regular = try noHotfixRegression(
      estate, running: Inventory.Entry(name: "alpha", version: "1.1.0.0"))
    #expect(regular.status == .notApplicable)
    #expect(
      regular.reasons == [
        "no component is seen to run an emergency release, so no deployed fix can be lost "
          + "(whether the baselined releases carry the fixes of earlier emergency releases is "
          + "not judged here: baseline hotfixes judges that)"
      ])
    // A failed probe: which build runs is not known, and the check says so.
    let failed = try noHotfixRegression(estate, running: nil)
    #expect(failed.status == .notApplicable)
    #expect(
      failed.reasons.last
        == "which build runs is not known, so whether it is an emergency release is not known: alpha"
    )
  }

  @Test(
    "verify: an emergency release whose fix cannot be looked for fails as not proven, never n/a",
    arguments: [
      ("1.2.0.0", "1.0.0.1", nil, "1.2.0.0 has no tagged build to judge it against"),
      ("1.1.0.0", "1.0.0.1", "1.0.0.0", "is not the tagged build of 1.0.0.1"),
      ("1.1.0.0", "1.0.0.1", "main", "is not the tagged build of 1.0.0.1"),
      ("1.1.0.0", "1.0.0.2", nil, "no tag names 1.0.0.2, so its fix is not known"),
    ])
  func verifyNotJudged(baselined: String, version: String, commit: String?, why: String) throws {
    let folder = TemporaryDirectory("hotfix-verify")
    // The fix is carried: judged by the claimed release's tag alone, this would pass.
    let (estate, _) = try self.estate(folder, pickFix: true, baselined: baselined)
    let repository = folder.url.appendingPathComponent("repo")
    let id = try commit.map { name in
      name == "main"
        ? name
        : try CommandRun.run(
          executable: URL(fileURLWithPath: "/usr/bin/git"),
          arguments: ["-C", repository.path, "rev-parse", "\(name)^{commit}"]
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let check = try noHotfixRegression(
      estate, running: Inventory.Entry(name: "alpha", version: version, commit: id))
    #expect(check.status == .failed, "\(check.reasons)")
    #expect(check.reasons.count == 1)
    #expect(check.reasons.first?.contains(why) == true, "\(check.reasons)")
    #expect(
      check.reasons.first?.hasSuffix(
        "whether its baseline \(baselined) carries its fix is not proven") == true)
  }

  @Test("verify: an emergency release tagged on two commits, reported by version, is not proven")
  func verifyTwoBuilds() throws {
    let folder = TemporaryDirectory("hotfix-verify")
    let (estate, fix) = try self.estate(folder, pickFix: false)
    let repository = folder.url.appendingPathComponent("repo").path
    // 1.0.0.1 moved onto 1.0.0.0's commit, and v1.0.0.1 left on the fix: two builds.
    for arguments in [["tag", "v1.0.0.1", fix], ["tag", "-f", "1.0.0.1", "1.0.0.0^{commit}"]] {
      let run = try CommandRun.run(
        executable: URL(fileURLWithPath: "/usr/bin/git"), arguments: ["-C", repository] + arguments)
      #expect(run.status == 0, "\(run.stderr)")
    }
    let check = try noHotfixRegression(
      estate, running: Inventory.Entry(name: "alpha", version: "1.0.0.1"))
    #expect(check.status == .failed, "\(check.reasons)")
    #expect(
      check.reasons.first?.contains(
        "1.0.0.1 is tagged on 2 commits, so which build runs is not known")
        == true, "\(check.reasons)")
  }

  @Test("verify: a lost fix fails; accepted, it is named in the pass, not hidden")
  func verifyLostAndAccepted() throws {
    let folder = TemporaryDirectory("hotfix-verify")
    let (estate, _) = try self.estate(folder, pickFix: false)
    let lost = try noHotfixRegression(
      estate, running: Inventory.Entry(name: "alpha", version: "1.0.0.1"))
    #expect(lost.status == .failed)
    #expect(lost.reasons.count == 1)
    let acceptance = try #require(
      Acceptance(
        component: "alpha", kind: .hotfixRegression, reason: "fix superseded by CR-12",
        reference: "CR-12", expires: "2099-12-31"))
    let other = TemporaryDirectory("hotfix-verify")
    let (accepting, _) = try self.estate(other, pickFix: false, acceptances: [acceptance])
    let accepted = try noHotfixRegression(
      accepting, running: Inventory.Entry(name: "alpha", version: "1.0.0.1"))
    #expect(accepted.status == .passed)
    #expect(
      accepted.reasons == [
        "alpha runs emergency release 1.0.0.1, whose fix is not shown in the approved build of "
          + "1.1.0.0: accepted deviation (CR-12)"
      ])
  }
}
