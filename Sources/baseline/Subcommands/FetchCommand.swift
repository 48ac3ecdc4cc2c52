import ArgumentParser
import BaselineHistory
import BaselineKit
import Foundation

/// `baseline fetch`: refreshes the mirrors of components named by URL.
struct FetchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fetch",
    abstract: "Refresh the mirrors of the components whose repository: is a URL.",
    discussion: """
      One bare mirror per URL, under .baseline/mirrors/ of the estate root (or $BASELINE_MIRRORS), \
      fetched with every branch and tag, moved tags force-updated and deleted ones pruned; every \
      tag added, moved or deleted is listed, and those moved or deleted are recorded in the run \
      history. Exit 0 every mirror fetched, 2 one could not be.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @OptionGroup var limits: FetchLimits

  @OptionGroup var historyOptions: HistoryOptions

  @Option(name: .long, help: "Only this component's URL (repeatable); default: every URL.")
  var component: [String] = []

  func run() throws {
    estateOptions.prepare()
    let estate = try Estate.loadCatalog(root: estateOptions.rootURL)
    let chosen =
      try component.isEmpty
      ? Array(estate.components.values) : component.map { try estate.component(named: $0) }
    let outcomes = limits.fetchMirrors(of: chosen, root: estateOptions.rootURL)
    // The moves are recorded before anything is printed: a reader that stops reading (a
    // closed pipe) must not cost the record.
    var failure: (any Error)?
    do {
      if !RecordedTagMove.all(in: outcomes).isEmpty,
        let history = try historyOptions.open(root: estateOptions.rootURL)
      {
        defer { history.close() }
        try FetchLimits.recordMoves(
          of: outcomes, in: history,
          estateCommit: estateOptions.repositories.estateCommit(root: estateOptions.rootURL))
      }
    } catch {
      failure = error
    }
    try Console.output(
      outcomes.isEmpty
        ? "no component's repository: is a URL; nothing to fetch\n"
        : outcomes.map(\.text).joined())
    if let failure { throw failure }
    throw ExitCode(outcomes.contains { $0.failure != nil } ? 2 : 0)
  }
}
