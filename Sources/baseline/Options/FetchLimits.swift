import ArgumentParser
import BaselineHistory
import BaselineKit
import Foundation

/// How mirrors are fetched: how many at once, and for how long each.
struct FetchLimits: ParsableArguments {
  @Option(
    name: .long,
    help: """
      Seconds one fetch may take; past it the fetch fails naming its URL (a server that \
      accepts and never answers).
      """)
  var fetchTimeout: Double = MirrorFetch.defaultLimit

  @Option(name: .long, help: "How many mirrors are fetched at once.")
  var fetchJobs: Int = MirrorFetch.defaultWidth

  func validate() throws {
    guard fetchTimeout > 0, fetchTimeout.isFinite else {
      throw ValidationError("--fetch-timeout must be a positive number of seconds")
    }
    guard fetchJobs >= 1 else { throw ValidationError("--fetch-jobs must be at least 1") }
  }

  /// Fetches the mirrors of `components` that are named by URL, `.baseline/` under `root`
  /// made first (with its `.gitignore`) when the mirrors go there.
  func fetchMirrors(of components: [Component], root: URL) -> [MirrorFetch] {
    if ProcessInfo.processInfo.environment["BASELINE_MIRRORS"] == nil {
      try? HistoryLocation.prepare(root.appendingPathComponent(".baseline"))
    }
    return MirrorFetch.fetch(components, width: fetchJobs, limit: fetchTimeout)
  }

  /// Records the tags `outcomes` found moved or deleted on the server as a `fetch` run of
  /// `history`; nothing when none moved.
  /// - Throws: ``HistoryError`` when the history cannot be written.
  static func recordMoves(
    of outcomes: [MirrorFetch], in history: any HistoryStore, estateCommit: String?
  ) throws {
    let moves = RecordedTagMove.all(in: outcomes)
    guard !moves.isEmpty else { return }
    let now = Date()
    _ = try history.record(
      DriftReport(generatedAt: now, environments: [], warnings: []),
      run: RecordedRun(
        time: now, command: "fetch", toolVersion: BaselineTool.version,
        estateCommit: estateCommit, tagMoves: moves),
      decision: nil)
  }
}
