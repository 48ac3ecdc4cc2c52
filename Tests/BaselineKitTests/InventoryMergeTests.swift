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
