import BaselineTestSupport
import Foundation
import Testing

/// `Scripts/hotfix-oracle` checks the component it is given against that component's own
/// repository (it once took the first `repository:` of the estate, whatever the component).
@Suite(
  "Scripts/hotfix-oracle",
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
struct HotfixOracleScriptTests {
  /// alpha (first in components.yaml): a hotfix merged back. bravo: a hotfix never merged,
  /// then 1.1.0.0; its commits are not in alpha's repository.
  static func estate() throws -> TemporaryDirectory {
    let folder = TemporaryDirectory("hotfix-oracle")
    try folder.write(
      "Baselines/components.yaml",
      """
      components:
        alpha:
          repository: ../repos/alpha   # listed first
          mainline: main
        bravo:
          repository: "../repos/bravo"
          mainline: main

      """)
    var alpha = try GitScript(at: folder.url.appendingPathComponent("repos/alpha"))
    try alpha.commit("base")
    try alpha.tag("1.0.0.0", message: "1.0.0.0")
    try alpha.run(["checkout", "-q", "-b", "hotfix/1.0.0.1"])
    try alpha.commit("DEF-1 alpha fix", file: "alpha-fix.txt")
    try alpha.tag("1.0.0.1", message: "1.0.0.1")
    try alpha.run(["checkout", "-q", "main"])
    try alpha.run(["merge", "-q", "--no-ff", "-m", "merge hotfix", "hotfix/1.0.0.1"])
    var bravo = try GitScript(at: folder.url.appendingPathComponent("repos/bravo"))
    bravo.clock += 3_600  // other commit ids than alpha's
    try bravo.commit("bravo base", file: "bravo.txt")
    try bravo.tag("1.0.0.0", message: "1.0.0.0")
    try bravo.run(["checkout", "-q", "-b", "hotfix/1.0.0.1"])
    try bravo.commit("DEF-2 bravo fix", file: "bravo-fix.txt")
    try bravo.tag("1.0.0.1", message: "1.0.0.1")
    try bravo.run(["checkout", "-q", "main"])
    try bravo.commit("bravo feature", file: "feature.txt")
    try bravo.tag("1.1.0.0", message: "1.1.0.0")
    return folder
  }

  /// Runs the script; `python` options first (`-S`: without site packages, so without PyYAML).
  static func oracle(_ component: String, in estate: TemporaryDirectory, python: [String] = [])
    throws -> CommandRun
  {
    try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/python3"),
      arguments: python + [
        CommandRun.packageRoot.appendingPathComponent("Scripts/hotfix-oracle").path,
        "--baseline", CommandRun.binary.path, estate.url.path, component,
      ], in: estate.url, environment: CommandRun.environment())
  }

  @Test(
    "the second component is checked in its own repository, not the first one's",
    arguments: [[], ["-S"]])
  func secondComponent(python: [String]) throws {
    let estate = try Self.estate()
    let run = try Self.oracle("bravo", in: estate, python: python)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("2 hotfix/target pairs: 2 equal to git cherry, 0 differ\n"))
    #expect(run.stderr.isEmpty)
  }

  @Test("the first component still works")
  func firstComponent() throws {
    let estate = try Self.estate()
    let run = try Self.oracle("alpha", in: estate)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("1 hotfix/target pairs: 1 equal to git cherry, 0 differ\n"))
  }
}
