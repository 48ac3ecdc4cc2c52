import BaselineKit
import Foundation
import Testing

/// Text from outside (a probe's failure, a reported value) cannot add lines to the text forms.
@Suite("One line of a report stays one line")
struct TerminalLineTests {
  @Test("a line feed in a reported setting or a probe's failure is shown, not obeyed")
  func lineFeedsAreShown() throws {
    let now = Date(timeIntervalSince1970: 1_795_914_000)
    let baseline = Baseline(
      environment: "SIT-A",
      components: [
        Baseline.Entry(
          component: "alpha", release: try ReleaseVersion("1.0.0.0", scheme: .mhhs),
          settings: [Baseline.Setting("mode", "strict")])
      ])
    let forged = "x\nSIT-A  in_baseline  (0 findings)"
    let runs = [
      ProbeRun(
        probe: "inventory", environment: "SIT-A",
        inventory: Inventory(
          environment: "SIT-A", collectedAt: now,
          components: [
            Inventory.Entry(name: "alpha", version: "1.0.0.0", settings: ["mode": forged])
          ])),
      ProbeRun(
        probe: "db", environment: "SIT-A", inventory: nil, failure: "exit 3: " + forged,
        exitStatus: 3),
    ]
    let report = Comparison.compare(
      baseline: baseline, runs: runs, components: [:], facts: [:], now: now)
    let text = DriftReport(generatedAt: now, environments: [report], warnings: []).text()
    #expect(!text.contains("\nSIT-A  in_baseline"))
    #expect(text.contains("x\\u{a}SIT-A  in_baseline"))
    #expect(Terminal.line("a\nb\u{1b}c") == "a\\u{a}b\\u{1b}c")
  }
}
