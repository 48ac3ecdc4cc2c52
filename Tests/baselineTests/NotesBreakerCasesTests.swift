import BaselineTestSupport
import Foundation
import Testing

/// Issue 12: what an adversarial round found in `notes` and `diff`, each fault's whole kind as
/// a test.
@Suite("notes and diff: the faults an adversarial round found")
struct NotesBreakerCasesTests {
  static func notes(_ estate: NotesEstate, _ extra: [String]) throws -> CommandRun {
    try CommandRun.baseline(["notes", "--component", "billing"] + extra, in: estate.root)
  }

  @Test("a pattern with a repeated group that repeats is refused where it is written")
  func catastrophicPattern() throws {
    let estate = try NotesEstate()
    for pattern in ["(a+)+$", "(DEF-\\\\d*)*", "((ab)*c)+", "([A-Z]+)*-1"] {
      _ = try estate.folder.write(
        "estate/Baselines/components.yaml",
        "work_items:\n  defects: ['\(pattern)']\ncomponents:\n  billing:\n"
          + "    repository: ../../repos/billing\n")
      let run = try Self.notes(estate, ["--release", "1.1.0.0"])
      #expect(run.status == 2, "\(pattern)")
      #expect(
        run.stderr.contains("Baselines/components.yaml:2:")
          && run.stderr.contains("grow exponentially"), "\(pattern): \(run.stderr)")
    }
    for pattern in ["DEF-[0-9]+", "(DEF|BUG)-[0-9]+", "Fixes: (#[0-9]+)", "\\\\b[A-Z]{2,}-\\\\d+"] {
      _ = try estate.folder.write(
        "estate/Baselines/components.yaml",
        "work_items:\n  defects: ['\(pattern)']\ncomponents:\n  billing:\n"
          + "    repository: ../../repos/billing\n")
      let run = try Self.notes(estate, ["--release", "1.1.0.0"])
      #expect(run.status == 0, "\(pattern): \(run.stderr)")
    }
  }

  @Test("no secret of the origin URL reaches any form: user, password, query, fragment")
  func secretsInOrigin() throws {
    let estate = try NotesEstate()
    try estate.repository.run(["remote", "add", "origin", "https://example.org/x.git"])
    for url in [
      "https://alice:S3CRET@git.example.org/billing.git",
      "https://git.example.org/billing.git?private_token=S3CRET",
      "https://git.example.org/billing.git#S3CRET",
      "https://u:a/bS3CRET@git.example.org/billing.git",
      "https://S3CRET@git.example.org/billing.git",
      "http://git.example.org/team@2024/S3CRET.git",
    ] {
      try estate.repository.run(["remote", "set-url", "origin", url])
      for format in ["spdx", "cyclonedx", "json", "markdown"] {
        let run = try Self.notes(estate, ["--release", "1.1.0.0", "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains("S3CRET"), "\(url) in \(format)")
      }
      // Where the host begins is ambiguous when an `@` follows a `/`: no location at all.
      let ambiguous = url.contains("u:a/b") || url.contains("team@")
      let spdx = try Self.notes(estate, ["--release", "1.1.0.0", "--format", "spdx"])
      #expect(
        spdx.stdout.contains(
          ambiguous
            ? "\"downloadLocation\" : \"NOASSERTION\""
            : "git+https://git.example.org/billing.git@"), "\(url)")
    }
  }

  @Test("a release tagged on two commits is refused, naming both tags")
  func releaseOnTwoCommits() throws {
    var estate = try NotesEstate()
    try estate.repository.tag("v1.1.0.0", "HEAD~1")
    let run = try Self.notes(estate, ["--release", "1.1.0.0"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("1.1.0.0 is tagged on 2 commits"), "\(run.stderr)")
    #expect(run.stderr.contains("v1.1.0.0 on ") && run.stderr.contains("conflicting_tags"))
  }

  @Test("a deployed: folder that is not in the tree is an error, never an empty bill")
  func deployedFolderMissing() throws {
    let estate = try NotesEstate()
    for folder in ["absent", "README.md"] {
      _ = try estate.folder.write(
        "estate/Baselines/components.yaml",
        "components:\n  billing:\n    repository: ../../repos/billing\n    deployed: \(folder)\n")
      let run = try Self.notes(estate, ["--release", "1.1.0.0"])
      #expect(run.status == 2, "\(folder)")
      #expect(run.stderr.contains("components.billing.deployed: \"\(folder)\" is no folder"))
    }
    _ = try estate.folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: ../../repos/billing\n    deployed: src\n")
    let run = try Self.notes(estate, ["--release", "1.1.0.0", "--format", "json"])
    let paths = ((try run.json()["files"] as? [[String: Any]]) ?? []).compactMap {
      $0["path"] as? String
    }
    #expect(!paths.isEmpty && paths.allSatisfy { $0.hasPrefix("src/") })
  }

  @Test("--since on another line says so and lists what the release lacks of it")
  func sinceOnAnotherLine() throws {
    let estate = try NotesEstate()
    let run = try Self.notes(
      estate, ["--release", "1.1.0.0", "--since", "1.0.0.2", "--format", "json"])
    let note = try run.json()
    let missing = ((note["missing_from_since"] as? [[String: Any]]) ?? []).compactMap {
      $0["id"] as? String
    }
    #expect(missing == [estate.ids["H2"]!], "DEF-201 never reached 1.1.0.0")
    let notes = (note["notes"] as? [String]) ?? []
    #expect(notes.contains { $0.contains("1.0.0.2 is not an ancestor of 1.1.0.0") })
    let markdown = try Self.notes(estate, ["--release", "1.1.0.0", "--since", "1.0.0.2"])
    #expect(markdown.stdout.contains("In 1.0.0.2 and NOT in 1.1.0.0"))
  }

  @Test("an emergency release tagged after the release is said, not judged")
  func emergencyTaggedAfter() throws {
    var estate = try NotesEstate()
    try estate.repository.run(["checkout", "-q", "hotfix/1.0.0"])
    try estate.repository.commit("DEF-202 late fix", file: "src/late.txt")
    try estate.repository.tag("1.0.0.3", message: "emergency 1.0.0.3, after 1.1.0.0")
    let note = try Self.notes(estate, ["--release", "1.1.0.0", "--format", "json"]).json()
    let releases = ((note["emergencies"] as? [[String: Any]]) ?? []).compactMap {
      $0["release"] as? String
    }
    #expect(releases == ["1.0.0.1", "1.0.0.2"])
    #expect(
      ((note["notes"] as? [String]) ?? []).contains {
        $0.contains("1.0.0.3") && $0.contains("tagged after it")
      })
  }

  @Test("a shallow clone that lacks the history is exit 2 saying so")
  func shallow() throws {
    let estate = try NotesEstate()
    let shallow = estate.folder.url.appendingPathComponent("shallow")
    try GitScript.git(
      [
        "clone", "-q", "--depth", "1", "--no-single-branch",
        "file://" + estate.folder.url.appendingPathComponent("repos/billing").path, shallow.path,
      ],
      in: estate.folder.url)
    try GitScript(existing: shallow).run([
      "fetch", "-q", "--depth", "1", "origin", "tag", "1.0.0.0", "tag", "1.1.0.0",
    ])
    _ = try estate.folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: ../../shallow\n")
    let run = try Self.notes(estate, ["--release", "1.1.0.0"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("shallow clone"), "\(run.stderr)")
  }

  @Test("defects files as spreadsheets export them, and the wrong shapes")
  func defectsShapes() throws {
    let estate = try NotesEstate()
    func run(_ name: String, _ text: String) throws -> CommandRun {
      _ = try estate.folder.write(name, text)
      return try Self.notes(
        estate, ["--release", "1.1.0.0", "--format", "json", "--defects", estate.folder.path(name)])
    }
    let bom = try run("bom.csv", "\u{FEFF}ID,Status\r\nDEF-300,Open\r\n")
    #expect(bom.status == 0, "\(bom.stderr)")
    #expect(
      (try bom.json()["outstanding"] as? [[String: Any]])?.first?["id"] as? String == "DEF-300")
    for (name, text, message) in [
      ("object.json", #"{"id": "DEF-1"}"#, "expected an array of objects with an id"),
      ("bool.json", #"[{"id": true}]"#, "[0].id: expected an id (a string or a whole number)"),
      ("float.json", #"[{"id": 1e2}]"#, "[0].id: expected an id"),
      (
        "twice.csv", "id\nDEF-1\nDEF-2\nDEF-1\n",
        "twice.csv:4:1: DEF-1 is listed twice (first on line 2)"
      ),
      ("twice.json", #"[{"id": "A-1"}, {"id": "A-1"}]"#, "[1].id: A-1 is listed twice"),
    ] {
      let failed = try run(name, text)
      #expect(failed.status == 2, "\(name)")
      #expect(failed.stderr.contains(message), "\(name): \(failed.stderr)")
    }
  }

  @Test(
    "diff: one commit under two release numbers is said; a side with : or @ in its name is refused")
  func diffLabels() throws {
    let estate = try NotesEstate()
    let commit = try estate.repository.id("1.1.0.0")
    _ = try estate.folder.write(
      "inv.json",
      #"{"environment": "SIT-A", "collected_at": "2026-12-02T00:00:00Z", "components": "#
        + #"[{"name": "billing", "version": "1.0.0.2", "commit": "\#(commit)"}]}"#)
    let run = try CommandRun.baseline(
      ["diff", "SIT-A:deployed", "SIT-A", "--inventory", estate.folder.path("inv.json")],
      in: estate.root)
    #expect(run.status == 1)
    #expect(run.stdout.contains("both sides are the same commit"), "\(run.stdout)")
    let odd = try CommandRun.baseline(["diff", "SIT-A:deployed@x", "SIT-A"], in: estate.root)
    #expect(odd.status == 2)
    #expect(odd.stderr.contains("expected ENV, ENV@REVISION or ENV:deployed"), "\(odd.stderr)")
  }
}

/// Issue 12: what a second adversarial round found in `diff`.
@Suite("diff: the faults a second adversarial round found")
struct DiffSecondRoundTests {
  @Test("a pin on one side that is not the tagged build is a change of build; both builds named")
  func pinOnOneSide() throws {
    let estate = try NotesEstate()
    let merge = try #require(estate.ids["M"])
    _ = try estate.folder.write(
      "estate/Baselines/SIT-A.yaml",
      """
      environment: SIT-A
      release: "R4"
      components:
        billing:
          version: "1.1.0.0"
          commit: \(merge)
          settings:
            rounding: "half-even"
      """)
    let run = try CommandRun.baseline(
      ["diff", "SIT-A@R4", "SIT-A", "--format", "json"], in: estate.root)
    #expect(run.status == 1, "\(run.stderr)")
    let billing = try #require((try run.json()["components"] as? [[String: Any]])?.first)
    #expect(billing["change"] as? String == "changed")
    #expect(billing["before_commit"] as? String == estate.ids["D"])
    #expect(billing["after_commit"] as? String == merge)
    let removed = ((billing["commits_removed"] as? [[String: Any]]) ?? []).compactMap {
      $0["id"] as? String
    }
    #expect(removed == [estate.ids["D"]!])
    let same = try CommandRun.baseline(
      ["diff", "SIT-A@R4", "SIT-A@HEAD", "--format", "json"], in: estate.root)
    #expect(same.status == 0)
    let unchanged = try #require((try same.json()["components"] as? [[String: Any]])?.first)
    #expect(unchanged["before_commit"] as? String == estate.ids["D"], "the tagged build is named")
  }

  @Test("a baseline deleted at a revision is named with the revision")
  func deletedAtRevision() throws {
    let estate = try NotesEstate()
    try estate.estate.run(["rm", "-q", "Baselines/SIT-A.yaml"])
    try estate.estate.run(["commit", "-q", "-m", "SIT-A retired"])
    try estate.estate.run(["tag", "R5"])
    let run = try CommandRun.baseline(["diff", "SIT-A@R4", "SIT-A@R5"], in: estate.root)
    #expect(run.status == 2)
    #expect(
      run.stderr.contains("Baselines/SIT-A.yaml@R5 (")
        && run.stderr.contains("no baseline for environment \"SIT-A\" at this revision"),
      "\(run.stderr)")
  }
}

/// Issue 12: what a first-time user found filing notes for a Board.
@Suite("notes: what a first-time release manager found")
struct NotesFirstUserTests {
  @Test(
    "a tracker's change requests are never outstanding defects; a fix the release lacks is named")
  func trackerClassesAndLackingFixes() throws {
    let estate = try NotesEstate()
    _ = try estate.folder.write(
      "jira.csv",
      """
      Issue key,Summary,Priority,Status,Issue Type
      DEF-201,Rounding on statements,Highest,Done,Bug
      CR-30,New feed,Medium,To Do,Change Request
      STORY-1,Some story,Low,Open,Story
      DEF-999,Still open,Low,Open,Bug
      """)
    let run = try CommandRun.baseline(
      [
        "notes", "--component", "billing", "--release", "1.1.0.0", "--format", "json", "--defects",
        estate.folder.path("jira.csv"),
      ], in: estate.root)
    let note = try run.json()
    let outstanding = ((note["outstanding"] as? [[String: Any]]) ?? []).compactMap {
      $0["id"] as? String
    }
    #expect(outstanding == ["DEF-999"])
    let emergencies = (note["emergencies"] as? [[String: Any]]) ?? []
    let lacking = emergencies.first { $0["release"] as? String == "1.0.0.2" }
    let items = (lacking?["work_items"] as? [[String: Any]]) ?? []
    #expect(items.first?["id"] as? String == "DEF-201")
    #expect((items.first?["tracker"] as? [String: Any])?["status"] as? String == "Done")
    let markdown = try CommandRun.baseline(
      [
        "notes", "--component", "billing", "--release", "1.1.0.0", "--defects",
        estate.folder.path("jira.csv"),
      ], in: estate.root)
    #expect(markdown.stdout.contains("fixes NOT in it: DEF-201"))
    #expect(
      markdown.stdout.contains("- DEF-201 (defect, in 1.0.0.2, not_merged; tracker: Done, Highest"))
  }

  @Test("a tag typed for the release, another team's broken baseline, a fresh serial each time")
  func naturalMistakes() throws {
    let estate = try NotesEstate()
    let tag = try CommandRun.baseline(
      ["notes", "--component", "billing", "--release", "v1.1.0.0"], in: estate.root)
    #expect(tag.status == 2)
    _ = try estate.folder.write(
      "estate/Baselines/UIT.yaml", "environment: UIT\nmax_agee: 3h\ncomponents: {}\n")
    let run = try CommandRun.baseline(
      ["notes", "--component", "billing", "--release", "1.1.0.0", "--format", "json"],
      in: estate.root)
    #expect(run.status == 0, "\(run.stderr)")
    let notes = (try run.json()["notes"] as? [String]) ?? []
    #expect(
      notes.contains { $0.contains("Baselines/UIT.yaml:2:1") && $0.contains("max_agee") },
      "\(notes)")
    func serial() throws -> String? {
      let bom = try CommandRun.baseline(
        ["notes", "--component", "billing", "--release", "1.1.0.0", "--format", "cyclonedx"],
        in: estate.root)
      return try bom.json()["serialNumber"] as? String
    }
    let first = try serial()
    #expect(first?.hasPrefix("urn:uuid:") == true)
    #expect(try serial() != first)
  }

  @Test("a note and a picture say when, by which version and command, from which estate commit")
  func provenance() throws {
    let estate = try NotesEstate()
    let note = try CommandRun.baseline(
      ["notes", "--component", "billing", "--release", "1.1.0.0", "--format", "json"],
      in: estate.root)
    let provenance = try #require(try note.json()["provenance"] as? [String: Any])
    #expect(
      provenance["command"] as? String
        == "baseline notes --component billing --release 1.1.0.0 --format json")
    #expect(provenance["estate_commit"] as? String == (try estate.estate.id("HEAD")))
    let markdown = try CommandRun.baseline(
      ["notes", "--component", "billing", "--release", "1.1.0.0"], in: estate.root)
    #expect(markdown.stdout.contains("| This note | "))
    #expect(markdown.stdout.contains("| Rebuild from | `git checkout 1.1.0.0` in a clone"))
  }
}
