/// One row a query returned, by column name, with typed readers that say which column did not
/// hold what was expected.
struct SQLRow: Sendable {
  /// Each column's position in ``cells`` by its name (lower case, as both stores name unquoted
  /// columns): one dictionary shared by every row of a result, not one per row (a nightly
  /// report reads 100,000 open deployments).
  let columns: [String: Int]
  /// The row's values in column order.
  let cells: [SQLValue]
  /// The store, as messages name it (a file, or a `postgres://` address without password).
  let store: String

  /// The value in `column`, `nil` when the result has no such column.
  subscript(column: String) -> SQLValue? {
    columns[column].map { cells[$0] }
  }

  /// The text in `column`.
  /// - Throws: ``HistoryError`` when it is absent, null or not text.
  func text(_ column: String) throws(HistoryError) -> String {
    guard let value = try optionalText(column) else { throw missing(column, "text") }
    return value
  }

  /// The text in `column`, `nil` when null.
  /// - Throws: ``HistoryError`` when the column is absent or holds no text.
  func optionalText(_ column: String) throws(HistoryError) -> String? {
    switch self[column] {
    case .text(let value): return value
    case .null: return nil
    default: throw missing(column, "text")
    }
  }

  /// The number in `column` (an integer is read as a number).
  /// - Throws: ``HistoryError`` when it is absent, null or not a number.
  func real(_ column: String) throws(HistoryError) -> Double {
    guard let value = try optionalReal(column) else { throw missing(column, "a number") }
    return value
  }

  /// The number in `column`, `nil` when null.
  /// - Throws: ``HistoryError`` when the column is absent or holds no number.
  func optionalReal(_ column: String) throws(HistoryError) -> Double? {
    switch self[column] {
    case .real(let value): return value
    case .integer(let value): return Double(value)
    case .null: return nil
    default: throw missing(column, "a number")
    }
  }

  /// The integer in `column`.
  /// - Throws: ``HistoryError`` when it is absent, null or not an integer.
  func integer(_ column: String) throws(HistoryError) -> Int64 {
    guard case .integer(let value) = self[column] else { throw missing(column, "an integer") }
    return value
  }

  private func missing(_ column: String, _ expected: String) -> HistoryError {
    HistoryError(
      "history \(store): column \(column) does not hold \(expected) where it should (a value "
        + "Baseline did not write)")
  }
}
