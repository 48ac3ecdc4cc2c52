/// The shape of a table of periods, for ``HistoryImport``: its columns, the columns that
/// identify a period (``cell`` and its ``start``), the column that ends it, and the one taken
/// from the copy seen later.
struct HistoryPeriods {
  let table: String
  let columns: [String]
  let key: [String]
  let end: String
  let later: [String]
  /// The column that starts a period.
  var start: String { key.last ?? "" }
  /// What a period is of: the key without its start (one open period each).
  var cell: [String] { Array(key.dropLast()) }
  /// The columns that make two open periods of one cell the same (a build's release and
  /// commit; a finding is the same by its cell).
  let sameWhen: [String]

  /// Whether two periods of one cell stand for the same thing.
  func same(_ one: SQLRow, _ other: SQLRow) -> Bool {
    sameWhen.allSatisfy { one[$0] == other[$0] }
  }

  static let deployments = HistoryPeriods(
    table: "deployment",
    columns: [
      "environment", "component", "release", "commit_id", "tag", "from_time", "to_time",
      "last_seen",
    ], key: ["environment", "component", "from_time"], end: "to_time", later: ["tag"],
    sameWhen: ["release", "commit_id"])

  static let findings = HistoryPeriods(
    table: "finding_period",
    columns: [
      "environment", "component", "kind", "key", "message", "first_seen", "last_seen",
      "resolved_at", "accepted", "accepted_since",
    ], key: ["environment", "component", "kind", "key", "first_seen"], end: "resolved_at",
    later: ["message", "accepted", "accepted_since"], sameWhen: [])
}
