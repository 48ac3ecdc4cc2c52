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

  /// The history file: `--history`, else `.baseline/history.sqlite` under `root` when `root`
  /// is an estate (a folder without `Baselines/` gets no `.baseline/`: the run then fails on
  /// the estate); `nil` with `--no-history`.
  func path(root: URL) -> String? {
    if noHistory { return nil }
    if let history { return history }
    var folder: ObjCBool = false
    guard
      FileManager.default.fileExists(
        atPath: root.appendingPathComponent("Baselines").path, isDirectory: &folder),
      folder.boolValue
    else { return nil }
    return HistoryLocation.defaultFile(root: root).path
  }

  /// Opens the history (creating `.baseline/` with a `.gitignore` for the default), before
  /// any probe runs, so that a history that cannot be used costs nothing; `nil` with
  /// `--no-history`. Warnings (a network filesystem) go to standard error.
  /// - Throws: ``HistoryError`` (exit 2) when it cannot be opened or is newer.
  func open(root: URL) throws -> (any HistoryStore)? {
    guard !noHistory, let path = path(root: root) else { return nil }
    if history == nil {
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      do {
        try HistoryLocation.prepare(folder)
      } catch {
        throw HistoryError(
          "cannot make \(folder.path) for the run history (\(error.localizedDescription)); "
            + "name another with --history PATH, or --no-history")
      }
    }
    let store = try SQLiteHistory(path: path)
    for warning in store.warnings { Console.error("baseline: warning: \(warning)\n") }
    return store
  }
}
