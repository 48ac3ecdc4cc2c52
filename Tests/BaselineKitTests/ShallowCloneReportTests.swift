import BaselineKit
import BaselineTestSupport
import Foundation
import Testing

/// Case G3 at the level of the report: a component repository that is a shallow clone.
@Suite("Drift check on a shallow clone (G3)")
struct ShallowCloneReportTests {
  static let now = Date(timeIntervalSince1970: 1_795_914_000)

  /// An origin with 1.0.0.0 on its first commit and 2.0.0.0 on its last, and a
  /// `git clone --depth 1` of it, which holds the last commit only.
  func shallowEstate(_ folder: TemporaryDirectory) throws -> (Estate, first: String, last: String) {
    var origin = try GitScript(at: folder.url.appendingPathComponent("origin"))
    let first = try origin.commit("first")
    try origin.tag("1.0.0.0", message: "1.0.0.0")
    for index in 2...4 { try origin.commit("change \(index)") }
    let last = try origin.commit("last")
    try origin.tag("2.0.0.0", message: "2.0.0.0")
    try GitScript.git(
      ["clone", "-q", "--depth", "1", "file://\(origin.directory.path)", "clone"], in: folder.url)
    let clone = folder.url.appendingPathComponent("clone")
    try GitScript.git(["fetch", "-q", "--depth", "1", "origin", "tag", "2.0.0.0"], in: clone)
    let estate = Estate(
      root: folder.url,
      components: [
        "alpha": Component(name: "alpha", repository: "clone", repositoryURL: clone)
      ],
      baselines: [
        Baseline(
          environment: "SIT-A", probes: [],
          components: [Baseline.Entry(component: "alpha", release: try release("2.0.0.0"))])
      ])
    return (estate, first, last)
  }

  func run(_ entries: [Inventory.Entry]) -> ProbeRun {
    ProbeRun(
      probe: "inventory", environment: "SIT-A",
      inventory: Inventory(environment: "SIT-A", collectedAt: Self.now, components: entries))
  }

  @Test("a commit beyond the boundary is unknown and the environment incomplete, never untagged")
  func beyondBoundary() throws {
    let folder = TemporaryDirectory("shallow-report")
    let (estate, first, _) = try shallowEstate(folder)
    let report = try DriftCheck(estate: estate).report(
      runs: [run([Inventory.Entry(name: "alpha", commit: first)])], now: Self.now)
    let environment = try #require(report.environments.first)
    #expect(environment.status == .incomplete)
    #expect(environment.findings.map(\.kind) == [.unresolvedCommit])
    #expect(environment.findings.first?.message.contains("shallow clone") == true)
    #expect(environment.rows.first?.verdict == .unknown)
    #expect(report.warnings.contains { $0.contains("shallow clone") })
  }

  @Test("the tagged build the clone holds is judged as usual")
  func tagInsideClone() throws {
    let folder = TemporaryDirectory("shallow-report")
    let (estate, _, last) = try shallowEstate(folder)
    let report = try DriftCheck(estate: estate).report(
      runs: [run([Inventory.Entry(name: "alpha", version: "2.0.0.0", commit: last)])],
      now: Self.now)
    #expect(report.environments.first?.status == .inBaseline)
    #expect(report.findingCount == 0)
  }
}
