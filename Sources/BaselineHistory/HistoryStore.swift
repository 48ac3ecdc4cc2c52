public import BaselineKit

/// A run history: where `report` and `verify` record what they saw, and `history` reads it.
///
/// SQLite (``SQLiteHistory``, one file beside the estate) and PostgreSQL (``PostgresHistory``,
/// shared by runners) implement it, with the same recording and reading code and the same
/// tests; ``HistoryStores`` opens the one a location names. A store records changes, not copies: a
/// deployment or a finding that lasts ninety nights is one period with a start and an end.
public protocol HistoryStore: Sendable {
  /// Records one run of `report` or `verify` (and the Board's decision, for `verify`), in one
  /// transaction: all of it or, on failure, nothing.
  /// - Returns: `report` with each environment's ``EnvironmentReport/history`` filled in:
  ///   each finding's state (`new`, `known`, `reopened`), first seen and since, and the
  ///   previous run's findings that are gone.
  /// - Throws: ``HistoryError`` when the store cannot be written.
  func record(_ report: DriftReport, run: RecordedRun, decision: RecordedDecision?)
    throws(HistoryError) -> DriftReport

  /// What ran where and when, the drift periods and the decisions that `query` selects.
  /// - Throws: ``HistoryError`` when the store cannot be read.
  func listing(_ query: HistoryQuery) throws(HistoryError) -> HistoryListing

  /// Caveats found on opening (a history file on a network filesystem, an ignored password
  /// file), for standard error.
  var warnings: [String] { get }

  /// Ends this process's use of the store (a run calls it once it has recorded and read what
  /// it needs).
  func close()

  /// Every environment and component the history knows, so that a filter naming another can
  /// be refused rather than answered with nothing.
  /// - Throws: ``HistoryError`` when the store cannot be read.
  func knownNames() throws(HistoryError) -> (environments: Set<String>, components: Set<String>)
}
