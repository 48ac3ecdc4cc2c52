import ArgumentParser
import BaselineHistory
import BaselineKit
import Foundation

/// `baseline history`: what ran where and when, the drift periods and the Board's decisions.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "What ran where and when, how long each drift lasted, and the Board's decisions.",
    discussion: "Reads the run history that report and verify record. Exit 0, or 2 could not run.")

  @Option(name: .long, help: "The estate root: the folder that holds Baselines/ and Probes/.")
  var root: String = "."

  @Option(
    name: .long,
    help: "The run history to read; default: .baseline/history.sqlite under the estate root.")
  var history: String?

  @Option(name: .customLong("env"), help: "Only this environment (repeatable); default: all.")
  var environments: [String] = []

  @Option(
    name: .customLong("component"),
    help: "Only this component (repeatable; decisions are then left out); default: all.")
  var components: [String] = []

  @Option(
    name: .long,
    help: "Only what was current on or after this UTC day (2026-11-01) or time (RFC 3339).")
  var since: String?

  @Option(name: .long, help: "text (a timeline for people) or json (baseline.history/1).")
  var format: ListingFormat = .text

  @OptionGroup var outputOptions: OutputOptions

  func validate() throws {
    try outputOptions.check(ListingFormat.self)
    try outputOptions.refuseOverwriting(history: historyPath)
    if let since, HistorySince.parse(since) == nil {
      throw ValidationError(
        "--since \(since): expected a UTC day (2026-11-01) or an RFC 3339 time "
          + "(2026-11-01T02:00:00Z)")
    }
  }

  var historyPath: String {
    history ?? HistoryLocation.defaultFile(root: URL(fileURLWithPath: root)).path
  }

  func run() throws {
    let path = historyPath
    guard FileManager.default.fileExists(atPath: path) else {
      throw HistoryError(
        "no run history at \(path): report and verify record one (see --history)")
    }
    let store = try SQLiteHistory(path: path, readOnly: true)
    // A filter that names nothing the history knows is a mistake, not an empty answer.
    let known = try store.knownNames()
    for (option, values, names) in [
      ("--env", environments, known.environments), ("--component", components, known.components),
    ] {
      for value in values where !names.contains(value) {
        let listed = names.sorted().prefix(12).joined(separator: ", ")
        throw HistoryError(
          "\(option) \(value): the history \(path) has no such name (it has \(listed))")
      }
    }
    let listing = try store.listing(
      HistoryQuery(
        environments: environments, components: components, since: since.flatMap(HistorySince.parse)
      ))
    store.close()
    try outputOptions.emit(format) { $0 == .json ? listing.json() : listing.text() }
  }
}
