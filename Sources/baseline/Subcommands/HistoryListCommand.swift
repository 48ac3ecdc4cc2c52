import ArgumentParser
import BaselineHistory
import BaselineKit
import Foundation

/// `baseline history` (`baseline history list`): what ran where and when, the drift periods
/// and the Board's decisions.
struct HistoryListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "What ran where and when, how long each drift lasted, and the Board's decisions.",
    discussion: "Reads the run history that report and verify record. Exit 0, or 2 could not run.")

  @Option(name: .long, help: "The estate root: the folder that holds Baselines/ and Probes/.")
  var root: String = "."

  @Option(
    name: .long,
    help: """
      The run history to read (a file or postgres://USER@HOST:PORT/DB); default: \
      $BASELINE_HISTORY, else history: in components.yaml, else .baseline/history.sqlite.
      """)
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
    let path = try historyPath
    try outputOptions.refuseOverwriting(
      history: PostgresLocation.isPostgres(path) ? nil : path)
    if let since, HistorySince.parse(since) == nil {
      throw ValidationError(
        "--since \(since): expected a UTC day (2026-11-01) or an RFC 3339 time "
          + "(2026-11-01T02:00:00Z)")
    }
  }

  var historyPath: String {
    get throws {
      let root = URL(fileURLWithPath: root)
      return try HistoryOptions.resolve(history, root: root)
        ?? HistoryLocation.defaultFile(root: root).path
    }
  }

  func run() throws {
    let path = try historyPath
    guard HistoryStores.exists(path) else {
      throw HistoryError(
        "no run history at \(path): report and verify record one (see --history)")
    }
    let store = try HistoryStores.open(path, readOnly: true)
    // A filter that names nothing the history knows is a mistake, not an empty answer.
    let known = try store.knownNames()
    for (option, values, names) in [
      ("--env", environments, known.environments), ("--component", components, known.components),
    ] {
      for value in values where !names.contains(value) {
        let listed = names.sorted().prefix(12).joined(separator: ", ")
        throw HistoryError(
          "\(option) \(value): the history \(HistoryStores.shown(path)) has no such name (it has \(listed))"
        )
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
