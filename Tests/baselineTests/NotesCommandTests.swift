import BaselineTestSupport
import Foundation
import Testing

/// Issue 12: `baseline notes` on a history made for it, held against git on the same
/// repository.
@Suite("baseline notes: release notes and environment pictures")
struct NotesCommandTests {
  static func note(_ estate: NotesEstate, _ extra: [String]) throws -> [String: Any] {
    let run = try CommandRun.baseline(
      ["notes", "--component", "billing", "--format", "json"] + extra, in: estate.root)
    #expect(run.status == 0, "\(run.stderr)")
    return try run.json()
  }

  static func ids(_ list: Any?) -> [String] {
    ((list as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
  }

  @Test("content is git log R0..R, newest first, merges folded; ids from subject, body and trailer")
  func content() throws {
    let estate = try NotesEstate()
    let note = try Self.note(estate, ["--release", "1.1.0.0"])
    let since = try #require(note["since"] as? [String: Any])
    #expect(since["version"] as? String == "1.0.0.0", "the previous regular release on its line")
    let commits = try #require(note["commits"] as? [[String: Any]])
    let logged = try estate.repository.run(["log", "--format=%H", "1.0.0.0..1.1.0.0"])
      .split(separator: "\n").map(String.init)
    #expect(Set(commits.compactMap { $0["id"] as? String }) == Set(logged))
    #expect(commits.count == logged.count)
    let order = commits.compactMap { $0["id"] as? String }
    let names = ["D", "M", "F2", "F1", "C", "B"].map { estate.ids[$0]! }
    #expect(order == names, "newest first, the merge followed by what it brought")
    #expect(commits[2]["merged_by"] as? String == estate.ids["M"])
    #expect(commits[0]["merged_by"] is NSNull)
    let items = try #require(note["work_items"] as? [[String: Any]])
    func item(_ id: String) -> [String: Any]? { items.first { $0["id"] as? String == id } }
    #expect(item("CR-7")?["kind"] as? String == "change")
    let body = (item("DEF-101")?["mentions"] as? [[String: Any]])?.first
    #expect(body?["place"] as? String == "body")
    #expect(body?["commit"] as? String == estate.ids["B"])
    let trailer = (item("#12")?["mentions"] as? [[String: Any]])?.first
    #expect(trailer?["place"] as? String == "trailer")
    #expect(item("#12")?["kind"] as? String == "item")
    #expect(item("DEF-200")?["kind"] as? String == "defect")
    #expect(item("BILL-1") == nil, "only the declared patterns count")
    let release = try #require(note["release"] as? [String: Any])
    #expect(release["type"] as? String == "minor")
    #expect(release["tag_kind"] as? String == "annotated")
    #expect(
      release["tree"] as? String == (try estate.repository.run(["rev-parse", "1.1.0.0^{tree}"])))
    #expect(note["regenerate"] as? String == "git checkout 1.1.0.0")
  }

  @Test("emergency releases since the previous release: one carried by a pick, one not")
  func emergencies() throws {
    let estate = try NotesEstate()
    let note = try Self.note(estate, ["--release", "1.1.0.0"])
    let emergencies = try #require(note["emergencies"] as? [[String: Any]])
    #expect(emergencies.map { $0["release"] as? String } == ["1.0.0.1", "1.0.0.2"])
    #expect(emergencies.map { $0["status"] as? String } == ["cherry_picked", "not_merged"])
    let missing = (emergencies[1]["missing"] as? [[String: Any]])?.compactMap {
      $0["id"] as? String
    }
    #expect(missing == [estate.ids["H2"]!])
    let markdown = try CommandRun.baseline(
      ["notes", "--component", "billing", "--release", "1.1.0.0"], in: estate.root)
    #expect(markdown.stdout.contains("| 1.0.0.2 | `1.0.0.2` | not_merged |"))
  }

  @Test("a cherry-pick the earlier release already shipped is left out, and said so")
  func shippedLeftOut() throws {
    let estate = try NotesEstate()
    for since in ["1.0.0.1", "1.0.0.2"] {
      let note = try Self.note(estate, ["--release", "1.1.0.0", "--since", since])
      let commits = Self.ids(note["commits"])
      #expect(!commits.contains(estate.ids["C"]!), "since \(since)")
      let shipped = try #require(note["shipped"] as? [[String: Any]])
      #expect(shipped.count == 1)
      #expect(shipped.first?["id"] as? String == estate.ids["C"])
      #expect(shipped.first?["shipped_as"] as? String == estate.ids["H1"])
      #expect(note["since_chosen"] as? String == "named")
      let logged = try estate.repository.run(["log", "--format=%H", "\(since)..1.1.0.0"])
        .split(separator: "\n").map(String.init)
      #expect(Set(commits + [estate.ids["C"]!]) == Set(logged))
    }
  }

  @Test("the bill of materials is git ls-tree -r -l, with each file's git log -1")
  func billOfMaterials() throws {
    let estate = try NotesEstate()
    let note = try Self.note(estate, ["--release", "1.1.0.0"])
    let files = try #require(note["files"] as? [[String: Any]])
    let listed = try estate.repository.run(["ls-tree", "-r", "-l", "1.1.0.0"])
      .split(separator: "\n").map { line -> String in
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        return "\(fields[4]) \(fields[2]) \(fields[3]) \(fields[0])"
      }
    #expect(
      files.map { "\($0["path"]!) \($0["blob"]!) \($0["size"]!) \($0["mode"]!)" } == listed)
    for file in files {
      let path = try #require(file["path"] as? String)
      let last = try estate.repository.run(["log", "-1", "--format=%H", "1.1.0.0", "--", path])
      #expect(file["last_change"] as? String == last, "\(path)")
    }
    #expect(files.allSatisfy { $0["sha1"] is NSNull }, "digests only for the SBOM forms")
    let items = try #require(note["configuration"] as? [[String: Any]])
    #expect(items.count == 1, "SIT-A declares 1.1.0.0 (at R4) with one setting")
    #expect(items.first?["key"] as? String == "rounding")
    #expect(items.first?["value"] as? String == "half-even")
  }

  @Test("a defects file adds severity and summary and lists the outstanding ones")
  func defectsFile() throws {
    let estate = try NotesEstate()
    _ = try estate.folder.write(
      "defects.csv",
      """
      Issue Key,Summary,Severity,Status,Assignee
      DEF-101,"Parser drops the last line, sometimes",S2,Closed,ann
      DEF-200,Negative amounts accepted,S1,Resolved,bob
      DEF-300,"Slow statements, ""monthly"" only",S3,Open,cy
      DEF-301,Old and done,S4,Done,dee
      """)
    let note = try Self.note(
      estate, ["--release", "1.1.0.0", "--defects", estate.folder.path("defects.csv")])
    let items = try #require(note["work_items"] as? [[String: Any]])
    let parser = items.first { $0["id"] as? String == "DEF-101" }?["tracker"] as? [String: Any]
    #expect(parser?["summary"] as? String == "Parser drops the last line, sometimes")
    #expect(parser?["severity"] as? String == "S2")
    let outstanding = try #require(note["outstanding"] as? [[String: Any]])
    #expect(outstanding.map { $0["id"] as? String } == ["DEF-300"])
    #expect(outstanding.first?["summary"] as? String == "Slow statements, \"monthly\" only")
    _ = try estate.folder.write("bad.csv", "Summary,Status\nx,Open\n")
    let bad = try CommandRun.baseline(
      [
        "notes", "--component", "billing", "--release", "1.1.0.0", "--defects",
        estate.folder.path("bad.csv"),
      ], in: estate.root)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("bad.csv:1:1: expected a header row with an id column"))
    _ = try estate.folder.write("open.csv", "id,summary\nDEF-1,\"never closed\n")
    let open = try CommandRun.baseline(
      [
        "notes", "--component", "billing", "--release", "1.1.0.0", "--defects",
        estate.folder.path("open.csv"),
      ], in: estate.root)
    #expect(open.status == 2)
    #expect(open.stderr.contains("open.csv:2:7: a quote opened here is never closed"))
    _ = try estate.folder.write("d.json", #"[{"id": "DEF-300", "status": "Open"}, {"id": 7}]"#)
    let json = try Self.note(
      estate, ["--release", "1.1.0.0", "--defects", estate.folder.path("d.json")])
    #expect(Self.ids(json["outstanding"]) == ["DEF-300", "7"])
    _ = try estate.folder.write("e.json", #"[{"id": "DEF-300",}]"#)
    let broken = try CommandRun.baseline(
      [
        "notes", "--component", "billing", "--release", "1.1.0.0", "--defects",
        estate.folder.path("e.json"),
      ], in: estate.root)
    #expect(broken.status == 2)
    #expect(broken.stderr.contains("e.json:1:"), "\(broken.stderr)")
  }

  @Test("usage: what is missing or unknown is exit 2 with a clear message")
  func usage() throws {
    let estate = try NotesEstate()
    for (arguments, message) in [
      (["notes"], "give --component C --release R, or --env E"),
      (["notes", "--component", "billing"], "--component needs --release R"),
      (
        ["notes", "--component", "billing", "--release", "9.9.9.9"],
        "billing has no tagged build of 9.9.9.9"
      ),
      (["notes", "--component", "billing", "--release", "1.1"], "--release"),
      (["notes", "--component", "nope", "--release", "1.1.0.0"], "no component \"nope\""),
      (
        ["notes", "--component", "billing", "--release", "1.0.0.1", "--since", "1.1.0.0"],
        "is not lower than"
      ),
      (["notes", "--env", "SIT-A", "--format", "spdx"], "spdx is for --component"),
      (["notes", "--env", "SIT-A", "--component", "billing"], "exclude each other"),
    ] {
      let run = try CommandRun.baseline(arguments, in: estate.root)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
  }
}
