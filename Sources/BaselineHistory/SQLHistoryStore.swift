/// A store whose history is SQL behind ``HistoryDatabase``: both stores, so that code that
/// copies between them (``HistoryImport``) reads and writes either.
protocol SQLHistoryStore: HistoryStore {
  /// Runs `body` on one consistent view of the store.
  func reading<T>(_ body: (any HistoryDatabase) throws(HistoryError) -> T) throws(HistoryError)
    -> T

  /// Runs `body` in one transaction that holds the store to itself for `environments` (every
  /// run of them waits); all it wrote, or (it threw) nothing.
  func writing<T>(
    environments: [String], _ body: (any HistoryDatabase) throws(HistoryError) -> T
  ) throws(HistoryError) -> T
}

extension SQLiteHistory: SQLHistoryStore {
  func reading<T>(_ body: (any HistoryDatabase) throws(HistoryError) -> T) throws(HistoryError)
    -> T
  {
    try read { db throws(HistoryError) in try body(db) }
  }

  func writing<T>(
    environments: [String], _ body: (any HistoryDatabase) throws(HistoryError) -> T
  ) throws(HistoryError) -> T {
    try write { db throws(HistoryError) in try body(db) }
  }
}

extension PostgresHistory: SQLHistoryStore {
  func reading<T>(_ body: (any HistoryDatabase) throws(HistoryError) -> T) throws(HistoryError)
    -> T
  {
    try session.transaction(readOnly: true) { () throws(HistoryError) in try body(session) }
  }

  func writing<T>(
    environments: [String], _ body: (any HistoryDatabase) throws(HistoryError) -> T
  ) throws(HistoryError) -> T {
    try session.transaction { () throws(HistoryError) in
      for name in Set(environments).sorted() {
        _ = try session.run(
          "SELECT pg_advisory_xact_lock(?::integer, hashtext(?))",
          [.integer(Int64(Self.environmentLock)), .text(name)], seconds: 300,
          waiting: "another run or import recording \(name) to finish")
      }
      return try body(session)
    }
  }
}
