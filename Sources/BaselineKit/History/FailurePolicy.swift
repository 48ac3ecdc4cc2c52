/// What makes `report` exit 1 (`--fail-on`).
public enum FailurePolicy: String, Sendable, Hashable, CaseIterable, Codable {
  /// Any finding that counts (the default).
  case any
  /// Only new or reopened findings (the run history says which), for jobs that gate on
  /// change.
  case new
}
