import BaselineKit
import BaselineTestSupport
import Foundation

/// One report over three environments, made by ``DriftCheck`` from a real repository and
/// hand-made probe outcomes: `SIT-A` in baseline, `SIT-B` drifted (three findings), `UIT`
/// incomplete (a failed probe).
struct SampleReport {
  static let now = Date(timeIntervalSince1970: 1_795_914_000)  // 2026-11-29T01:00:00Z
  let report: DriftReport
  let v1100: String

  init() throws {
    let folder = TemporaryDirectory("report")
    var git = try GitScript(at: folder.url.appendingPathComponent("repos/alpha"))
    try git.commit("first")
    try git.tag("1.0.0.0", message: "release 1.0.0.0")
    v1100 = try git.commit("second")
    try git.tag("1.1.0.0", message: "release 1.1.0.0")
    try git.tag("1.0.1-3")

    let repository = git.directory
    let components = [
      "alpha": Component(name: "alpha", repository: "../repos/alpha", repositoryURL: repository),
      "bravo": Component(name: "bravo", repository: "../repos/alpha", repositoryURL: repository),
    ]
    let alpha = Baseline.Entry(component: "alpha", release: try release("1.1.0.0"))
    let estate = Estate(
      root: folder.url, components: components,
      baselines: [
        Baseline(environment: "SIT-A", components: [alpha]),
        Baseline(
          environment: "SIT-B",
          components: [
            Baseline.Entry(
              component: "alpha", release: try release("1.1.0.0"),
              settings: [Baseline.Setting("greeting", "a<b & \"c\"")]),
            Baseline.Entry(component: "bravo", release: try release("1.0.0.0")),
          ]),
        Baseline(environment: "UIT", components: [alpha]),
      ])
    func run(_ environment: String, _ entries: [Inventory.Entry]) -> ProbeRun {
      ProbeRun(
        probe: "inventory", environment: environment,
        inventory: Inventory(environment: environment, collectedAt: Self.now, components: entries),
        duration: 0.2)
    }
    let runs = [
      run("SIT-A", [Inventory.Entry(name: "alpha", version: "1.1.0.0", commit: v1100)]),
      run(
        "SIT-B",
        [
          Inventory.Entry(name: "alpha", version: "1.0.0.0", settings: ["greeting": "hello"]),
          Inventory.Entry(name: "bravo", version: "1.0.0.0"),
          Inventory.Entry(name: "pipe|name", version: "9.9.9.9"),
        ]),
      run("UIT", [Inventory.Entry(name: "alpha", version: "1.1.0.0")]),
      ProbeRun(
        probe: "broken", environment: "UIT", inventory: nil, failure: "exit 3: connection refused",
        exitStatus: 3, duration: 0.1, standardError: "connecting\nconnection refused\n"),
      run("PROD", [Inventory.Entry(name: "alpha", version: "0.0.0.1")]),
    ]
    report = try DriftCheck(estate: estate).report(runs: runs, now: Self.now)
  }
}
