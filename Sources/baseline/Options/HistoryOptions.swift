import ArgumentParser
import BaselineHistory
import BaselineKit
import Foundation

/// Where `report`, `verify` and `fetch` record their runs: `--history PATH|postgres://…`, else
/// `BASELINE_HISTORY`, else the estate's `history:` (in `components.yaml`), else
/// `.baseline/history.sqlite` under the estate root; `--no-history` records nothing.
struct HistoryOptions: ParsableArguments {
  @Option(
    name: .long,
    help: """
      The run history to record this run in: an SQLite file, or postgres://USER@HOST:PORT/DB \
      (password from PGPASSWORD or ~/.pgpass); default: $BASELINE_HISTORY, else history: in \
      components.yaml, else .baseline/history.sqlite under the estate root.
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

  /// The history: ``HistoryOptions/resolve(_:root:)`` of `--history`; `nil` with
  /// `--no-history` or outside an estate.
  /// - Throws: ``InputError`` at the estate's `history:` line when it is wrong.
  func location(root: URL) throws -> String? {
    noHistory ? nil : try Self.resolve(history, root: root)
  }

  /// The history a command reads or records in: `given` (`--history`), else
  /// `BASELINE_HISTORY`, else `history:` in `Baselines/components.yaml`, else
  /// `.baseline/history.sqlite` under `root` when `root` is an estate (a folder without
  /// `Baselines/` gets no `.baseline/`: the run then fails on the estate).
  /// - Throws: ``InputError`` at the estate's `history:` line when it is wrong.
  static func resolve(_ given: String?, root: URL) throws -> String? {
    if let given { return given }
    if let variable = ProcessInfo.processInfo.environment["BASELINE_HISTORY"], !variable.isEmpty {
      return variable
    }
    var folder: ObjCBool = false
    guard
      FileManager.default.fileExists(
        atPath: root.appendingPathComponent("Baselines").path, isDirectory: &folder),
      folder.boolValue
    else { return nil }
    if let setting = try Estate.historySetting(root: root) { return setting }
    return HistoryLocation.defaultFile(root: root).path
  }

  /// The history files an output must never overwrite: the history in use when it is a file,
  /// and the estate's default file whichever store is in use (it is what `history import`
  /// moves into a shared store).
  func files(root: URL) throws -> [String] {
    let used = try noHistory ? nil : Self.resolve(history, root: root)
    return [used, HistoryLocation.defaultFile(root: root).path].compactMap { $0 }.filter {
      !PostgresLocation.isPostgres($0)
    }
  }

  /// Opens the history (creating `.baseline/` with a `.gitignore` for the default file),
  /// before any probe runs, so that a history that cannot be used costs nothing; `nil` with
  /// `--no-history`. Warnings (a network filesystem, an ignored password file) go to standard
  /// error.
  /// - Throws: ``HistoryError`` (exit 2) when it cannot be opened or is newer.
  func open(root: URL) throws -> (any HistoryStore)? {
    try open(location(root: root), root: root)
  }

  /// ``open(root:)`` of a location already resolved (``location(root:)``): `nil` for none.
  func open(_ location: String?, root: URL) throws -> (any HistoryStore)? {
    guard let location else { return nil }
    if location == HistoryLocation.defaultFile(root: root).path {
      let folder = URL(fileURLWithPath: location).deletingLastPathComponent()
      do {
        try HistoryLocation.prepare(folder)
      } catch {
        throw HistoryError(
          "cannot make \(folder.path) for the run history (\(error.localizedDescription)); "
            + "name another with --history PATH, or --no-history")
      }
    }
    let store = try HistoryStores.open(location)
    for warning in store.warnings { Console.error("baseline: warning: \(warning)\n") }
    return store
  }
}
