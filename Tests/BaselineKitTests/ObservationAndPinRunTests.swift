import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// The library work the command line used to do itself: matching saved inventories to
/// environments (``Observation``), deciding what `pin` may do (``PinRun``), and what a saved
/// inventory stands for (``SavedInventory``).
@Suite("Observation, PinRun and saved inventories")
struct ObservationAndPinRunTests {
  static let now = Date(timeIntervalSince1970: 1_795_914_000)

  static func estate(_ environments: [String], hand: Bool = false) throws -> Estate {
    let component = Component(
      name: "alpha", repository: "alpha", repositoryURL: URL(fileURLWithPath: "/nowhere"))
    let pin = hand ? try ObjectID(checking: String(repeating: "ab", count: 20)) : nil
    let baselines = try environments.map { name in
      Baseline(
        environment: name, file: "Baselines/\(name).yaml",
        components: [
          Baseline.Entry(component: "alpha", release: try release("1.0.0.0"), pin: pin)
        ])
    }
    return Estate(
      root: URL(fileURLWithPath: "/estate"), components: ["alpha": component],
      baselines: baselines)
  }

  static func saved(_ environment: String, probes: [Inventory.ProbeRecord] = []) -> SavedInventory {
    SavedInventory(
      path: "\(environment).inventory.json", sha256: "sha256:" + String(repeating: "0", count: 64),
      inventory: Inventory(
        environment: environment, collectedAt: now,
        components: [Inventory.Entry(name: "alpha", version: "1.0.0.0")], probes: probes))
  }

  @Test("saved inventories choose their environments; --env must each have one")
  func matching() throws {
    let estate = try Self.estate(["SIT-A", "SIT-B"])
    let one = try Observation.matching([Self.saved("SIT-A")], to: estate, chosen: false)
    #expect(one.estate.baselines.map(\.environment) == ["SIT-A"])
    #expect(one.savedInventories.map(\.path) == ["SIT-A.inventory.json"])
    let missing = #expect(throws: InputError.self) {
      try Observation.matching([Self.saved("SIT-A")], to: estate, chosen: true)
    }
    #expect(missing?.description == "--inventory: no inventory given for environment \"SIT-B\"")
    let stray = #expect(throws: InputError.self) {
      try Observation.matching([Self.saved("UIT")], to: estate, chosen: false)
    }
    #expect(
      stray?.description
        == "UIT.inventory.json: an inventory of \"UIT\", but there is no Baselines/UIT.yaml")
    let notChosen = #expect(throws: InputError.self) {
      try Observation.matching(
        [Self.saved("SIT-B")], to: try Self.estate(["SIT-A"]), chosen: true)
    }
    #expect(notChosen?.message.hasSuffix("but it is not among the environments asked for") == true)
  }

  @Test("a saved inventory with its probes stands for the same runs; one without is one run")
  func runsOfASavedInventory() throws {
    let records = [
      Inventory.ProbeRecord(
        probe: "inventory", failure: nil, exitStatus: 0, duration: 0.5, standardError: ""),
      Inventory.ProbeRecord(
        probe: "db-schema", failure: "exit 3: refused", exitStatus: 3, duration: 0.1,
        standardError: "refused\n"),
      Inventory.ProbeRecord(
        probe: "late", failure: nil, exitStatus: 0, duration: 0.2, standardError: ""),
    ]
    let runs = Self.saved("SIT-A", probes: records).runs
    #expect(runs.map(\.probe) == ["inventory", "db-schema", "late"])
    #expect(runs.map { $0.inventory == nil } == [false, true, false])
    #expect(runs[0].inventory?.components.map(\.name) == ["alpha"])
    #expect(runs[2].inventory?.components.isEmpty == true, "the components count once")
    #expect(runs[1].failure == "exit 3: refused")
    #expect(runs[1].standardError == "refused\n")
    #expect(runs.allSatisfy { $0.savedIn == "SIT-A.inventory.json" })
    let plain = Self.saved("SIT-A").runs
    #expect(plain.map(\.probe) == ["file SIT-A.inventory.json"])
  }

  @Test("probes recorded by probe are read back as written, through the JSON form")
  func probeRecordsRoundTrip() throws {
    let runs = [
      ProbeRun(
        probe: "inventory", environment: "SIT-A",
        inventory: Inventory(
          environment: "SIT-A", collectedAt: Self.now,
          components: [Inventory.Entry(name: "alpha", version: "1.0.0.0")]),
        duration: 0.25),
      ProbeRun(
        probe: "db-schema", environment: "SIT-A", inventory: nil, failure: "timed out after 60 s",
        exitStatus: nil, duration: 60, standardError: "waiting\n"),
    ]
    let collected = CollectedInventory(runs: runs, environment: "SIT-A")
    #expect(collected.exitCode == 1)
    #expect(collected.problems == ["probe db-schema failed: timed out after 60 s"])
    let read = try Inventory.parse(collected.inventory.json(), source: "saved.json")
    #expect(read.probes == collected.inventory.probes)
    #expect(read.probes.map(\.probe) == ["inventory", "db-schema"])
    #expect(read.probes[1].exitStatus == nil)
    #expect(read.probes[1].duration == 60)
  }

  @Test("a probes record that is not ok or failed, or a failure without why, is an input error")
  func badProbeRecords() throws {
    let head =
      #"{"environment": "SIT-A", "collected_at": "2026-11-29T01:00:00Z", "components": [], "#
    let unknown = #expect(throws: InputError.self) {
      try Inventory.parse(head + #""probes": [{"probe": "x", "status": "fine"}]}"#, source: "f")
    }
    #expect(unknown?.description.contains("expected ok or failed, found \"fine\"") == true)
    let why = #expect(throws: InputError.self) {
      try Inventory.parse(head + #""probes": [{"probe": "x", "status": "failed"}]}"#, source: "f")
    }
    #expect(why?.description.contains("a failed probe needs failure:") == true)
    let exit = #expect(throws: InputError.self) {
      try Inventory.parse(
        head + #""probes": [{"probe": "x", "status": "ok", "exit_status": 300}]}"#, source: "f")
    }
    #expect(exit?.description.contains("expected an exit status (0 to 255)") == true)
  }

  @Test("two probes that disagree are one problem of probe, with the environment named")
  func disagreementIsAProblem() throws {
    func run(_ probe: String, _ version: String) -> ProbeRun {
      ProbeRun(
        probe: probe, environment: "SIT-A",
        inventory: Inventory(
          environment: "SIT-A", collectedAt: Self.now,
          components: [Inventory.Entry(name: "alpha", version: version)]))
    }
    let collected = CollectedInventory(
      runs: [run("one", "1.0.0.0"), run("two", "1.1.0.0")], environment: "SIT-A")
    #expect(collected.problems.count == 1)
    #expect(collected.problems[0].hasPrefix("SIT-A: probes disagree on alpha version"))
    #expect(collected.problems[0].hasSuffix("; the first probe's value is printed"))
  }

  @Test("--repin must name a component that a chosen baseline pins through its pin file")
  func repinChecks() throws {
    let unknown = #expect(throws: InputError.self) {
      try PinRun.plan(try Self.estate(["SIT-A"]), repin: ["NOPE"], dryRun: true)
    }
    #expect(
      unknown?.description
        == "--repin: no component \"NOPE\" in Baselines/components.yaml (components: alpha)")
    let notChosen = #expect(throws: InputError.self) {
      try PinRun.plan(
        Estate(
          root: URL(fileURLWithPath: "/e"), components: try Self.estate([]).components,
          baselines: []), repin: ["alpha"], dryRun: true)
    }
    #expect(notChosen?.message.hasPrefix("alpha is in no baseline chosen") == true)
    let byHand = #expect(throws: InputError.self) {
      try PinRun.plan(try Self.estate(["SIT-A"], hand: true), repin: ["alpha"], dryRun: true)
    }
    #expect(
      byHand?.message.hasPrefix("alpha is pinned by hand (commit: in Baselines/SIT-A.yaml)")
        == true)
  }
}
