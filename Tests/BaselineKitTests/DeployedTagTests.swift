import BaselineKit
import BaselineTestSupport
import Foundation
import Testing

/// The build a row shows for a deployed commit that carries several release tags.
@Suite("deployed and deployed_tag: which of a commit's releases a row shows")
struct DeployedTagTests {
  static let now = Date(timeIntervalSince1970: 1_795_914_000)

  /// One commit tagged 1.0.0.1 and 1.1.0.0 (after 1.0.0.0), the baseline at `baselined`;
  /// the row of alpha reported as `version` on that commit.
  func row(baselined: String, version: String?) throws -> EnvironmentReport.Row {
    let folder = TemporaryDirectory("deployed-tag")
    var git = try GitScript(at: folder.url.appendingPathComponent("repo"))
    try git.commit("base")
    try git.tag("1.0.0.0", message: "1.0.0.0")
    let both = try git.commit("fix and feature")
    try git.tag("1.0.0.1", message: "1.0.0.1")
    try git.tag("1.1.0.0", message: "1.1.0.0")
    let estate = Estate(
      root: folder.url,
      components: [
        "alpha": Component(name: "alpha", repository: "repo", repositoryURL: git.directory)
      ],
      baselines: [
        Baseline(
          environment: "UIT",
          components: [
            Baseline.Entry(
              component: "alpha", release: try ReleaseVersion(baselined, scheme: .mhhs))
          ])
      ])
    let run = ProbeRun(
      probe: "inventory", environment: "UIT",
      inventory: Inventory(
        environment: "UIT", collectedAt: Self.now,
        components: [Inventory.Entry(name: "alpha", version: version, commit: both)]))
    let report = try DriftCheck(estate: estate).report(runs: [run], now: Self.now)
    return try #require(report.environments.first?.rows.first)
  }

  @Test(
    "the reported release's tag (compared as a release), else the baselined one's, else the lowest")
  func choice() throws {
    let byCommit = try row(baselined: "1.0.0.1", version: nil)
    #expect(
      (byCommit.deployed, byCommit.deployedTag, byCommit.verdict) == ("1.0.0.1", "1.0.0.1", .ok))
    let spelled = try row(baselined: "1.1.0.0", version: "1.0.0.01")
    #expect(spelled.deployedTag == "1.0.0.1")
    let reported = try row(baselined: "1.0.0.1", version: "1.1.0.0")
    #expect(reported.deployedTag == "1.1.0.0")
    let other = try row(baselined: "1.0.0.0", version: nil)
    #expect((other.deployed, other.deployedTag) == ("1.0.0.1", "1.0.0.1"))
  }
}
