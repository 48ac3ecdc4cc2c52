import BaselineTestSupport
import Foundation
import Testing

/// Issue 12: `baseline diff`, the Board's view of a change to a baseline, across estate
/// revisions read from git, against what runs, and held against git on the same repository.
@Suite("baseline diff: what a change to a baseline would change")
struct DiffCommandTests {
  static func diff(_ estate: NotesEstate, _ arguments: [String], status: Int32 = 1) throws
    -> [String: Any]
  {
    let run = try CommandRun.baseline(["diff", "--format", "json"] + arguments, in: estate.root)
    #expect(run.status == status, "\(arguments): \(run.stderr)")
    return try run.json()
  }

  static func billing(_ document: [String: Any]) throws -> [String: Any] {
    let components = try #require(document["components"] as? [[String: Any]])
    return try #require(components.first { $0["component"] as? String == "billing" })
  }

  static func ids(_ list: Any?) -> Set<String> {
    Set(((list as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
  }

  static func log(_ estate: NotesEstate, _ range: String) throws -> Set<String> {
    Set(
      try estate.repository.run(["log", "--format=%H", range]).split(separator: "\n").map(
        String.init))
  }

  @Test("R3 (a tag of the estate) to the working baseline: an upgrade that would drop 1.0.0.2")
  func acrossRevisions() throws {
    let estate = try NotesEstate()
    let document = try Self.diff(estate, ["SIT-A@R3", "SIT-A"])
    let billing = try Self.billing(document)
    #expect(billing["change"] as? String == "upgrade")
    #expect(billing["before"] as? String == "1.0.0.2")
    #expect(billing["after"] as? String == "1.1.0.0")
    #expect(billing["step"] as? String == "minor")
    #expect(Self.ids(billing["commits_added"]) == (try Self.log(estate, "1.0.0.2..1.1.0.0")))
    #expect(Self.ids(billing["commits_removed"]) == (try Self.log(estate, "1.1.0.0..1.0.0.2")))
    let dropped = try #require(billing["dropped_fixes"] as? [[String: Any]])
    #expect(
      dropped.map { $0["release"] as? String } == ["1.0.0.2"], "1.0.0.1 was picked, 1.0.0.2 not")
    #expect(dropped.first?["status"] as? String == "not_merged")
    let settings = try #require(billing["settings"] as? [[String: Any]])
    #expect(settings.first?["before"] as? String == "half-up")
    #expect(settings.first?["after"] as? String == "half-even")
    let items = Set(
      ((billing["work_items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
    #expect(items.isSuperset(of: ["CR-7", "CR-9", "DEF-201", "DEF-200"]))
    let from = try #require(document["from"] as? [String: Any])
    let tagged = try estate.estate.id("R3")
    #expect((from["description"] as? String)?.contains(tagged) == true)
  }

  @Test("R4 is found by its release: line; the same baseline is exit 0")
  func byReleaseAndSame() throws {
    let estate = try NotesEstate()
    let document = try Self.diff(estate, ["SIT-A@R3", "SIT-A@R4"])
    #expect(try Self.billing(document)["change"] as? String == "upgrade")
    let to = try #require(document["to"] as? [String: Any])
    #expect((to["description"] as? String)?.contains(try estate.estate.id("HEAD")) == true)
    let same = try Self.diff(estate, ["SIT-A@R4", "SIT-A"], status: 0)
    #expect(same["same"] as? Bool == true)
    let text = try CommandRun.baseline(["diff", "SIT-A", "SIT-A@HEAD"], in: estate.root)
    #expect(text.status == 0)
    #expect(text.stdout.contains("the two sides are the same; exit 0."))
  }

  @Test("a rollback lists the commits it takes away and their work items")
  func rollback() throws {
    let estate = try NotesEstate()
    let document = try Self.diff(estate, ["SIT-A", "SIT-A@R3"])
    let billing = try Self.billing(document)
    #expect(billing["change"] as? String == "rollback")
    #expect(Self.ids(billing["commits_removed"]) == (try Self.log(estate, "1.0.0.2..1.1.0.0")))
    #expect((billing["dropped_fixes"] as? [Any])?.isEmpty == true, "1.0.0.2 still carries 1.0.0.1")
    let text = try CommandRun.baseline(["diff", "SIT-A", "SIT-A@R3"], in: estate.root)
    #expect(text.stdout.contains("billing: ROLLBACK 1.1.0.0 -> 1.0.0.2 (minor step)"))
    #expect(text.stdout.contains("  - \(estate.ids["B"]!.prefix(7)) CR-7 monthly statements"))
  }

  @Test("what runs (a saved inventory) against the baseline")
  func deployed() throws {
    let estate = try NotesEstate()
    let commit = try estate.repository.id("1.0.0.1")
    _ = try estate.folder.write(
      "inv.json",
      #"{"environment": "SIT-A", "collected_at": "2026-12-02T00:00:00Z", "components": "#
        + #"[{"name": "billing", "version": "1.0.0.1", "commit": "\#(commit)", "#
        + #""settings": {"rounding": "half-up"}}]}"#)
    let document = try Self.diff(
      estate, ["SIT-A:deployed", "SIT-A", "--inventory", estate.folder.path("inv.json")])
    let billing = try Self.billing(document)
    #expect(billing["change"] as? String == "upgrade")
    #expect(billing["before"] as? String == "1.0.0.1")
    #expect(billing["before_commit"] as? String == commit)
    #expect(billing["step"] as? String == "minor")
  }

  @Test("a side that names nothing is exit 2, saying what was expected")
  func badSides() throws {
    let estate = try NotesEstate()
    for (arguments, message) in [
      (["SIT-A@nope", "SIT-A"], "no commit's Baselines/SIT-A.yaml declares release: nope"),
      (["SIT-A@", "SIT-A"], "expected a revision after @"),
      (["SIT-Q", "SIT-A"], "no baseline for environment \"SIT-Q\""),
      (["SIT-A"], "Missing expected argument"),
    ] {
      let run = try CommandRun.baseline(["diff"] + arguments, in: estate.root)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
    }
    let outside = TemporaryDirectory("no-git")
    try FileManager.default.copyItem(
      at: estate.root.appendingPathComponent("Baselines"),
      to: outside.url.appendingPathComponent("Baselines"))
    let run = try CommandRun.baseline(["diff", "SIT-A@R3", "SIT-A"], in: outside.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains("is not in a git repository"), "\(run.stderr)")
  }
}
