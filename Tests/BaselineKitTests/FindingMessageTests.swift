import BaselineKit
import Foundation
import Testing

@Suite("Finding messages: no environment in the value, added by the renderers that want it")
struct FindingMessageTests {
  @Test("message(in:) puts the environment in front; the value itself has none")
  func environmentPrefix() {
    let finding = Finding(
      .versionMismatch, component: "alpha", expected: "1.1.0.0", actual: "1.0.0.0",
      message: "alpha runs 1.0.0.0, baseline says 1.1.0.0")
    #expect(finding.message(in: "SIT-B") == "SIT-B: alpha runs 1.0.0.0, baseline says 1.1.0.0")
  }

  @Test("probe_failed, as recorded in a saved inventory, and no probe at all")
  func probeFailedMessages() {
    let saved = ProbeRun(
      probe: "saved.json", environment: "UIT",
      inventory: Inventory(
        environment: "UIT", collectedAt: Date(timeIntervalSince1970: 0), components: [],
        failures: [Inventory.ProbeFailure(probe: "db", failure: "exit 3", standardError: "")]))
    let baseline = Baseline(environment: "UIT", file: "Baselines/UIT.yaml", components: [])
    let recorded = Comparison.compare(
      baseline: baseline, runs: [saved], components: [:], facts: [:],
      now: Date(timeIntervalSince1970: 0))
    #expect(
      recorded.findings.map(\.message) == [
        "probe db failed (exit 3), as recorded in saved.json; what it would report is unknown"
      ])
    let none = Comparison.compare(
      baseline: baseline, runs: [], components: [:], facts: [:],
      now: Date(timeIntervalSince1970: 0))
    #expect(none.findings.map(\.message) == ["no probe ran"])
    #expect(none.findings.map(\.kind) == [.probeFailed])
  }
}
