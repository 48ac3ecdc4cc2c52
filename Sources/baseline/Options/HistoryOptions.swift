import ArgumentParser
import BaselineHistory
import BaselineKit
import Foundation

/// Where `report` and `verify` record their runs: `--history PATH`, else
/// `.baseline/history.sqlite` under the estate root; `--no-history` records nothing.
struct HistoryOptions: ParsableArguments {
  @Option(
    name: .long,
    help: """
      The run history (SQLite) to record this run in; default: .baseline/history.sqlite \
      under the estate root.
      """)
  var history: String?

  @Flag(name: .long, help: "Record nothing (and say nothing of new or known findings).")
  var noHistory = false

  func validate() throws {
    if noHistory, history != nil {
      throw ValidationError("--history and --no-history exclude each other")
    }
    if let history, history.isEmpty { throw ValidationError("--history needs a file") }
  }

  /// Opens the history (creating `.baseline/` with a `.gitignore` for the default), before
  /// any probe runs, so that a history that cannot be used costs nothing; `nil` with
  /// `--no-history`. Warnings (a network filesystem) go to standard error.
  /// - Throws: ``HistoryError`` (exit 2) when it cannot be opened or is newer.
  func open(root: URL) throws -> (any HistoryStore)? {
    guard !noHistory else { return nil }
    let path: String
    if let history {
      path = history
    } else {
      let folder = root.appendingPathComponent(".baseline", isDirectory: true)
      do {
        try HistoryLocation.prepare(folder)
      } catch {
        throw HistoryError(
          "cannot make \(folder.path) for the run history (\(error.localizedDescription)); "
            + "name another with --history PATH, or --no-history")
      }
      path = folder.appendingPathComponent("history.sqlite").path
    }
    let store = try SQLiteHistory(path: path)
    for warning in store.warnings { Console.error("baseline: warning: \(warning)\n") }
    return store
  }
}
