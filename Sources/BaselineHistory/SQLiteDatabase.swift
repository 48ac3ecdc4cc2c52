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
      return try Row.fetchAll(
        db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue))
      ).map { row in
        var values: [String: SQLValue] = [:]
        for (column, value) in row {
          switch value.storage {
          case .null: values[column] = .null
          case .int64(let integer): values[column] = .integer(integer)
          case .double(let real): values[column] = .real(real)
          case .string(let text): values[column] = .text(text)
          case .blob: values[column] = .null
          }
        }
        return SQLRow(values: values, store: path)
      }
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
