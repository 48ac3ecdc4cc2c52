import GRDB

/// ``HistoryDatabase`` on one GRDB connection (`Database`), inside the transaction
/// ``SQLiteHistory`` opened; errors name the history file.
struct SQLiteDatabase: HistoryDatabase {
  let db: Database
  /// The history file, for messages.
  let path: String

  func execute(_ sql: String, _ arguments: [SQLValue]) throws(HistoryError) {
    do {
      try db.execute(sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
    } catch {
      throw HistoryError("history \(path): \(SQLiteHistory.describe(error))")
    }
  }

  func rows(_ sql: String, _ arguments: [SQLValue]) throws(HistoryError) -> [SQLRow] {
    do {
      let cursor = try Row.fetchCursor(
        db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
      var columns: [String: Int]?
      var rows: [SQLRow] = []
      while let row = try cursor.next() {
        if columns == nil {
          columns = Dictionary(
            row.columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { _, last in last })
        }
        let cells = Array(row.databaseValues).map { value -> SQLValue in
          switch value.storage {
          case .null, .blob: return .null
          case .int64(let integer): return .integer(integer)
          case .double(let real): return .real(real)
          case .string(let text): return .text(text)
          }
        }
        rows.append(SQLRow(columns: columns ?? [:], cells: cells, store: path))
      }
      return rows
    } catch {
      throw HistoryError("history \(path): \(SQLiteHistory.describe(error))")
    }
  }
}

extension SQLValue {
  /// The value as GRDB binds it.
  var databaseValue: DatabaseValue {
    switch self {
    case .null: .null
    case .integer(let value): value.databaseValue
    case .real(let value): value.databaseValue
    case .text(let value): value.databaseValue
    }
  }
}
