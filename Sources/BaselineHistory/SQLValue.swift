/// A value bound into, or read out of, the history's SQL: the four kinds both stores hold
/// (SQLite's storage classes; PostgreSQL's `bigint`, `double precision` and `text`).
enum SQLValue: Sendable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)

  /// `value`, or `.null` for `nil`.
  static func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }

  /// `value`, or `.null` for `nil`.
  static func real(_ value: Double?) -> SQLValue { value.map(SQLValue.real) ?? .null }
}
