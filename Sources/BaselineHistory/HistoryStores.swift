import Foundation

/// Opens the store a history location names: a `postgres://` (or `postgresql://`) address is a
/// ``PostgresHistory``; anything else is an SQLite file (``SQLiteHistory``).
public enum HistoryStores {
  /// Opens (creating or migrating when not `readOnly`) the history at `location`.
  /// - Throws: ``HistoryError`` from the store, naming it.
  public static func open(_ location: String, readOnly: Bool = false) throws(HistoryError)
    -> any HistoryStore
  {
    if PostgresLocation.isPostgres(location) {
      return try PostgresHistory(PostgresLocation(location), readOnly: readOnly)
    }
    return try SQLiteHistory(path: location, readOnly: readOnly)
  }

  /// Whether a history may be read at `location` without making one: a file that exists, or
  /// any server address (the server says whether it holds one).
  public static func exists(_ location: String) -> Bool {
    PostgresLocation.isPostgres(location) || FileManager.default.fileExists(atPath: location)
  }

  /// How messages name `location`: an address without anything but its user before `@`.
  public static func shown(_ location: String) -> String {
    PostgresLocation.isPostgres(location) ? PostgresLocation.redacted(location) : location
  }
}
