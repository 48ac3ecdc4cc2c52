import BaselineHistory
import BaselineKit
import BaselineTestSupport
import Foundation
import Testing

/// An estate with one environment, SIT-A, whose baseline says alpha 1.1.0.0 with
/// `log.level = info`, over a real repository; each night a probe reports what it is given and
/// the report is recorded in a history in the same temporary folder.
struct Nights: @unchecked Sendable {
  /// The two stores the same tests run on.
  enum Store: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
  }

  static let first = Date(timeIntervalSince1970: 1_796_000_400)  // 2026-11-30T01:00:00Z
  let folder = TemporaryDirectory("history")
  let estate: Estate
  let v1000: String
  let v1100: String
  let kind: Store
  /// The PostgreSQL database of this test (on the shared test server), when `kind` is postgres.
  let database: String?
  var path: String { folder.url.appendingPathComponent("history.sqlite").path }
  /// How the store is named in messages: the file, or the `postgres://` address.
  var location: String {
    database.map { PostgresServer.shared.url($0) } ?? path
  }

  /// Opens the store (a new connection each time, as each run of `baseline` makes).
  func open(readOnly: Bool = false) throws -> any HistoryStore {
    guard database != nil else { return try SQLiteHistory(path: path, readOnly: readOnly) }
    return try PostgresHistory(
      PostgresLocation(location), readOnly: readOnly,
      environment: ["PGPASSWORD": PostgresServer.shared.password])
  }

  /// The one number `sql` returns, asked of the store with its own client (`sqlite3`, `psql`).
  func count(_ sql: String) throws -> Int {
    if let database { return try PostgresServer.shared.count(sql, database: database) }
    return try HistoryStoreTests.count(path, sql)
  }

  init(_ kind: Store = .sqlite) throws {
    self.kind = kind
    database = kind == .postgres ? try PostgresServer.shared.makeDatabase() : nil
    var git = try GitScript(at: folder.url.appendingPathComponent("repos/alpha"))
    v1000 = try git.commit("first")
    try git.tag("1.0.0.0", message: "release 1.0.0.0")
    v1100 = try git.commit("second")
    try git.tag("1.1.0.0", message: "release 1.1.0.0")
    let alpha = Component(name: "alpha", repository: "repos/alpha", repositoryURL: git.directory)
    estate = Estate(
      root: folder.url, components: ["alpha": alpha],
      baselines: [
        Baseline(
          environment: "SIT-A",
          components: [
            Baseline.Entry(
              component: "alpha", release: try ReleaseVersion("1.1.0.0", scheme: .mhhs),
              settings: [Baseline.Setting("log.level", "info")])
          ])
      ])
  }

  /// Moves (or makes) annotated tag `name` onto `commit` in alpha's repository, as
  /// `git tag -f -a` does.
  func moveTag(_ name: String, to commit: String) throws {
    let moved = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/git"),
      arguments: [
        "-C", folder.url.appendingPathComponent("repos/alpha").path, "-c", "user.name=Release",
        "-c", "user.email=rm@example.org", "tag", "-f", "-a", "-m", "moved", name, commit,
      ])
    try PostgresServer.check(moved)
  }

  /// The time of night `number` (1 is the first).
  static func time(_ number: Int) -> Date { first.addingTimeInterval(Double(number - 1) * 86_400) }

  /// Night `number`: alpha reported at `version` with `level`, or a failed probe when
  /// `version` is `nil`; recorded in `store` (the history at ``path`` by default).
  @discardableResult
  func night(
    _ number: Int, version: String?, level: String = "info", store: (any HistoryStore)? = nil,
    at when: Date? = nil, settingsProbe: Bool = false, settingsFail: Bool = false,
    collected: Date? = nil, accepting acceptances: [Acceptance] = []
  ) throws -> EnvironmentReport {
    let time = when ?? Self.time(number)
    var runs: [ProbeRun] = []
    if settingsFail {
      runs.append(
        ProbeRun(
          probe: "settings", environment: "SIT-A", inventory: nil, failure: "exit 3: refused",
          exitStatus: 3, duration: 0.1))
    } else if settingsProbe {
      // A second probe that reports only alpha's settings.
      runs.append(
        ProbeRun(
          probe: "settings", environment: "SIT-A",
          inventory: Inventory(
            environment: "SIT-A", collectedAt: time,
            components: [Inventory.Entry(name: "alpha", settings: ["log.level": level])]),
          duration: 0.1))
    }
    let run: ProbeRun
    if let version {
      let commit = version == "1.0.0.0" ? v1000 : v1100
      run = ProbeRun(
        probe: "inventory", environment: "SIT-A",
        inventory: Inventory(
          environment: "SIT-A", collectedAt: collected ?? time,
          components: [
            Inventory.Entry(
              name: "alpha", version: version, commit: commit,
              settings: settingsProbe || settingsFail ? nil : ["log.level": level])
          ]), duration: 0.1)
    } else {
      run = ProbeRun(
        probe: "inventory", environment: "SIT-A", inventory: nil, failure: "exit 3: refused",
        exitStatus: 3, duration: 0.1)
    }
    var judged = estate
    if !acceptances.isEmpty, let baseline = estate.baselines.first {
      judged = Estate(
        root: estate.root, components: estate.components,
        baselines: [
          Baseline(
            environment: baseline.environment, components: baseline.components,
            acceptances: acceptances)
        ])
    }
    let report = try DriftCheck(estate: judged).report(runs: runs + [run], now: time)
    let history = try store ?? open()
    let recorded = try history.record(
      report,
      run: RecordedRun(time: time, command: "report", toolVersion: "test", estateCommit: nil),
      decision: nil)
    return try #require(recorded.environments.first)
  }
}
