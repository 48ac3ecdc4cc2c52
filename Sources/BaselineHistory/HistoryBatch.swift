/// Statements over many rows at once, cut into chunks both stores accept (SQLite binds at
/// most 32,766 values per statement, PostgreSQL 65,535): a night of 2,000 components is a few
/// statements per environment, not thousands of round trips to a server.
enum HistoryBatch {
  /// Values per statement.
  static let chunkValues = 4_000

  /// `UPDATE … SET … WHERE id IN (…)`: `update` is the statement up to `IN`, `leading` its
  /// arguments before the ids.
  static func update(
    _ update: String, _ leading: [SQLValue], ids: [Int64], in db: any HistoryDatabase
  ) throws(HistoryError) {
    var start = 0
    while start < ids.count {
      let chunk = ids[start..<min(ids.count, start + chunkValues)]
      try db.execute(
        "\(update) IN (\(placeholders(chunk.count)))", leading + chunk.map(SQLValue.integer))
      start += chunk.count
    }
  }

  /// `INSERT INTO table (columns) VALUES (…), (…)`, each row as many values as `columns`.
  static func insert(
    into table: String, columns: [String], rows: [[SQLValue]], in db: any HistoryDatabase
  ) throws(HistoryError) {
    let perStatement = max(1, chunkValues / columns.count)
    let row = "(\(placeholders(columns.count)))"
    var start = 0
    while start < rows.count {
      let chunk = rows[start..<min(rows.count, start + perStatement)]
      try db.execute(
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
          + Array(repeating: row, count: chunk.count).joined(separator: ", "),
        chunk.flatMap { $0 })
      start += chunk.count
    }
  }

  /// `?, ?, …`, `count` times.
  static func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
  }
}
