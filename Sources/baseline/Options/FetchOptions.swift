import ArgumentParser
import BaselineHistory
import BaselineKit
import Foundation

/// `--fetch` and what goes with it, for the commands that read component repositories.
struct FetchOptions: ParsableArguments {
  @Flag(
    name: .long,
    help: """
      First refresh the mirrors of the components whose repository: is a URL, as baseline \
      fetch does (a fetch that fails stops the run, exit 2, unless --offline-ok).
      """)
  var fetch = false

  @Flag(
    name: .long,
    help: """
      With --fetch: when a fetch fails and its mirror was fetched before, read the mirror as \
      it is and say so, rather than stop.
      """)
  var offlineOK = false

  @OptionGroup var limits: FetchLimits

  func validate() throws {
    if offlineOK, !fetch { throw ValidationError("--offline-ok goes with --fetch") }
  }

  /// With `--fetch`, refreshes every URL component's mirror before the command reads
  /// anything; what each fetch changed goes to standard error, so that standard output stays
  /// the command's document.
  /// - Parameters:
  ///   - root: the estate root.
  ///   - names: only these components' URLs (a command about one component); empty: all.
  ///   - recordingMoves: whether tags moved on the server are recorded here in the estate's
  ///     history (`BASELINE_HISTORY`, `history:`, or `.baseline/history.sqlite` when it
  ///     exists); `report` and `verify` record them with their own run instead.
  /// - Returns: what each fetch did (``MirrorFetch/warnings`` are the report lines: tags moved
  ///   or deleted on the server, mirrors read as they are after a failed fetch).
  /// - Throws: ``ExitCode`` 2 when a fetch fails (and, with `--offline-ok`, left no mirror to
  ///   read), after saying which and what to do; ``InputError`` for `components.yaml`.
  @discardableResult
  func fetchIfAsked(root: URL, only names: [String] = [], recordingMoves: Bool = true) throws
    -> [MirrorFetch]
  {
    guard fetch else { return [] }
    let catalog = try Estate.loadCatalog(root: root)
    let chosen =
      names.isEmpty ? Array(catalog.components.values) : try names.map(catalog.component(named:))
    let outcomes = limits.fetchMirrors(of: chosen, root: root)
    for outcome in outcomes { Console.error(outcome.text) }
    let stopping = outcomes.filter { $0.failure != nil && !(offlineOK && $0.mirrorIsUsable) }
    if !stopping.isEmpty {
      let hint =
        offlineOK
        ? "it has no mirror fetched before to fall back on"
        : "check the URL and the credentials, or give --offline-ok to read the mirror as it is"
      Console.error(
        "baseline: error: fetching \(stopping.map { Terminal.line($0.url) }.joined(separator: ", "))"
          + " failed; \(hint); nothing was checked\n")
      throw ExitCode(2)
    }
    // A command without a run of its own (tags, hotfixes, lint, notes, diff) records the moves
    // its fetch found in the estate's history, when there is one: a move is never used up
    // unrecorded (report and verify record them with their run).
    if recordingMoves, !RecordedTagMove.all(in: outcomes).isEmpty,
      let history = try HistoryOptions.resolve(nil, root: root), HistoryStores.exists(history)
    {
      let store = try HistoryStores.open(history)
      defer { store.close() }
      try FetchLimits.recordMoves(
        of: outcomes, in: store, estateCommit: ComponentRepositories().estateCommit(root: root))
    }
    return outcomes
  }
}
