import BaselineKit
import Foundation
import Testing

@Suite("Inventory.parse: baseline.inventory/1, strictly")
struct InventoryParsingTests {
  static let digestA = "sha256:" + String(repeating: "a1", count: 32)
  static let digestB = "sha256:" + String(repeating: "b2", count: 32)
  static let digestC = "sha256:" + String(repeating: "c3", count: 32)

  @Test("a valid inventory keeps every field, with string and object file digests")
  func valid() throws {
    let text = """
      {"schema": "baseline.inventory/1", "environment": "SIT-A",
       "collected_at": "2026-11-29T01:00:00Z",
       "components": [
         {"name": "alpha", "version": "1.2.0.1", "commit": "9c1e0f",
          "settings": {"feature.x": "on", "build": "010"},
          "files": {"conf/app.yaml": "\(Self.digestA)",
                    "conf/crlf.yaml": {"digest": "\(Self.digestB)", "normalized_digest": "\(Self.digestC)"},
                    "conf/plain.yaml": {"digest": "\(Self.digestC)"}}},
         {"name": "bravo", "version": null},
         {"name": "charlie", "commit": "main", "settings": null}]}
      """
    let inventory = try Inventory.parse(text, source: "probe")

    #expect(inventory.environment == "SIT-A")
    #expect(inventory.collectedAt == Date(timeIntervalSince1970: 1_795_914_000))
    #expect(inventory.components.map(\.name) == ["alpha", "bravo", "charlie"])
    let alpha = inventory.components[0]
    #expect(alpha.version == "1.2.0.1")
    #expect(alpha.commit == "9c1e0f")
    #expect(alpha.settings == ["feature.x": "on", "build": "010"])
    #expect(
      alpha.files == [
        "conf/app.yaml": FileDigest(Self.digestA),
        "conf/crlf.yaml": FileDigest(Self.digestB, normalized: Self.digestC),
        "conf/plain.yaml": FileDigest(Self.digestC),
      ])
    #expect(inventory.components[1] == Inventory.Entry(name: "bravo"))
    #expect(inventory.components[2] == Inventory.Entry(name: "charlie", commit: "main"))
  }

  @Test(
    "collection times with offsets and fractions are read as instants",
    arguments: [
      ("2026-11-29T01:00:00Z", 1_795_914_000.0),
      ("2026-11-29T10:00:00+09:00", 1_795_914_000),
      ("2026-11-29T01:00:00.250Z", 1_795_914_000.25),
    ])
  func times(text: String, seconds: Double) throws {
    let json = "{\"environment\": \"UIT\", \"collected_at\": \"\(text)\", \"components\": []}"
    let inventory = try Inventory.parse(json, source: "probe")
    #expect(inventory.collectedAt.timeIntervalSince1970 == seconds)
    #expect(inventory.components.isEmpty)
  }

  @Test("the merged inventory's JSON reads back as the same inventory")
  func roundTrip() throws {
    let inventory = Inventory(
      environment: "SIT-A", collectedAt: Date(timeIntervalSince1970: 1_795_914_000),
      components: [
        Inventory.Entry(
          name: "alpha", version: "1.2.0.1", commit: "9c1e0f", settings: ["k": "v"],
          files: [
            "a": FileDigest(Self.digestA), "b": FileDigest(Self.digestB, normalized: Self.digestC),
          ]),
        Inventory.Entry(name: "bravo"),
      ])
    let json = inventory.json()
    #expect(json.contains("\"schema\" : \"baseline.inventory/1\""))
    #expect(json.contains("\"collected_at\" : \"2026-11-29T01:00:00Z\""))
    #expect(try Inventory.parse(json, source: "saved") == inventory)
  }

  @Test("an unknown key is an error with its line and column")
  func unknownKey() {
    let text = """
      {"environment": "SIT-A", "collected_at": "2026-11-29T01:00:00Z",
       "components": [
         {"name": "alpha", "verison": "1.2.0.1"}]}
      """
    let error = #expect(throws: InputError.self) { try Inventory.parse(text, source: "inv.json") }
    #expect(
      error?.description
        == "inv.json:3:22: components[0]: unknown key \"verison\"; did you mean \"version\"? "
        + "(known keys: name, version, commit, settings, files)")
  }

  @Test("a missing collected_at is an error at the object")
  func missingCollectedAt() {
    let text = "{\"environment\": \"SIT-A\", \"components\": []}"
    let error = #expect(throws: InputError.self) { try Inventory.parse(text, source: "inv.json") }
    #expect(
      error?.description
        == "inv.json:1:1: missing key \"collected_at\" (expected an inventory (environment, "
        + "collected_at, components))")
  }

  @Test(
    "a time that is not RFC 3339 is an error with its position",
    arguments: ["yesterday", "2026-11-29", "2026-11-29 01:00:00"])
  func badTime(time: String) {
    let text = """
      {"environment": "SIT-A",
       "collected_at": "\(time)",
       "components": []}
      """
    let error = #expect(throws: InputError.self) { try Inventory.parse(text, source: "inv.json") }
    #expect(
      error?.description
        == "inv.json:2:18: collected_at: expected an RFC 3339 time like 2026-11-29T01:00:00Z, "
        + "found \"\(time)\"")
  }

  @Test("a component listed twice is an error at the second")
  func duplicateComponent() {
    let text = """
      {"environment": "SIT-A", "collected_at": "2026-11-29T01:00:00Z",
       "components": [
         {"name": "alpha", "version": "1.0.0.0"},
         {"name": "alpha", "version": "1.1.0.0"}]}
      """
    let error = #expect(throws: InputError.self) { try Inventory.parse(text, source: "inv.json") }
    #expect(
      error?.description == "inv.json:4:13: components[1].name: component \"alpha\" is listed twice"
    )
  }

  @Test(
    "other malformed inventories are errors with positions",
    arguments: [
      (
        "[1, 2]",
        "p:1:1: expected a JSON object (baseline.inventory/1), found a list"
      ),
      (
        "{\"schema\": \"baseline.inventory/2\", \"environment\": \"A\", \"collected_at\": \"2026-11-29T01:00:00Z\", \"components\": []}",
        "p:1:12: schema: expected \"baseline.inventory/1\", found \"baseline.inventory/2\""
      ),
      (
        "{\"environment\": \"A\", \"collected_at\": \"2026-11-29T01:00:00Z\", \"components\": {}}",
        "p:1:76: components: expected a list of components, found a mapping"
      ),
      (
        "{\"environment\": \"A\", \"collected_at\": \"2026-11-29T01:00:00Z\", \"components\": [{\"name\": \"x\", \"files\": {\"f\": \"md5:1\"}}]}",
        "p:1:106: components[0].files.f: expected a digest like sha256:<64 hex digits>, found \"md5:1\""
      ),
      (
        "{\"environment\": \"A\", \"collected_at\": \"2026-11-29T01:00:00Z\", \"components\": [{\"version\": \"1.0.0.0\"}]}",
        "p:1:77: components[0]: missing key \"name\" (expected a component (name, version, commit, settings, files))"
      ),
      (
        "",
        "p:1:1: the file is empty"
      ),
    ])
  func malformed(text: String, expected: String) {
    let error = #expect(throws: InputError.self) { try Inventory.parse(text, source: "p") }
    #expect(error?.description == expected)
  }
}
