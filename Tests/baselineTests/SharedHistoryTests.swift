import BaselineTestSupport
import Foundation
import Testing

/// Issue 14: the run history in a shared PostgreSQL, through the command, against a real
/// server the tests start.
@Suite("baseline with a shared history in PostgreSQL")
struct SharedHistoryTests {
  let server = PostgresServer.shared

  /// The environment of a runner that knows the password only through `PGPASSWORD`.
  func runner(_ extra: [String: String] = [:]) -> [String: String] {
    ["PGPASSWORD": server.password].merging(extra) { _, new in new }
  }

  /// Cells with more than one open deployment, and finding identities with more than one open
  /// period, in `database`: what runs at once or an import must never leave.
  func doubledOpenPeriods(in database: String) throws -> Int {
    try server.count(
      "SELECT COUNT(*) FROM (SELECT 1 FROM deployment WHERE to_time IS NULL "
        + "GROUP BY environment, component HAVING COUNT(*) > 1) AS doubled", database: database)
      + server.count(
        "SELECT COUNT(*) FROM (SELECT 1 FROM finding_period WHERE resolved_at IS NULL "
          + "GROUP BY environment, component, kind, key HAVING COUNT(*) > 1) AS doubled",
        database: database)
  }

  /// Everything a run printed, to search for the password.
  static func printed(_ runs: [CommandRun]) -> String {
    runs.map { $0.stdout + $0.stderr }.joined()
  }

  @Test("report records into postgres://; history reads it; the same findings are then known")
  func reportAndHistory() throws {
    let estate = try exampleEstate()
    let url = server.url(try server.makeDatabase())
    let first = try CommandRun.baseline(
      ["report", "--format", "json", "--history", url], in: estate.url, environment: runner())
    #expect(first.status == 1, "\(first.stderr)")
    #expect(try HistoryCommandTests.states(first).allSatisfy { $0 == "new" })
    // The address from BASELINE_HISTORY, as a runner's job sets it.
    let second = try CommandRun.baseline(
      ["report", "--format", "json"], in: estate.url,
      environment: runner(["BASELINE_HISTORY": url]))
    #expect(second.status == 1, "\(second.stderr)")
    #expect(try HistoryCommandTests.states(second).allSatisfy { $0 == "known" })
    let listing = try CommandRun.baseline(
      ["history", "--history", url, "--format", "json"], in: estate.url, environment: runner())
    #expect(listing.status == 0, "\(listing.stderr)")
    let deployments = try #require(try listing.json()["deployments"] as? [[String: Any]])
    #expect(!deployments.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: estate.path(".baseline/history.sqlite")))
    let database = String(url.split(separator: "/").last ?? "")
    #expect(try server.count("SELECT COUNT(*) FROM run", database: database) == 2)
    #expect(Self.printed([first, second, listing]).contains(server.password) == false)
    // The tables every night updates leave room for heap-only updates of `last_seen`.
    #expect(
      try server.count(
        "SELECT COUNT(*) FROM pg_class WHERE relname IN ('deployment', 'finding_period') "
          + "AND 'fillfactor=50' = ANY(reloptions)", database: database) == 2)
  }

  @Test("no password in any output: in PGPASSWORD, in the address, in the estate, or wrong")
  func passwordsNeverPrinted() throws {
    let estate = try exampleEstate()
    let database = try server.makeDatabase()
    let secret = server.password
    let withPassword = "postgres://baseline:\(secret)@127.0.0.1:\(server.port)/\(database)"
    var runs: [CommandRun] = []
    let inAddress = try CommandRun.baseline(
      ["report", "--history", withPassword], in: estate.url)
    #expect(inAddress.status == 2)
    #expect(inAddress.stderr.contains("holds a password"), "\(inAddress.stderr)")
    runs.append(inAddress)
    let inVariable = try CommandRun.baseline(
      ["report"], in: estate.url, environment: ["BASELINE_HISTORY": withPassword])
    #expect(inVariable.status == 2)
    runs.append(inVariable)
    let wrong = try CommandRun.baseline(
      ["report", "--history", server.url(database)], in: estate.url,
      environment: ["PGPASSWORD": "not-" + secret])
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains(server.url(database)), "names the server: \(wrong.stderr)")
    runs.append(wrong)
    let components = estate.url.appendingPathComponent("Baselines/components.yaml")
    let catalog = try String(contentsOf: components, encoding: .utf8)
    try (catalog + "history: \(withPassword)\n").write(
      to: components, atomically: true, encoding: .utf8)
    let inEstate = try CommandRun.baseline(["report"], in: estate.url, environment: runner())
    #expect(inEstate.status == 2)
    #expect(inEstate.stderr.contains("Baselines/components.yaml:"), "\(inEstate.stderr)")
    // An input error like any other, whichever command meets it first.
    #expect(inEstate.stderr.hasPrefix("baseline: error: "), "\(inEstate.stderr)")
    runs.append(inEstate)
    // However the password is written, in an option, the variable, the estate or an import.
    let host = "127.0.0.1:\(server.port)"
    for hostile in [
      "postgres://:\(secret)@\(host)/\(database)",
      "postgres://baseline:pa/\(secret)@\(host)/\(database)",
      "postgres://baseline@\(host)/\(database)?password=\(secret)",
    ] {
      try (catalog + "history: \(hostile)\n").write(
        to: components, atomically: true, encoding: .utf8)
      let estateRun = try CommandRun.baseline(["report"], in: estate.url)
      #expect(estateRun.status == 2, "\(hostile)")
      try catalog.write(to: components, atomically: true, encoding: .utf8)
      let option = try CommandRun.baseline(["report", "--history", hostile], in: estate.url)
      #expect(option.status == 2, "\(hostile)")
      let variable = try CommandRun.baseline(
        ["history"], in: estate.url, environment: ["BASELINE_HISTORY": hostile])
      #expect(variable.status == 2, "\(hostile)")
      let imported = try CommandRun.baseline(
        ["history", "import", "--from", estate.path("x.sqlite"), "--to", hostile], in: estate.url)
      #expect(imported.status == 2, "\(hostile)")
      runs += [estateRun, option, variable, imported]
    }
    // The estate's setting without the password, and the password from ~/.pgpass.
    try (catalog + "history: \(server.url(database))\n").write(
      to: components, atomically: true, encoding: .utf8)
    let passFile = estate.url.appendingPathComponent("pgpass")
    try "127.0.0.1:\(server.port):\(database):baseline:\(secret)\n".write(
      to: passFile, atomically: true, encoding: .utf8)
    chmod(passFile.path, 0o600)
    // An empty PGPASSWORD is unset, as libpq reads it: the password file is read.
    let fromFile = try CommandRun.baseline(
      ["report", "--format", "json"], in: estate.url,
      environment: ["PGPASSFILE": passFile.path, "PGPASSWORD": ""])
    #expect(fromFile.status == 1, "\(fromFile.stderr)")
    runs.append(fromFile)
    chmod(passFile.path, 0o644)
    let readable = try CommandRun.baseline(
      ["report"], in: estate.url, environment: ["PGPASSFILE": passFile.path])
    #expect(readable.status == 2)
    #expect(readable.stderr.contains("chmod 600"), "\(readable.stderr)")
    runs.append(readable)
    #expect(try server.count("SELECT COUNT(*) FROM run", database: database) == 1)
    #expect(!Self.printed(runs).contains(secret))
  }

  @Test("two runners record at once, same and other environments: no run lost or doubled")
  func twoRunnersAtOnce() throws {
    let estate = try exampleEstate()
    let database = try server.makeDatabase()
    let url = server.url(database)
    let environment = CommandRun.environment(runner())
    for round in [["--env", "SIT-A"], []] {
      let started = try (0..<2).map { index in
        try CommandRun.start(
          executable: CommandRun.binary,
          arguments: ["report", "--history", url] + (index == 0 ? round : ["--env", "UIT"]),
          in: estate.url, environment: environment)
      }
      let results = started.map { $0.wait() }
      #expect(results.map(\.status) == [1, 1], "\(results.map(\.stderr))")
    }
    #expect(try server.count("SELECT COUNT(*) FROM run", database: database) == 4)
    // One open deployment per cell, and one open period per finding identity.
    #expect(try doubledOpenPeriods(in: database) == 0)
    #expect(
      try server.count(
        "SELECT COUNT(DISTINCT environment) FROM environment_run", database: database)
        == 4)
  }

  @Test("the server stopped mid-run: exit 2 naming it, the report still written, nothing recorded")
  func serverGoneMidRun() throws {
    let own = try PostgresServer()
    defer { own.stop() }
    let database = try own.makeDatabase()
    let estate = try exampleEstate()
    // A probe that waits until the test has stopped the server.
    let started = estate.url.appendingPathComponent("probe-started")
    let go = estate.url.appendingPathComponent("go")
    _ = try estate.write(
      "Probes/zz-wait",
      "#!/bin/sh\ntouch '\(started.path)'\nwhile [ ! -e '\(go.path)' ]; do sleep 0.1; done\n"
        + "echo 'refused' >&2\nexit 3\n", executable: true)
    let output = estate.url.appendingPathComponent("night.json")
    let running = try CommandRun.start(
      executable: CommandRun.binary,
      arguments: [
        "report", "--history", own.url(database), "--format", "json", "--output",
        output.path,
      ],
      in: estate.url, environment: CommandRun.environment(["PGPASSWORD": own.password]))
    var waited = 0
    while !FileManager.default.fileExists(atPath: started.path), waited < 600 {
      usleep(50_000)
      waited += 1
    }
    own.stop()
    FileManager.default.createFile(atPath: go.path, contents: nil)
    let result = running.wait()
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("closed the connection"), "told at once, not after a wait")
    #expect(result.stderr.contains(own.url(database)), "\(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
    #expect((report?["environments"] as? [Any])?.count == 4, "the observation is not lost")
    try own.restart()
    #expect(try own.count("SELECT COUNT(*) FROM run", database: database) == 0)
    let next = try CommandRun.baseline(
      ["report", "--history", own.url(database)], in: estate.url,
      environment: ["PGPASSWORD": own.password])
    #expect(next.status == 1, "\(next.stderr)")
    #expect(try own.count("SELECT COUNT(*) FROM run", database: database) == 1)
  }

  @Test("history import moves a runner's SQLite history in; twice gives the same rows")
  func importTwice() throws {
    let estate = try exampleEstate()
    for _ in 0..<2 {
      #expect(try CommandRun.baseline(["report"], in: estate.url).status == 1)
    }
    let file = estate.path(".baseline/history.sqlite")
    let database = try server.makeDatabase()
    let url = server.url(database)
    let tables = ["run", "environment_run", "deployment", "finding_period", "decision"]
    func rows() throws -> [Int] {
      try tables.map { try server.count("SELECT COUNT(*) FROM \($0)", database: database) }
    }
    let first = try CommandRun.baseline(
      ["history", "import", "--from", file, "--to", url], in: estate.url, environment: runner())
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("rows copied: run 2,"), "\(first.stdout)")
    let once = try rows()
    let sqliteRows = try tables.map {
      Int(try HistoryCommandTests.sqlite(file, "SELECT COUNT(*) FROM \($0)")) ?? -1
    }
    #expect(once == sqliteRows)
    let second = try CommandRun.baseline(
      ["history", "import", "--from", file, "--to", url], in: estate.url, environment: runner())
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("rows copied: run 0, environment_run 0, deployment 0"))
    #expect(try rows() == once)
    // A night more on the runner: importing again adds that run and extends the periods.
    #expect(try CommandRun.baseline(["report"], in: estate.url).status == 1)
    let third = try CommandRun.baseline(
      ["history", "import", "--from", file, "--to", url], in: estate.url, environment: runner())
    #expect(third.stdout.contains("rows copied: run 1,"), "\(third.stdout)")
    let local = try CommandRun.baseline(["history", "--format", "json"], in: estate.url)
    let shared = try CommandRun.baseline(
      ["history", "--history", url, "--format", "json"], in: estate.url, environment: runner())
    #expect(try Self.periods(local) == Self.periods(shared))
  }

  /// The deployments and drifts of a `history --format json`, without its header.
  static func periods(_ run: CommandRun) throws -> String {
    let json = try run.json()
    let data = try JSONSerialization.data(
      withJSONObject: [json["deployments"] ?? [], json["drifts"] ?? []], options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  @Test("with the history in PostgreSQL, --output still never overwrites the estate's history file")
  func outputNeverOverwritesLocalHistory() throws {
    let estate = try exampleEstate()
    #expect(try CommandRun.baseline(["report"], in: estate.url).status == 1)
    let file = estate.path(".baseline/history.sqlite")
    let before = try Data(contentsOf: URL(fileURLWithPath: file))
    let url = server.url(try server.makeDatabase())
    for environment in [["BASELINE_HISTORY": url], [:]] {
      let arguments =
        ["report", "--output", file] + (environment.isEmpty ? ["--history", url] : [])
      let run = try CommandRun.baseline(
        arguments, in: estate.url, environment: runner(environment))
      #expect(run.status == 2, "\(run.stderr)")
      #expect(run.stderr.contains("would destroy"), "\(run.stderr)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
  }

  @Test(
    "importing a runner's history where another already recorded the same cells doubles no open period"
  )
  func importBesideAnotherRunner() throws {
    let runnerA = try exampleEstate()
    #expect(try CommandRun.baseline(["report"], in: runnerA.url).status == 1)
    let runnerB = try exampleEstate()
    let database = try server.makeDatabase()
    let url = server.url(database)
    let later = try CommandRun.baseline(
      ["report", "--history", url], in: runnerB.url, environment: runner())
    #expect(later.status == 1, "\(later.stderr)")
    for _ in 0..<2 {
      let imported = try CommandRun.baseline(
        ["history", "import", "--from", runnerA.path(".baseline/history.sqlite"), "--to", url],
        in: runnerA.url, environment: runner())
      #expect(imported.status == 0, "\(imported.stderr)")
    }
    #expect(try doubledOpenPeriods(in: database) == 0)
    #expect(try server.count("SELECT COUNT(*) FROM run", database: database) == 2)
  }

  @Test("a commit the server does not confirm is reported as not known, never as not recorded")
  func unconfirmedCommit() throws {
    let own = try PostgresServer()
    defer { own.stop() }
    let database = try own.makeDatabase()
    let estate = try exampleEstate()
    let environment = ["PGPASSWORD": own.password, "BASELINE_HISTORY_TIMEOUT": "3"]
    let url = own.url(database)
    #expect(
      try CommandRun.baseline(
        ["report", "--history", url], in: estate.url, environment: environment
      )
      .status == 1)
    // A synchronous standby that never comes: every commit waits for it.
    for sql in [
      "ALTER SYSTEM SET synchronous_standby_names = 'ghost'", "SELECT pg_reload_conf()",
    ] { try PostgresServer.check(try own.psql(sql, database: "postgres")) }
    let output = estate.url.appendingPathComponent("night.json")
    let run = try CommandRun.baseline(
      ["report", "--history", url, "--format", "json", "--output", output.path], in: estate.url,
      environment: environment)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains("is not known"), "\(run.stderr)")
    #expect(!run.stderr.contains("nothing was recorded"), "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: output.path))
    for sql in ["ALTER SYSTEM RESET synchronous_standby_names", "SELECT pg_reload_conf()"] {
      try PostgresServer.check(try own.psql(sql, database: "postgres"))
    }
  }

  @Test("a server not there, or one without the TLS asked for, is exit 2 saying what to check")
  func unreachableAtStart() throws {
    let estate = try exampleEstate()
    let nowhere = try CommandRun.baseline(
      ["report", "--history", "postgres://baseline@127.0.0.1:1/baseline"], in: estate.url,
      environment: runner())
    #expect(nowhere.status == 2)
    #expect(nowhere.stderr.contains("cannot connect to 127.0.0.1 port 1"), "\(nowhere.stderr)")
    #expect(nowhere.stderr.contains("--no-history"), "\(nowhere.stderr)")
    let url = server.url(try server.makeDatabase()) + "?sslmode=require"
    let plain = try CommandRun.baseline(
      ["report", "--history", url], in: estate.url, environment: runner())
    #expect(plain.status == 2)
    #expect(plain.stderr.contains("sslmode=require requires"), "\(plain.stderr)")
  }
}
