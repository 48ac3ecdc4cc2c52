import BaselineKit
import Foundation
import Git
import Testing

/// Findings and reports read back exactly as they were written (the history will store them).
@Suite("Findings and reports are Codable both ways")
struct ReportCodableTests {
  static let now = Date(timeIntervalSince1970: 1_795_914_000.25)

  @Test("a drift report with accepted, failed and conflicting findings survives encode and decode")
  func driftReportRoundTrip() throws {
    let alpha = try AlphaReleases()
    let acceptance = try #require(
      Acceptance(
        component: "alpha", kind: .settingDrift, key: "mode", actual: "lax", reason: "trial",
        reference: "RFC-1", expires: "2099-12-31"))
    let baseline = Baseline(
      environment: "SIT-A", file: "Baselines/SIT-A.yaml", maxAge: 3600,
      components: [
        Baseline.Entry(
          component: "alpha", release: try release("1.1.0.0"), pin: alpha.v1100,
          settings: [Baseline.Setting("mode", "strict")],
          files: [Baseline.Setting("app.conf", "sha256:" + String(repeating: "ab", count: 32))])
      ], release: "R3", acceptances: [acceptance])
    let inventory = Inventory(
      environment: "SIT-A", collectedAt: Self.now,
      components: [
        Inventory.Entry(
          name: "alpha", version: "1.1.0.0", commit: alpha.v1100.hex, settings: ["mode": "lax"],
          files: [
            "app.conf": FileDigest(
              "sha256:" + String(repeating: "cd", count: 32),
              normalized: "sha256:" + String(repeating: "ef", count: 32))
          ]),
        Inventory.Entry(name: "stray", version: "9.0.0.0"),
      ])
    let runs = [
      ProbeRun(probe: "inventory", environment: "SIT-A", inventory: inventory, duration: 0.5),
      ProbeRun(
        probe: "db", environment: "SIT-A", inventory: nil, failure: "exit 3: refused",
        exitStatus: 3, duration: 0.1, standardError: "refused\n", savedIn: "SIT-A.json"),
    ]
    let component = Component(
      name: "alpha", repository: "alpha", repositoryURL: URL(fileURLWithPath: "/nowhere"))
    let environment = Comparison.compare(
      baseline: baseline, runs: runs, components: ["alpha": component],
      facts: [
        "alpha": ComponentFacts(
          releases: alpha.releases, commits: [alpha.v1100.hex: .commit(alpha.v1100)])
      ], now: Self.now)
    let report = DriftReport(
      generatedAt: Self.now, environments: [environment], warnings: ["alpha: a caveat"])
    #expect(report.environments[0].findings.contains { !$0.isOpen }, "an accepted finding")
    #expect(report.environments[0].findings.contains { $0.kind == .probeFailed })
    #expect(report.environments[0].findings.contains { $0.kind == .fileDrift })
    let data = try JSONEncoder().encode(report)
    let decoded = try JSONDecoder().decode(DriftReport.self, from: data)
    #expect(decoded == report)
    #expect(decoded.json() == report.json())
  }
}
