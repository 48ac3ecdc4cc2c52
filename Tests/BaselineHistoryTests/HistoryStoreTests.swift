import BaselineHistory
import BaselineKit
import BaselineTestSupport
import Foundation
import Testing

/// The run history, on SQLite and on a real PostgreSQL (the same tests), on real repositories and reports made by `DriftCheck`, night by night.
@Suite("Run history: finding states, periods, refusals")
struct HistoryStoreTests {
  @Test(
    "first_seen and state across nights: new, known, resolved, reopened",
    arguments: Nights.Store.allCases)
  func statesAcrossNights(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    let one = try nights.night(1, version: "1.1.0.0", level: "debug")
    #expect(one.history?.findings.map(\.state) == [.new])
    #expect(one.history?.previousRun == nil)
    let two = try nights.night(2, version: "1.1.0.0", level: "debug")
    let known = try #require(two.history?.findings.first)
    #expect(known.state == .known)
    #expect(known.firstSeen == Nights.time(1))
    #expect(known.since == Nights.time(1))
    #expect(two.history?.previousRun == Nights.time(1))
    let three = try nights.night(3, version: "1.1.0.0")
    #expect(three.findings.isEmpty)
    let resolved = try #require(three.history?.resolved.first)
    #expect(resolved.kind == .settingDrift)
    #expect(resolved.component == "alpha")
    #expect(resolved.key == "log.level")
    #expect(resolved.firstSeen == Nights.time(1))
    #expect(resolved.lastSeen == Nights.time(2))
    let four = try nights.night(4, version: "1.1.0.0", level: "trace")
    let back = try #require(four.history?.findings.first)
    #expect(back.state == .reopened)
    #expect(back.firstSeen == Nights.time(1))
    #expect(back.since == Nights.time(4))
    // A reopened finding is one new period: the drifts listing has both.
    let listing = try nights.open().listing(HistoryQuery())
    #expect(listing.drifts.map(\.firstSeen) == [Nights.time(1), Nights.time(4)])
    #expect(listing.drifts.map(\.resolvedAt) == [Nights.time(3), nil])
    #expect(listing.drifts.last?.message.contains("trace") == true)
  }

  @Test(
    "changes, not copies: one deployment period per build, closed when the next arrives",
    arguments: Nights.Store.allCases)
  func deploymentPeriods(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    for number in 1...5 { try nights.night(number, version: "1.0.0.0") }
    for number in 6...9 { try nights.night(number, version: "1.1.0.0") }
    let listing = try nights.open().listing(HistoryQuery())
    #expect(listing.deployments.count == 2)
    let (old, new) = (listing.deployments[0], listing.deployments[1])
    #expect(old.release == "1.0.0.0")
    #expect(old.commit == nights.v1000)
    // What ran, tag included, though it is not the baselined release.
    #expect(old.tag == "1.0.0.0")
    #expect((old.from, old.to, old.lastSeen) == (Nights.time(1), Nights.time(6), Nights.time(5)))
    #expect(new.release == "1.1.0.0")
    #expect(new.tag == "1.1.0.0")
    #expect(new.to == nil)
    #expect(new.lastSeen == Nights.time(9))
    // The version_mismatch of nights 1 to 5 is one period too.
    #expect(listing.drifts.map(\.identity.kind) == [.versionMismatch])
    #expect(listing.drifts.first?.resolvedAt == Nights.time(6))
  }

  @Test(
    "an accepted deviation is recorded as accepted, by its reference, and stops being when the acceptance goes",
    arguments: Nights.Store.allCases)
  func acceptedDeviation(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    let acceptance = try #require(
      Acceptance(
        component: "alpha", kind: .settingDrift, key: "log.level", reason: "tracing DEF-9",
        reference: "CR-77", expires: "2099-12-31"))
    // Open drift on night 1; accepted from night 2 on: the period keeps its start and says
    // since when it is accepted.
    try nights.night(1, version: "1.1.0.0", level: "debug")
    let two = try nights.night(2, version: "1.1.0.0", level: "debug", accepting: [acceptance])
    #expect(two.openFindings.isEmpty && two.findings.count == 1)
    try nights.night(3, version: "1.1.0.0", level: "debug", accepting: [acceptance])
    var listing = try nights.open().listing(HistoryQuery())
    #expect(listing.drifts.map(\.accepted) == ["CR-77"])
    #expect(listing.drifts.map(\.firstSeen) == [Nights.time(1)])
    #expect(listing.drifts.map(\.acceptedSince) == [Nights.time(2)])
    #expect(
      listing.text().contains(
        "(accepted deviation, CR-77, since \(Timestamp.human(Nights.time(2))))"))
    #expect(listing.text().contains("1 drift period (1 of them accepted deviations)"))
    #expect(listing.json().contains("\"accepted\" : \"CR-77\""))
    #expect(listing.json().contains("\"accepted_since\" : \"\(Timestamp.string(Nights.time(2)))\""))
    // The acceptance removed: the same period stands on, now open drift.
    try nights.night(4, version: "1.1.0.0", level: "debug")
    listing = try nights.open().listing(HistoryQuery())
    #expect(listing.drifts.count == 1)
    #expect(listing.drifts.first?.accepted == nil)
    #expect(listing.drifts.first?.acceptedSince == nil)
    #expect(listing.drifts.first?.lastSeen == Nights.time(4))
    #expect(!listing.text().contains("accepted"))
  }

  @Test(
    "a deployment's tag is what the last run found on its build: a tag moved away is gone",
    arguments: Nights.Store.allCases)
  func tagFollowsTheBuild(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    try nights.night(1, version: "1.0.0.0")
    #expect(try nights.open().listing(HistoryQuery()).deployments.map(\.tag) == ["1.0.0.0"])
    try nights.moveTag("1.0.0.0", to: nights.v1100)
    try nights.night(2, version: "1.0.0.0")
    let deployments = try nights.open().listing(HistoryQuery()).deployments
    #expect(deployments.count == 1)
    #expect(deployments.first?.tag == nil)
    #expect(deployments.first?.lastSeen == Nights.time(2))
  }

  @Test("import: the later sighting's acceptance and tag win, whichever runner saw it")
  func importTakesTheLaterSighting() throws {
    let nights = try Nights(.sqlite)
    let acceptance = try #require(
      Acceptance(
        component: "alpha", kind: .settingDrift, key: "log.level", reason: "tracing",
        reference: "CR-77", expires: "2099-12-31"))
    // Runner A saw the drift accepted on night 1; runner B saw it open on night 2.
    try nights.night(1, version: "1.1.0.0", level: "debug", accepting: [acceptance])
    let other = nights.folder.url.appendingPathComponent("b.sqlite").path
    try nights.night(
      2, version: "1.1.0.0", level: "debug", store: try SQLiteHistory(path: other))
    let target = nights.folder.url.appendingPathComponent("t.sqlite").path
    _ = try HistoryImport.run(from: nights.path, to: target)
    _ = try HistoryImport.run(from: other, to: target)
    let drifts = try SQLiteHistory(path: target, readOnly: true).listing(HistoryQuery()).drifts
    #expect(drifts.map(\.accepted) == [nil])
    #expect(drifts.map(\.lastSeen) == [Nights.time(2)])
    // A's own history grows: night 3 its tag moved away; imported again, the tag goes too.
    try nights.moveTag("1.1.0.0", to: nights.v1000)
    try nights.night(3, version: "1.1.0.0", level: "debug")
    _ = try HistoryImport.run(from: nights.path, to: target)
    let listing = try SQLiteHistory(path: target, readOnly: true).listing(HistoryQuery())
    #expect(listing.deployments.map(\.tag) == [nil], "\(listing.deployments)")
    // A source that cannot be read leaves no target behind.
    let corrupt = nights.folder.url.appendingPathComponent("corrupt.sqlite")
    try Data(repeating: 0x41, count: 8_192).write(to: corrupt)
    let nowhere = nights.folder.url.appendingPathComponent("nowhere.sqlite")
    #expect(throws: HistoryError.self) {
      _ = try HistoryImport.run(from: corrupt.path, to: nowhere.path)
    }
    #expect(!FileManager.default.fileExists(atPath: nowhere.path))
  }

  @Test(
    "a night whose probe failed clears nothing it could not see", arguments: Nights.Store.allCases)
  func failedProbeResolvesNothing(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    try nights.night(1, version: "1.0.0.0")
    let blind = try nights.night(2, version: nil)
    #expect(blind.status == .incomplete)
    #expect(blind.history?.resolved.isEmpty == true)
    let listing = try nights.open().listing(HistoryQuery())
    #expect(listing.deployments.map(\.to) == [nil])
    #expect(
      listing.drifts.filter { $0.identity.kind == .versionMismatch }.map(\.resolvedAt) == [nil])
    // A finding about the whole environment is said to be one, not shown with a blank name.
    #expect(listing.text().contains("  SIT-A  (environment)  probe_failed since "))
    // The probe's own failure is a finding of its own, resolved when the probe runs again.
    let seen = try nights.night(3, version: "1.0.0.0")
    #expect(seen.history?.findings.map(\.state) == [.known])
    #expect(seen.history?.resolved.map(\.kind) == [.probeFailed])
  }

  @Test(
    "a failed probe while another reports only settings: nothing closed, the rest unchecked",
    arguments: Nights.Store.allCases)
  func blindNight(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    try nights.night(1, version: "1.0.0.0", settingsProbe: true)
    let blind = try nights.night(2, version: nil, settingsProbe: true)
    #expect(blind.status == .incomplete)
    #expect(blind.history?.resolved.isEmpty == true)
    #expect(blind.history?.unchecked.map(\.kind) == [.versionMismatch])
    let listing = try nights.open().listing(HistoryQuery())
    #expect(listing.deployments.map(\.to) == [nil], "the build was not seen gone")
  }

  @Test(
    "the probe that reports settings fails: the setting drift is unchecked, not resolved",
    arguments: Nights.Store.allCases)
  func partialView(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    let one = try nights.night(1, version: "1.1.0.0", level: "debug", settingsProbe: true)
    #expect(one.findings.map(\.kind) == [.settingDrift])
    let two = try nights.night(2, version: "1.1.0.0", settingsFail: true)
    #expect(two.status == .incomplete)
    #expect(two.history?.resolved.isEmpty == true)
    let three = try nights.night(3, version: "1.1.0.0", level: "debug", settingsProbe: true)
    #expect(three.history?.findings.first?.state == .known, "it never went away")
    let listing = try nights.open().listing(HistoryQuery())
    #expect(listing.deployments.count == 1)
  }

  @Test(
    "an inventory older than the last recorded run is not recorded",
    arguments: Nights.Store.allCases)
  func oldInventory(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    try nights.night(1, version: "1.0.0.0")
    try nights.night(2, version: "1.0.0.0")
    let old = try nights.night(3, version: "1.1.0.0", collected: Nights.time(1))
    #expect(old.history == nil)
    let listing = try nights.open().listing(HistoryQuery())
    #expect(listing.deployments.map(\.release) == ["1.0.0.0"])
    #expect(listing.drifts.map(\.resolvedAt) == [nil])
  }

  @Test("files that are no history are refused untouched: empty, a link, our tables without GRDB's")
  func notHistories() throws {
    let folder = TemporaryDirectory("not-history")
    let empty = folder.url.appendingPathComponent("empty.sqlite")
    try Data().write(to: empty)
    #expect(throws: HistoryError.self) { try SQLiteHistory(path: empty.path) }
    #expect(try Data(contentsOf: empty).isEmpty)
    let link = folder.url.appendingPathComponent("link.sqlite")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: empty)
    #expect(throws: HistoryError.self) { try SQLiteHistory(path: link.path) }
    let lookalike = folder.url.appendingPathComponent("lookalike.sqlite").path
    try Self.sqlite(lookalike, "CREATE TABLE deployment (x)")
    let before = try Data(contentsOf: URL(fileURLWithPath: lookalike))
    #expect {
      try SQLiteHistory(path: lookalike)
    } throws: { error in "\(error)".contains("no Baseline history") }
    #expect(try Data(contentsOf: URL(fileURLWithPath: lookalike)) == before)
  }

  @Test("a value Baseline did not write is an error naming the history, not a crash")
  func oddValues() throws {
    let nights = try Nights()
    try nights.night(1, version: "1.0.0.0")
    try Self.sqlite(nights.path, "UPDATE deployment SET from_time = 'abc'")
    #expect {
      try nights.open().listing(HistoryQuery())
    } throws: { error in "\(error)".contains(nights.path) }
    try Self.sqlite(nights.path, "UPDATE finding_period SET first_seen = 'abc'")
    #expect(throws: HistoryError.self) { try nights.night(2, version: "1.0.0.0") }
  }

  @Test(
    "a nightly run a second earlier than the night before still counts a whole day",
    arguments: Nights.Store.allCases)
  func wholeDays(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    try nights.night(1, version: "1.0.0.0")
    let next = try nights.night(2, version: "1.0.0.0", at: Nights.time(2).addingTimeInterval(-1))
    let age = try #require(next.history?.findings.first)
    #expect(age.state == .known)
    let report = DriftReport(generatedAt: age.seenAt, environments: [next], warnings: [])
    #expect(report.text().contains("(since 2026-11-30, 1 day)"), "\(report.text())")
    try nights.night(3, version: "1.1.0.0", at: Nights.time(3).addingTimeInterval(-2))
    let text = try nights.open().listing(HistoryQuery()).text()
    #expect(text.contains("(lasted 2 days)"), "\(text)")
    #expect(text.contains("no longer runs 1.0.0.0"), "\(text)")
  }

  @Test("history filters: environment, component, since", arguments: Nights.Store.allCases)
  func filters(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    try nights.night(1, version: "1.0.0.0")
    try nights.night(2, version: "1.1.0.0")
    let store = try nights.open()
    #expect(try store.listing(HistoryQuery(environments: ["UIT"])).deployments.isEmpty)
    #expect(try store.listing(HistoryQuery(components: ["alpha"])).deployments.count == 2)
    #expect(try store.listing(HistoryQuery(components: ["beta"])).deployments.isEmpty)
    // Since night 2: the old deployment ended then, so it still shows; since night 3, not.
    #expect(try store.listing(HistoryQuery(since: Nights.time(2))).deployments.count == 2)
    #expect(try store.listing(HistoryQuery(since: Nights.time(3))).deployments.count == 1)
    #expect(HistorySince.parse("2026-11-30") == Nights.time(1).addingTimeInterval(-3_600))
    #expect(HistorySince.parse("2026-11-31") == nil)
    #expect(HistorySince.parse("yesterday") == nil)
  }

  @Test("a history from a newer Baseline, a foreign database or no database is refused, unchanged")
  func refusals() throws {
    let nights = try Nights()
    try nights.night(1, version: "1.0.0.0")
    // A newer Baseline's migration.
    let newer = try SQLiteHistory(path: nights.path)
    _ = newer
    try Self.sqlite(nights.path, "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
    let before = try Data(contentsOf: URL(fileURLWithPath: nights.path))
    #expect {
      try SQLiteHistory(path: nights.path)
    } throws: { error in
      "\(error)".contains("newer Baseline") && "\(error)".contains(nights.path)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: nights.path)) == before)
    // Another application's database.
    let foreign = nights.folder.url.appendingPathComponent("other.sqlite").path
    try Self.sqlite(foreign, "CREATE TABLE invoices (id INTEGER)")
    #expect {
      try SQLiteHistory(path: foreign)
    } throws: { error in "\(error)".contains("no Baseline history") }
    // Not a database at all.
    let text = nights.folder.url.appendingPathComponent("notes.sqlite")
    try Data(String(repeating: "not sqlite\n", count: 100).utf8).write(to: text)
    #expect {
      try SQLiteHistory(path: text.path)
    } throws: { error in "\(error)".contains("not a database") }
    #expect(try String(contentsOf: text, encoding: .utf8).hasPrefix("not sqlite"))
  }

  @Test(
    "two connections recording at once take turns: no run lost, one open period each",
    arguments: Nights.Store.allCases)
  func concurrentRecording(_ store: Nights.Store) throws {
    let nights = try Nights(store)
    try nights.night(1, version: "1.0.0.0")
    let failures = ResultBox()
    // One night's time for all: an observation older than a recorded run is not recorded.
    DispatchQueue.concurrentPerform(iterations: 8) { index in
      do {
        try nights.night(
          2 + index, version: index % 2 == 0 ? "1.0.0.0" : "1.1.0.0", at: Nights.time(2))
      } catch {
        failures.add("\(error)")
      }
    }
    #expect(failures.values.isEmpty)
    #expect(try nights.count("SELECT COUNT(*) FROM run") == 9)
    #expect(try nights.count("SELECT COUNT(*) FROM environment_run") == 9)
    #expect(
      try nights.count("SELECT COUNT(*) FROM deployment WHERE to_time IS NULL") == 1)
    #expect(
      try nights.count(
        "SELECT COUNT(*) FROM (SELECT kind FROM finding_period WHERE resolved_at IS NULL "
          + "GROUP BY environment, component, kind, key HAVING COUNT(*) > 1) AS duplicated") == 0)
  }

  @Test("a history on a network filesystem is told apart by its mount's type")
  func networkFilesystems() {
    let mounts = """
      /dev/sda1 / ext4 rw 0 0
      server:/export /mnt/shared nfs4 rw 0 0
      //nas/estate /mnt/nas\\040box cifs rw 0 0
      tmpfs /mnt/shared/local tmpfs rw 0 0
      """
    #expect(NetworkFilesystem.name(of: "/mnt/shared/e/history.sqlite", mounts: mounts) == "nfs4")
    #expect(NetworkFilesystem.name(of: "/mnt/nas box/h.sqlite", mounts: mounts) == "cifs")
    #expect(NetworkFilesystem.name(of: "/mnt/shared/local/h.sqlite", mounts: mounts) == nil)
    #expect(NetworkFilesystem.name(of: "/mnt/sharedx/h.sqlite", mounts: mounts) == nil)
    #expect(NetworkFilesystem.name(of: "/home/h.sqlite", mounts: mounts) == nil)
  }

  /// Runs `sql` with the sqlite3 command-line tool (an independent reader and writer).
  static func sqlite(_ path: String, _ sql: String) throws {
    let result = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/sqlite3"), arguments: [path, sql])
    #expect(result.status == 0, "\(result.stderr)")
  }

  static func count(_ path: String, _ sql: String) throws -> Int {
    let result = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/sqlite3"), arguments: [path, sql])
    return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }
}

/// Errors gathered from several threads.
final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [String] = []
  func add(_ value: String) { lock.withLock { list.append(value) } }
  var values: [String] { lock.withLock { list } }
}
