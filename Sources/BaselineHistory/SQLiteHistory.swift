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
    try Self.refuseNonHistoryFile(path)
    // Processes opening one file take turns from before SQLite opens it until its schema is
    // checked and migrated (flock; SQLite's own locks are fcntl locks, which Linux keeps
    // apart). A file this process did not create must not be empty: SQLite would make any
    // empty file a database.
    var created = false
    var descriptor: Int32 = -1
    if !readOnly {
      descriptor = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      created = descriptor >= 0
    }
    if descriptor < 0 { descriptor = open(path, O_RDONLY | O_CLOEXEC) }
    defer { if descriptor >= 0 { Glibc.close(descriptor) } }
    if descriptor >= 0 {
      try Self.lock(descriptor, path: path)
      // Another process may have made the file and not yet taken the lock to fill it: an
      // empty file is given two seconds (the lock let go meanwhile) before it is refused.
      var waited = 0
      while !created, Self.isEmpty(descriptor, path: path), waited < 40 {
        _ = flock(descriptor, LOCK_UN)
        usleep(50_000)
        waited += 1
        try Self.lock(descriptor, path: path)
      }
      if !created, Self.isEmpty(descriptor, path: path) {
        throw HistoryError(
          "history \(path) is an empty file, not a Baseline history; remove it or name "
            + "another with --history")
      }
    }
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

  /// Refuses a file that is not ours or is newer, then migrates; called under the `flock`
  /// that ``init(path:readOnly:)`` takes (GRDB's migrator reads which migrations are applied
  /// outside the transaction that applies them, so two first runs at once would both create
  /// the tables).
  private func prepare() throws(HistoryError) {
    let migrator = HistorySchema.migrator
    do {
      let (superseded, foreign) = try queue.read { db in
        let tables = try String.fetchAll(
          db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        let ours = HistorySchema.tables.union(["grdb_migrations"])
        var foreign = tables.filter { !ours.contains($0) && !$0.hasPrefix("sqlite_") }
        // Our table names without GRDB's record of how they were made: not ours either.
        if !tables.contains("grdb_migrations"), let mine = tables.first(where: ours.contains) {
          foreign.append(mine)
        }
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
              + "run report or verify once to bring it up to date", isOlderSchema: true)
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
    try write { db throws(HistoryError) in
      try HistoryRecorder(db: db, run: run).record(report, decision: decision)
    }
  }

  /// Runs `body` in one `IMMEDIATE` transaction: all it wrote, or (it threw) nothing.
  /// - Throws: `body`'s error, or ``HistoryError`` when SQLite cannot write.
  func write<T>(_ body: (SQLiteDatabase) throws(HistoryError) -> T) throws(HistoryError) -> T {
    var result: T?
    var failure: HistoryError?
    do {
      try queue.writeWithoutTransaction { db in
        try db.inTransaction(.immediate) {
          do throws(HistoryError) {
            result = try body(SQLiteDatabase(db: db, path: path))
            return .commit
          } catch {
            failure = error
            return .rollback
          }
        }
      }
    } catch {
      throw HistoryError("history \(path) could not be written: \(Self.describe(error))")
    }
    if let failure { throw failure }
    guard let result else { throw HistoryError("history \(path) could not be written") }
    return result
  }

  /// Runs `body` on a read connection.
  /// - Throws: `body`'s error, or ``HistoryError`` when SQLite cannot read.
  func read<T>(_ body: (SQLiteDatabase) throws(HistoryError) -> T) throws(HistoryError) -> T {
    var result: Result<T, HistoryError>?
    do {
      try queue.read { db in
        do throws(HistoryError) {
          result = .success(try body(SQLiteDatabase(db: db, path: path)))
        } catch {
          result = .failure(error)
        }
      }
    } catch {
      throw HistoryError("history \(path) could not be read: \(Self.describe(error))")
    }
    guard let result else { throw HistoryError("history \(path) could not be read") }
    return try result.get()
  }

  /// Ends this process's use of the file: the write-ahead log is folded into the database
  /// (`PRAGMA wal_checkpoint(TRUNCATE)`), so the file alone holds every recorded run (a copy
  /// or backup of it is whole) and readers need not scan a log; then the connection closes. A
  /// checkpoint another process blocks is left for later (SQLite folds it then).
  public func close() {
    if !readOnly {
      _ = try? queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }
    try? queue.close()
  }

  public func listing(_ query: HistoryQuery) throws(HistoryError) -> HistoryListing {
    try read { db throws(HistoryError) in try HistoryReader(db: db).listing(query) }
  }

  public func knownNames() throws(HistoryError) -> (
    environments: Set<String>, components: Set<String>
  ) {
    try read { db throws(HistoryError) in try HistoryReader(db: db).knownNames() }
  }

  /// Refuses, before SQLite opens it, a history path that is a link (a committed link could
  /// point at any file) or not a regular file: exit 2, the file untouched. An absent path is
  /// created later.
  static func refuseNonHistoryFile(_ path: String) throws(HistoryError) {
    var status = stat()
    guard lstat(path, &status) == 0 else { return }
    switch status.st_mode & S_IFMT {
    case S_IFLNK:
      throw HistoryError(
        "history \(path) is a symbolic link; name the file itself with --history")
    case S_IFREG:
      return
    default:
      throw HistoryError("history \(path) is not a regular file; name a file with --history")
    }
  }

  /// Whether the open file and its write-ahead log hold nothing.
  static func isEmpty(_ descriptor: Int32, path: String) -> Bool {
    var status = stat()
    var log = stat()
    let logged = stat(path + "-wal", &log) == 0 && log.st_size > 0
    return !logged && fstat(descriptor, &status) == 0 && status.st_size == 0
  }

  /// Takes the exclusive `flock` on `descriptor`, waiting up to 30 s (SQLite's busy timeout).
  static func lock(_ descriptor: Int32, path: String) throws(HistoryError) {
    let deadline = Date().addingTimeInterval(30)
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
        throw HistoryError(
          "history \(path) stayed locked by another process for 30 s (flock); try again "
            + "when it is done")
      }
      usleep(50_000)
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
