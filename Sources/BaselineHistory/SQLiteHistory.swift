public import BaselineKit
import Foundation
import GRDB

/// The run history in one SQLite file, through GRDB: by default
/// `.baseline/history.sqlite` under the estate root.
///
/// The file is opened in WAL mode with a 30-second busy timeout: two runs at once take turns
/// (each run records in one `IMMEDIATE` transaction, so the second waits for the first and
/// then sees its rows); a run killed at any point leaves the previous state whole (SQLite's
/// journal). The schema is migrated forward on open (``HistorySchema``); a file written by a
/// newer Baseline, or one that is no Baseline history, is refused, never downgraded or
/// changed.
public final class SQLiteHistory: HistoryStore {
  let queue: DatabaseQueue
  /// The file, as given.
  public let path: String
  /// Whether it was opened to be read only.
  let readOnly: Bool
  /// Caveats found on opening (a history on a network filesystem), for standard error.
  public let warnings: [String]

  /// Opens (creating when absent) the history at `path`, migrating its schema forward; or,
  /// with `readOnly` (`baseline history`), opens an existing one without writing anything.
  /// - Throws: ``HistoryError`` when the file cannot be opened or created, is no SQLite
  ///   database, holds other tables than a Baseline history, was written by a newer
  ///   Baseline, or (read-only) has a schema older than this Baseline's.
  public init(path: String, readOnly: Bool = false) throws(HistoryError) {
    self.path = path
    self.readOnly = readOnly
    var configuration = Configuration()
    configuration.readonly = readOnly
    configuration.busyMode = .timeout(30)
    configuration.foreignKeysEnabled = true
    configuration.label = "baseline-history"
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
    } catch {
      throw HistoryError("history \(path) cannot be opened: \(Self.describe(error))")
    }
    warnings =
      NetworkFilesystem.name(of: path).map { filesystem in
        [
          "history \(path) is on a network filesystem (\(filesystem)): SQLite's locking is not "
            + "reliable there, and two runs at once could damage it; keep it on a local disk "
            + "(--history PATH)"
        ]
      } ?? []
    try prepare()
  }

  /// Refuses a file that is not ours or is newer, then migrates. Processes opening one file
  /// at once take turns here (`flock` on the file; SQLite's own locks are `fcntl` locks, which
  /// Linux keeps apart): GRDB's migrator reads which migrations are applied outside the
  /// transaction that applies them, so two first runs at once would both create the tables.
  private func prepare() throws(HistoryError) {
    let migrator = HistorySchema.migrator
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor >= 0 {
      while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
    }
    defer { if descriptor >= 0 { close(descriptor) } }
    do {
      let (superseded, foreign) = try queue.read { db in
        let tables = try String.fetchAll(
          db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        let ours = HistorySchema.tables.union(["grdb_migrations"])
        let foreign = tables.filter { !ours.contains($0) && !$0.hasPrefix("sqlite_") }
        return (try migrator.hasBeenSuperseded(db), foreign)
      }
      if !foreign.isEmpty {
        throw HistoryError(
          "history \(path) is an SQLite database but no Baseline history (it has the tables "
            + "\(foreign.sorted().prefix(5).joined(separator: ", "))); name another file with "
            + "--history")
      }
      if superseded {
        throw HistoryError(
          "history \(path) was written by a newer Baseline (its schema has migrations that "
            + "Baseline \(BaselineTool.version) does not know): run that version, or name "
            + "another file with --history; nothing was recorded")
      }
      if readOnly {
        let current = try queue.read { db in try migrator.hasCompletedMigrations(db) }
        guard current else {
          throw HistoryError(
            "history \(path) has an older schema than Baseline \(BaselineTool.version) reads: "
              + "run report or verify once to bring it up to date")
        }
        return
      }
      _ = try queue.writeWithoutTransaction { db in
        try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
      }
      try migrator.migrate(queue)
    } catch let error as HistoryError {
      throw error
    } catch {
      throw HistoryError("history \(path) cannot be read: \(Self.describe(error))")
    }
  }

  public func record(_ report: DriftReport, run: RecordedRun, decision: RecordedDecision?)
    throws(HistoryError) -> DriftReport
  {
    do {
      return try queue.writeWithoutTransaction { db in
        var recorded = report
        try db.inTransaction(.immediate) {
          recorded = try HistoryRecorder(db: db, run: run).record(report, decision: decision)
          return .commit
        }
        return recorded
      }
    } catch {
      throw HistoryError("history \(path) could not be written: \(Self.describe(error))")
    }
  }

  public func listing(_ query: HistoryQuery) throws(HistoryError) -> HistoryListing {
    do {
      return try queue.read { db in try HistoryReader(db: db).listing(query) }
    } catch {
      throw HistoryError("history \(path) could not be read: \(Self.describe(error))")
    }
  }

  public func knownNames() throws(HistoryError) -> (
    environments: Set<String>, components: Set<String>
  ) {
    do {
      return try queue.read { db in
        let environments = try String.fetchSet(
          db, sql: "SELECT DISTINCT environment FROM environment_run")
        let components = try String.fetchSet(
          db,
          sql: "SELECT DISTINCT component FROM deployment UNION SELECT DISTINCT component "
            + "FROM finding_period WHERE component != ''")
        return (environments, components)
      }
    } catch {
      throw HistoryError("history \(path) could not be read: \(Self.describe(error))")
    }
  }

  /// SQLite's own words for an error (`DatabaseError.message`), else the error.
  static func describe(_ error: any Error) -> String {
    if let database = error as? DatabaseError {
      return database.message ?? "SQLite error \(database.resultCode.rawValue)"
    }
    return "\(error)"
  }
}
