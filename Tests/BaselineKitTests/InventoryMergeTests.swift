import BaselineKit
import Foundation
import Testing

@Suite("Inventory.merged: one environment's probes as one inventory")
struct InventoryMergeTests {
  static let early = Date(timeIntervalSince1970: 1_795_900_000)
  static let late = Date(timeIntervalSince1970: 1_795_914_000)

  static func run(_ probe: String, _ at: Date, _ entries: [Inventory.Entry]) -> ProbeRun {
    ProbeRun(
      probe: probe, environment: "UIT",
      inventory: Inventory(environment: "UIT", collectedAt: at, components: entries))
  }

  @Test("fields of several probes combine; the oldest time is kept; a failed probe is recorded")
  func combines() throws {
    let merged = Inventory.merged(
      [
        Self.run("agent", Self.late, [Inventory.Entry(name: "alpha", version: "1.0.0.0")]),
        ProbeRun(probe: "broken", environment: "UIT", inventory: nil, failure: "exit 1"),
        Self.run(
          "config", Self.early,
          [
            Inventory.Entry(name: "alpha", commit: "abc1234", settings: ["k": "v"]),
            Inventory.Entry(name: "bravo", version: "2.0.0.0"),
          ]),
      ], environment: "UIT")
    #expect(merged.conflicts.isEmpty)
    #expect(
      merged.inventory.failures == [Inventory.ProbeFailure(probe: "broken", failure: "exit 1")])
    #expect(merged.inventory.environment == "UIT")
    #expect(merged.inventory.collectedAt == Self.early)
    #expect(
      merged.inventory.components == [
        Inventory.Entry(name: "alpha", version: "1.0.0.0", commit: "abc1234", settings: ["k": "v"]),
        Inventory.Entry(name: "bravo", version: "2.0.0.0"),
      ])
  }

  @Test("a disagreement keeps the first value and is returned as inventory_conflict")
  func conflicts() throws {
    let merged = Inventory.merged(
      [
        Self.run("agent", Self.late, [Inventory.Entry(name: "alpha", settings: ["k": "one"])]),
        Self.run("config", Self.late, [Inventory.Entry(name: "alpha", settings: ["k": "two"])]),
      ], environment: "UIT")
    #expect(merged.inventory.components.first?.settings == ["k": "one"])
    #expect(merged.conflicts.map(\.kind) == [.inventoryConflict])
    #expect(merged.conflicts.first?.key == "settings.k")
    #expect(merged.conflicts.first?.expected == "one")
    #expect(merged.conflicts.first?.actual == "two")
    #expect(merged.conflicts.first?.probe == "agent, config")
  }

  @Test("no inventory at all: an empty inventory that keeps the failures, so nothing is lost")
  func nothing() throws {
    let empty = Inventory.merged([], environment: "UIT", now: Self.late)
    #expect(
      empty.inventory == Inventory(environment: "UIT", collectedAt: Self.late, components: []))
    let failed = Inventory.merged(
      [
        ProbeRun(
          probe: "broken", environment: "UIT", inventory: nil, failure: "exit 3: refused",
          standardError: "refused\n")
      ], environment: "UIT", now: Self.late)
    #expect(failed.inventory.components.isEmpty)
    #expect(
      failed.inventory.failures == [
        Inventory.ProbeFailure(
          probe: "broken", failure: "exit 3: refused", standardError: "refused\n")
      ])
    // Written and read back, the failure survives: a later report is still incomplete.
    let reread = try Inventory.parse(failed.inventory.json(), source: "saved.json")
    #expect(reread == failed.inventory)
  }
}

@Suite("Saved inventories keep what probes disagreed on")
struct SavedConflictTests {
  @Test("probe, save, report: a disagreement is still an inventory_conflict, never settled")
  func conflictSurvivesSaving() throws {
    let now = Date(timeIntervalSince1970: 1_795_914_000)
    func run(_ probe: String, _ version: String) -> ProbeRun {
      ProbeRun(
        probe: probe, environment: "UIT",
        inventory: Inventory(
          environment: "UIT", collectedAt: now,
          components: [Inventory.Entry(name: "alpha", version: version, settings: ["k": "v"])]))
    }
    let merged = Inventory.merged(
      [run("agent", "1.0.0.0"), run("cmdb", "1.0.0.1")], environment: "UIT")
    #expect(
      merged.inventory.conflicts == [
        Inventory.Conflict(
          component: "alpha", field: "version",
          values: [
            Inventory.ReportedValue(probe: "agent", value: "1.0.0.0"),
            Inventory.ReportedValue(probe: "cmdb", value: "1.0.0.1"),
          ])
      ])
    let saved = try Inventory.parse(merged.inventory.json(), source: "saved.json")
    #expect(saved == merged.inventory)
    let baseline = Baseline(
      environment: "UIT",
      components: [
        Baseline.Entry(component: "alpha", release: try ReleaseVersion("1.0.0.0", scheme: .mhhs))
      ])
    let report = Comparison.compare(
      baseline: baseline,
      runs: [ProbeRun(probe: "file saved.json", environment: "UIT", inventory: saved)],
      components: [:], facts: [:], now: now)
    let conflict = try #require(report.findings.first { $0.kind == .inventoryConflict })
    #expect(conflict.message.contains("agent: 1.0.0.0; cmdb: 1.0.0.1"))
    #expect(
      !report.findings.contains { $0.kind == .versionMismatch || $0.kind == .missingComponent })
    #expect(report.status == .drifted)
  }
}
