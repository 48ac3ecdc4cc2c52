/// The shape of a table of periods, for ``HistoryImport``: its columns, the columns that
/// identify a period, the column that ends it, and the one taken from the copy seen later.
struct HistoryPeriods {
  let table: String
  let columns: [String]
  let key: [String]
  let end: String
  let later: String?

  static let deployments = HistoryPeriods(
    table: "deployment",
    columns: [
      "environment", "component", "release", "commit_id", "tag", "from_time", "to_time",
      "last_seen",
    ], key: ["environment", "component", "from_time"], end: "to_time", later: nil)

  static let findings = HistoryPeriods(
    table: "finding_period",
    columns: [
      "environment", "component", "kind", "key", "message", "first_seen", "last_seen",
      "resolved_at",
    ], key: ["environment", "component", "kind", "key", "first_seen"], end: "resolved_at",
    later: "message")
}
