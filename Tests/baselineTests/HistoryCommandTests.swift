import BaselineTestSupport
import Foundation
import Testing

/// Issue 11: `report` and `verify` record runs in the estate's history; `history` reads it.
@Suite("baseline report, verify and history with a run history")
struct HistoryCommandTests {
  static func states(_ run: CommandRun) throws -> [String] {
    let environments = try #require(try run.json()["environments"] as? [[String: Any]])
    return environments.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }.compactMap {
      $0["state"] as? String
    }
  }

  static func sqlite(_ path: String, _ sql: String) throws -> String {
    try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/sqlite3"), arguments: [path, sql]
    ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test("findings are new, then known; --fail-on new gates on change; .baseline/ is ignored by git")
  func newThenKnown() throws {
    let estate = try exampleEstate()
    let first = try CommandRun.baseline(
      ["report", "--format", "json", "--fail-on", "new"], in: estate.url)
    #expect(first.status == 1)
    let fresh = try Self.states(first)
    #expect(!fresh.isEmpty)
    #expect(fresh.allSatisfy { $0 == "new" })
    let second = try CommandRun.baseline(
      ["report", "--format", "json", "--fail-on", "new"], in: estate.url)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(try Self.states(second).allSatisfy { $0 == "known" })
    let gated = try CommandRun.baseline(["report", "--fail-on", "new"], in: estate.url)
    #expect(gated.status == 0)
    #expect(gated.stdout.hasSuffix("Exit 0.\n"), "the printed exit code is the real one")
    let plain = try CommandRun.baseline(["report"], in: estate.url)
    #expect(plain.status == 1)
    #expect(plain.stdout.contains("(since "))
    let ignore = estate.url.appendingPathComponent(".baseline/.gitignore")
    #expect(try String(contentsOf: ignore, encoding: .utf8).contains("\n*\n"))
    let path = estate.url.appendingPathComponent(".baseline/history.sqlite").path
    #expect(try Self.sqlite(path, "SELECT COUNT(*) FROM run") == "4")
  }

  @Test("--no-history records nothing; conflicting options are usage errors")
  func noHistory() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(["report", "--no-history"], in: estate.url)
    #expect(run.status == 1)
    #expect(!run.stdout.contains("NEW "))
    #expect(
      !FileManager.default.fileExists(atPath: estate.url.appendingPathComponent(".baseline").path))
    for arguments in [
      ["report", "--no-history", "--history", "h.sqlite"],
      ["report", "--no-history", "--fail-on", "new"],
      ["report", "--history", ""],
    ] {
      let bad = try CommandRun.baseline(arguments, in: estate.url)
      #expect(bad.status == 2, "\(arguments)")
    }
  }

  @Test("verify records the decision with the sha256 of what it printed; history lists it")
  func decisionRecorded() throws {
    let estate = try exampleEstate()
    let verify = try CommandRun.baseline(["verify", "--env", "SIT-Staging"], in: estate.url)
    #expect(verify.status == 0)
    let digest = try #require(
      try CommandRun.run(
        executable: URL(fileURLWithPath: "/usr/bin/sha256sum"), arguments: [],
        input: Data(verify.stdout.utf8)
      ).stdout.split(separator: " ").first.map(String.init))
    let file = estate.url.appendingPathComponent(".baseline/history.sqlite")
    let before = try Data(contentsOf: file)
    let listing = try CommandRun.baseline(["history", "--format", "json"], in: estate.url)
    #expect(listing.status == 0)
    // Reading writes nothing.
    #expect(try Data(contentsOf: file) == before)
    let decisions = try #require(try listing.json()["decisions"] as? [[String: Any]])
    #expect(decisions.count == 1)
    #expect(decisions.first?["decision"] as? String == "GO")
    #expect(decisions.first?["environment"] as? String == "SIT-Staging")
    #expect(decisions.first?["evidence_sha256"] as? String == digest)
    // Without --release, the release the baseline declares is the one decided on.
    #expect(decisions.first?["release"] as? String == "R3")
    let typo = try CommandRun.baseline(["history", "--env", "SIT-b"], in: estate.url)
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("--env SIT-b: the history"))
    let text = try CommandRun.baseline(["history"], in: estate.url)
    #expect(text.stdout.contains("(control point 3)  baseline verify: GO, run by "))
    // Filters: a component leaves decisions out; an environment keeps only its own.
    let alone = try CommandRun.baseline(
      ["history", "--format", "json", "--component", "dip-adapter", "--env", "SIT-Staging"],
      in: estate.url)
    let deployments = try #require(try alone.json()["deployments"] as? [[String: Any]])
    #expect(deployments.count == 1)
    #expect(deployments.first?["release"] as? String == "1.2.1.0")
    #expect((try alone.json()["decisions"] as? [Any])?.isEmpty == true)
    let badSince = try CommandRun.baseline(["history", "--since", "last week"], in: estate.url)
    #expect(badSince.status == 2)
    #expect(badSince.stderr.contains("expected a UTC day"))
  }

  @Test("an --output that is the history, an empty one, or one file twice is a usage error")
  func outputsThatWouldHarm() throws {
    let estate = try exampleEstate()
    #expect(try CommandRun.baseline(["report"], in: estate.url).status == 1)
    let path = estate.url.appendingPathComponent(".baseline/history.sqlite")
    let before = try Data(contentsOf: path)
    let link = estate.url.appendingPathComponent("alias")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: path)
    for arguments in [
      ["report", "--output", "html=.baseline/history.sqlite"],
      ["report", "--output", "alias"],
      ["report", "--output", "json=.baseline/history.sqlite-wal"],
      ["history", "--output", ".baseline/history.sqlite"],
      ["report", "--output", "html="],
      ["report", "--output", "json=a.json", "--output", "html=./a.json"],
    ] {
      let run = try CommandRun.baseline(arguments, in: estate.url)
      #expect(run.status == 2, "\(arguments)")
    }
    #expect(try Data(contentsOf: path) == before)
  }

  @Test("no history to read, or a newer one, is exit 2 naming the file, and nothing changes")
  func refusals() throws {
    let estate = try exampleEstate()
    let missing = try CommandRun.baseline(["history"], in: estate.url)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no run history at"))
    #expect(try CommandRun.baseline(["report"], in: estate.url).status == 1)
    let path = estate.url.appendingPathComponent(".baseline/history.sqlite").path
    _ = try Self.sqlite(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let newer = try CommandRun.baseline(["report"], in: estate.url)
    #expect(newer.status == 2)
    #expect(newer.stderr.contains("newer Baseline"))
    #expect(newer.stderr.contains(path))
    #expect(newer.stdout.isEmpty)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test(
    "a history from the Baseline before accepted findings: history asks for a report, import brings it forward"
  )
  func olderSchema() throws {
    let estate = try exampleEstate()
    #expect(try CommandRun.baseline(["report"], in: estate.url).status == 1)
    let path = estate.url.appendingPathComponent(".baseline/history.sqlite").path
    // As the previous Baseline left it: migrations v1 and v2 only.
    _ = try Self.sqlite(
      path,
      "ALTER TABLE finding_period DROP COLUMN accepted; "
        + "ALTER TABLE finding_period DROP COLUMN accepted_since; "
        + "DELETE FROM grdb_migrations WHERE identifier = 'v3-accepted-findings'")
    let listing = try CommandRun.baseline(["history"], in: estate.url)
    #expect(listing.status == 2)
    #expect(listing.stderr.contains("older schema"), "\(listing.stderr)")
    // A source nobody may write cannot be brought forward: said so, nothing written. (As
    // root, through `nobody`, where `nobody` may run the built binary: not in a home folder.)
    let probe = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/sbin/runuser"),
      arguments: ["-u", "nobody", "--", "test", "-x", CommandRun.binary.path])
    if getuid() == 0, probe.status == 0 {
      let folder = TemporaryDirectory("readonly-source")
      chmod(folder.url.path, 0o777)
      let copy = folder.url.appendingPathComponent("old.sqlite").path
      try FileManager.default.copyItem(atPath: path, toPath: copy)
      chmod(copy, 0o644)
      let refused = try CommandRun.run(
        executable: URL(fileURLWithPath: "/usr/sbin/runuser"),
        arguments: [
          "-u", "nobody", "--", CommandRun.binary.path, "history", "import", "--from", copy,
          "--to", folder.url.appendingPathComponent("t.sqlite").path,
        ], in: folder.url)
      #expect(refused.status == 2)
      #expect(refused.stderr.contains("import a writable copy of it"), "\(refused.stderr)")
      #expect(
        !FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("t.sqlite").path))
    }
    // The same file, however spelled, is no import.
    let same = try CommandRun.baseline(
      ["history", "import", "--from", path, "--to", "./.baseline/history.sqlite"], in: estate.url)
    #expect(same.status == 2)
    #expect(same.stderr.contains("are the same history"), "\(same.stderr)")
    let target = estate.path("shared.sqlite")
    let imported = try CommandRun.baseline(
      ["history", "import", "--from", path, "--to", target], in: estate.url)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(try Self.sqlite(target, "SELECT COUNT(*) FROM finding_period") != "0")
    #expect(
      try Self.sqlite(path, "SELECT COUNT(*) FROM grdb_migrations WHERE identifier LIKE 'v3%'")
        == "1")
    #expect(try CommandRun.baseline(["history"], in: estate.url).status == 0)
  }

  @Test("four reports at once all record; runs killed at random moments leave whole runs only")
  func concurrentAndKilled() throws {
    let estate = try exampleEstate()
    let started = try (0..<4).map { _ in
      try CommandRun.start(
        executable: CommandRun.binary, arguments: ["report", "--format", "json"], in: estate.url,
        environment: CommandRun.environment())
    }
    let results = started.map { $0.wait() }
    #expect(results.map(\.status) == [1, 1, 1, 1], "\(results.map(\.stderr))")
    let path = estate.url.appendingPathComponent(".baseline/history.sqlite").path
    #expect(try Self.sqlite(path, "SELECT COUNT(*) FROM run") == "4")
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<8 {
      let running = try CommandRun.start(
        executable: CommandRun.binary, arguments: ["report"], in: estate.url,
        environment: CommandRun.environment())
      usleep(UInt32.random(in: 20_000...400_000, using: &generator))
      kill(running.processIdentifier, SIGKILL)
      _ = running.wait()
    }
    #expect(try Self.sqlite(path, "PRAGMA integrity_check") == "ok")
    // Every run killed or not after the four (one at a time, so none observed before another
    // was recorded) has all four environments: recorded whole or not at all. (Of four runs
    // at once, one whose probes ran before another was recorded leaves that environment out.)
    #expect(
      try Self.sqlite(
        path,
        "SELECT COUNT(*) FROM run WHERE id > 4 AND (SELECT COUNT(*) FROM environment_run "
          + "WHERE run_id = run.id) != 4") == "0")
    #expect(try CommandRun.baseline(["report"], in: estate.url).status == 1)
  }

  @Test("progress on standard error only when it is a terminal")
  func progressOnTerminals() throws {
    let estate = try exampleEstate()
    let piped = try CommandRun.baseline(["report", "--no-history"], in: estate.url)
    #expect(piped.stderr.isEmpty)
    // `script` gives the command a terminal; its output (both streams) is the transcript.
    let command = "\(CommandRun.binary.path) report --no-history --output /dev/null"
    let terminal = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/script"),
      arguments: ["-qec", command, "/dev/null"], in: estate.url,
      environment: CommandRun.environment())
    #expect(terminal.stdout.contains("SIT-A: probe inventory started"), "\(terminal.stdout)")
    #expect(terminal.stdout.contains("UIT: probe db-schema FAILED in"), "\(terminal.stdout)")
    #expect(terminal.stdout.contains("of 6 done)"), "\(terminal.stdout)")
  }
}
