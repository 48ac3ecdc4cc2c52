import BaselineTestSupport
import Foundation
import Testing

/// Issue 12: `baseline notes --env E`, an environment's true picture, with what changed since
/// the previous recorded run and the emergency releases running there.
@Suite("baseline notes --env: an environment's true picture")
struct EnvironmentPictureTests {
  /// SIT-A's inventory as its probes report it, with `change` applied to the components.
  static func inventory(
    _ estate: TemporaryDirectory, named name: String,
    change: (inout [[String: Any]]) throws -> Void = { _ in }
  ) throws -> String {
    let probed = try CommandRun.baseline(["probe", "--env", "SIT-A"], in: estate.url)
    #expect(probed.status == 0, "\(probed.stderr)")
    var document = try probed.json()
    var components = try #require(document["components"] as? [[String: Any]])
    try change(&components)
    document["components"] = components
    let file = estate.url.appendingPathComponent(name)
    try JSONSerialization.data(withJSONObject: document).write(to: file)
    return file.path
  }

  static func set(
    _ components: inout [[String: Any]], _ name: String, version: String, commit: String
  ) {
    for index in components.indices where components[index]["name"] as? String == name {
      components[index]["version"] = version
      components[index]["commit"] = commit
    }
  }

  @Test("changes since the recorded run; an emergency release running and who carries it")
  func changesAndEmergencies() throws {
    let estate = try exampleEstate()
    let first = try Self.inventory(estate, named: "first.json")
    let recorded = try CommandRun.baseline(["report", "--inventory", first], in: estate.url)
    #expect(recorded.status == 1, "\(recorded.stderr)")
    let dip = GitScript(existing: estate.url.appendingPathComponent("repos/dip-adapter"))
    let shaping = GitScript(
      existing: estate.url.appendingPathComponent("repos/load-shaping-service"))
    let older = try dip.id("dip-adapter/1.2.0.0")
    let emergency = try shaping.id("v1.1.0.1")
    let second = try Self.inventory(estate, named: "second.json") { components in
      Self.set(&components, "dip-adapter", version: "1.2.0.0", commit: older)
      Self.set(&components, "load-shaping-service", version: "1.1.0.1", commit: emergency)
    }
    let run = try CommandRun.baseline(
      ["notes", "--env", "SIT-A", "--inventory", second, "--format", "json"], in: estate.url)
    #expect(run.status == 0, "\(run.stderr)")
    let picture = try run.json()
    #expect(picture["schema"] as? String == "baseline.picture/1")
    #expect(picture["declared_release"] as? String == "R3")
    let changes = try #require(picture["changes"] as? [String: Any])
    let moved = try #require(changes["deployments"] as? [[String: Any]])
    let dipChange = moved.first { $0["component"] as? String == "dip-adapter" }
    #expect(dipChange?["before"] as? String == "1.2.1.0 (7a79116)")
    #expect(dipChange?["after"] as? String == "1.2.0.0 (\(older.prefix(7)))")
    #expect(moved.count == 2)
    let resolved = try #require(changes["resolved_findings"] as? [String])
    #expect(resolved.isEmpty, "the accepted retry_max deviation is still there: \(resolved)")
    let new = try #require(changes["new_findings"] as? [String])
    #expect(new.contains { $0.contains("dip-adapter") && $0.contains("1.2.0.0") })
    let components = try #require(picture["components"] as? [[String: Any]])
    let dipRow = components.first { $0["component"] as? String == "dip-adapter" }
    #expect(dipRow?["tag"] as? String == "dip-adapter/1.2.0.0", "the running build's tag")
    let gateway = components.first { $0["component"] as? String == "smart-meter-gateway" }
    #expect(gateway?["tag"] is NSNull, "no commit seen, so no tag known")
    let running = try #require(
      components.first { $0["component"] as? String == "load-shaping-service" })
    let carried = try #require(running["carried_by"] as? [[String: Any]])
    #expect(
      carried.map { $0["target"] as? String } == ["1.2.0.0", "main"],
      "as baseline.hotfixes/1 writes targets")
    #expect(carried.allSatisfy { $0["status"] as? String == "cherry_picked" })
    let others = components.filter { $0["component"] as? String != "load-shaping-service" }
    #expect(others.allSatisfy { $0["carried_by"] is NSNull })
    let accepted = try #require(picture["accepted"] as? [[String: Any]])
    #expect(accepted.first?["reference"] as? String == "RFC-0142")
    let markdown = try CommandRun.baseline(
      ["notes", "--env", "SIT-A", "--inventory", second], in: estate.url)
    #expect(markdown.stdout.contains("| dip-adapter | 1.2.1.0 (7a79116) | 1.2.0.0 ("))
    #expect(markdown.stdout.contains("## Emergency releases running: 1"))
    // Times for people as everywhere else; RFC 3339 stays in JSON.
    #expect(markdown.stdout.contains(/Previous run: \d{4}-\d\d-\d\d \d\d:\d\d UTC\./))
    #expect((changes["previous_run"] as? String)?.contains("T") == true)
  }

  @Test("without a history the picture says what it cannot know; notes never writes one")
  func withoutHistory() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(
      ["notes", "--env", "SIT-A", "--format", "json"], in: estate.url)
    #expect(run.status == 0, "\(run.stderr)")
    let picture = try run.json()
    #expect(picture["changes"] is NSNull)
    #expect((picture["changes_note"] as? String)?.contains("no run history at") == true)
    #expect(
      !FileManager.default.fileExists(atPath: estate.url.appendingPathComponent(".baseline").path))
    let none = try CommandRun.baseline(
      ["notes", "--env", "SIT-A", "--no-history", "--format", "json"], in: estate.url)
    #expect((try none.json()["changes_note"] as? String)?.contains("--no-history") == true)
  }
}
