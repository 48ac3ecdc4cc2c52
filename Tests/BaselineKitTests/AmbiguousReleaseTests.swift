import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// One release tagged on two commits (`4.3.5.0` and its short form `4.3.5`), unpinned: the
/// report names the right tag in `commit_mismatch` (F1) and warns that which build is the
/// release is ambiguous (F3), as `verify` and `pin` refuse it.
@Suite("A release tagged on two commits")
struct AmbiguousReleaseTests {
  @Test("commit_mismatch names the tag of the build it compares with; the report warns")
  func twoBuilds() throws {
    let folder = TemporaryDirectory("ambiguous")
    var git = try GitScript(at: folder.url.appendingPathComponent("repos/alpha"))
    let first = try git.commit("first build", file: "a.txt")
    try git.tag("4.3.5.0", message: "4.3.5.0")
    let second = try git.commit("second build", file: "b.txt")
    try git.tag("4.3.5", message: "4.3.5")
    let baselines = folder.url.appendingPathComponent("Baselines")
    try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
    try Data("components:\n  alpha:\n    repository: ../repos/alpha\n".utf8).write(
      to: baselines.appendingPathComponent("components.yaml"))
    try Data("environment: SIT-A\ncomponents:\n  alpha:\n    version: 4.3.5.0\n".utf8).write(
      to: baselines.appendingPathComponent("SIT-A.yaml"))
    let estate = try Estate.load(root: folder.url)
    let run = ProbeRun(
      probe: "inventory", environment: "SIT-A",
      inventory: Inventory(
        environment: "SIT-A", collectedAt: Date(),
        components: [Inventory.Entry(name: "alpha", version: "4.3.5", commit: second)]))
    let report = try DriftCheck(estate: estate).report(runs: [run])
    let finding = try #require(report.environments.first?.findings.first)
    #expect(finding.kind == .commitMismatch)
    #expect(finding.message.contains("tag 4.3.5.0 names \(first)"))
    #expect(!finding.message.contains("tag 4.3.5 names"))
    #expect(
      report.warnings.contains {
        $0.hasPrefix("SIT-A: alpha 4.3.5.0 is tagged on different commits (4.3.5.0 and 4.3.5)")
          && $0.contains("pin it")
      })
  }
}
