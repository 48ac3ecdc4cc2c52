public import BaselineKit
public import Foundation

/// The run history in a shared PostgreSQL database, for runners that come and go: the same
/// tables, the same recording and reading code (``HistoryRecorder``, ``HistoryReader``) and the
/// same tests as ``SQLiteHistory``, in the schema `baseline` of the database the address
/// names (``PostgresLocation``), through vapor/postgres-nio.
///
/// A run records in one transaction that first takes a transaction-level advisory lock per
/// environment it records (`pg_advisory_xact_lock`, names in order): runs of different
/// environments record side by side; two runs of one environment take turns, and the one that
/// records second sees the first's rows (an observation older than the environment's last
/// recorded run is not recorded, as in SQLite). A connection lost before `COMMIT` leaves
/// nothing of the run (the server rolls it back); the run exits 2 naming the server.
/// The schema is migrated forward on open, under an advisory lock; a schema with migrations
/// this Baseline does not know is refused, never changed.
public final class PostgresHistory: HistoryStore, @unchecked Sendable {
  let session: PostgresSession
  /// The server and database, as messages name them.
  public let location: PostgresLocation
  /// Caveats found on opening (an ignored password file), for standard error.
  public let warnings: [String]
  let readOnly: Bool

  /// Advisory lock classes: migrating the schema; recording one environment.
  static let migrationLock = 0x4241_5345
  static let environmentLock = 0x4241_5346

  /// Connects to `location` (the password from `PGPASSWORD`, else the password file) and
  /// migrates the schema forward; with `readOnly` (`baseline history`), reads only.
  /// - Throws: ``HistoryError`` naming the server: unreachable, login refused, a schema newer
  ///   than this Baseline's, another program's tables in the schema, or (read-only) no history
  ///   or an older schema.
  public init(
    _ location: PostgresLocation, readOnly: Bool = false,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(HistoryError) {
    // How long one statement may go unanswered: BASELINE_HISTORY_TIMEOUT seconds, else 60.
    let timeout =
      environment["BASELINE_HISTORY_TIMEOUT"].flatMap(Double.init).flatMap {
        $0 > 0 ? $0 : nil
      } ?? 60
    self.location = location
    self.readOnly = readOnly
    var warnings: [String] = []
    // An empty PGPASSWORD is unset, as libpq reads it.
    let password =
      environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
      ?? PassFile.password(for: location, environment: environment, warnings: &warnings)
    self.warnings = warnings
    do {
      session = try PostgresSession(location, password: password, timeout: timeout)
    } catch {
      // An ignored password file is likely why the login failed: say so with the error.
      throw HistoryError(([error.message] + warnings).joined(separator: "; "))
    }
    do {
      try prepare()
    } catch {
      session.close()
      throw error
    }
  }

  private func prepare() throws(HistoryError) {
    try session.transaction(readOnly: readOnly) { () throws(HistoryError) in
      try session.execute(
        "SELECT pg_advisory_xact_lock(?::integer, 0)", [.integer(Int64(Self.migrationLock))])
      // The catalogs, not information_schema, which hides what this role may not use.
      let schema = try session.rows(
        "SELECT 1 AS present FROM pg_catalog.pg_namespace WHERE nspname = 'baseline'", [])
      if schema.isEmpty {
        guard !readOnly else {
          throw HistoryError(
            "history \(location) holds no Baseline history yet: report and verify record one, "
              + "and baseline history import --from FILE.sqlite --to it copies a runner's")
        }
        try session.execute("CREATE SCHEMA baseline", [])
      }
      try session.execute("SET LOCAL search_path TO baseline", [])
      try refuseForeignTables()
      if !readOnly {
        try session.execute(
          "CREATE TABLE IF NOT EXISTS baseline_migrations "
            + "(name TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)", [])
      }
      let applied = Set(try session.texts("SELECT name FROM baseline_migrations"))
      let known = HistorySchema.migrationNames
      if !applied.isSubset(of: known) {
        throw HistoryError(
          "history \(location) was written by a newer Baseline (its schema has migrations that "
            + "Baseline \(BaselineTool.version) does not know): run that version; nothing was "
            + "recorded")
      }
      for (index, name) in known.enumerated() where !applied.contains(name) {
        guard !readOnly else {
          throw HistoryError(
            "history \(location) has an older schema than Baseline \(BaselineTool.version) "
              + "reads: run report or verify once to bring it up to date", isOlderSchema: true)
        }
        for statement in HistorySchema.statements(index, .postgres).split(separator: ";")
        where !statement.allSatisfy(\.isWhitespace) {
          try session.execute(String(statement), [])
        }
        try session.execute(
          "INSERT INTO baseline_migrations (name, applied_at) VALUES (?, ?)",
          [.text(name), .real(Date().timeIntervalSince1970)])
      }
    }
    try session.execute("SET search_path TO baseline", [])
  }

  /// Refuses a `baseline` schema that holds tables no Baseline made.
  private func refuseForeignTables() throws(HistoryError) {
    let tables = try session.texts(
      "SELECT c.relname::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
        + "ON n.oid = c.relnamespace WHERE n.nspname = 'baseline' "
        + "AND c.relkind IN ('r', 'v', 'm', 'p', 'f')")
    let foreign = tables.filter {
      !HistorySchema.tables.contains($0) && $0 != "baseline_migrations"
    }
    if !foreign.isEmpty {
      throw HistoryError(
        "history \(location): the schema baseline holds tables no Baseline made "
          + "(\(foreign.sorted().prefix(5).joined(separator: ", "))); use another database")
    }
  }

  public func record(_ report: DriftReport, run: RecordedRun, decision: RecordedDecision?)
    throws(HistoryError) -> DriftReport
  {
    try writing(environments: report.environments.map(\.environment)) { db throws(HistoryError) in
      try HistoryRecorder(db: db, run: run).record(report, decision: decision)
    }
  }

  public func listing(_ query: HistoryQuery) throws(HistoryError) -> HistoryListing {
    try reading { db throws(HistoryError) in try HistoryReader(db: db).listing(query) }
  }

  public func knownNames() throws(HistoryError) -> (
    environments: Set<String>, components: Set<String>
  ) {
    try reading { db throws(HistoryError) in try HistoryReader(db: db).knownNames() }
  }

  public func close() { session.close() }
}
