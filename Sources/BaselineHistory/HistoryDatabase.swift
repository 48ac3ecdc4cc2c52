/// The seam between the history's logic (``HistoryRecorder``, ``HistoryReader``,
/// ``HistoryImport``) and a store's connection: SQL with `?` placeholders, run inside the
/// store's open transaction. SQLite (``SQLiteDatabase``) and PostgreSQL (``PostgresSession``)
/// implement it; the SQL written against it is the part of SQL both speak (`INSERT …
/// RETURNING`, `IN (…)`, multi-row `VALUES`).
protocol HistoryDatabase {
  /// Runs a statement that returns no rows.
  /// - Throws: the store's error, as ``HistoryError`` naming the store.
  func execute(_ sql: String, _ arguments: [SQLValue]) throws(HistoryError)

  /// Runs a query and returns all its rows.
  /// - Throws: the store's error, as ``HistoryError`` naming the store.
  func rows(_ sql: String, _ arguments: [SQLValue]) throws(HistoryError) -> [SQLRow]
}

extension HistoryDatabase {
  /// Runs an `INSERT … RETURNING id` and returns the new row's id.
  /// - Throws: ``HistoryError`` when the store fails or returns no id.
  func insert(_ sql: String, _ arguments: [SQLValue]) throws(HistoryError) -> Int64 {
    guard let row = try rows(sql + " RETURNING id", arguments).first else {
      throw HistoryError("the history returned no id for a row it was given")
    }
    return try row.integer("id")
  }

  /// The texts in the first column of each row (null rows left out).
  func texts(_ sql: String, _ arguments: [SQLValue] = []) throws(HistoryError) -> [String] {
    var texts: [String] = []
    for row in try rows(sql, arguments) {
      if case .text(let text) = row.cells.first { texts.append(text) }
    }
    return texts
  }
}
