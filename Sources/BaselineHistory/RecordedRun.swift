public import Foundation

/// The run being recorded: when, by which command and version, at which estate commit, and
/// which tags its fetch found moved on the server.
public struct RecordedRun: Sendable, Hashable {
  /// When the report was made (its `generated_at`).
  public let time: Date
  /// `report`, `verify` or `fetch`.
  public let command: String
  /// Baseline's version.
  public let toolVersion: String
  /// The estate repository's `HEAD` commit, when the estate is in git.
  public let estateCommit: String?
  /// The release tags the run's fetch (`--fetch`, or `baseline fetch`) found moved or deleted
  /// on the server.
  public let tagMoves: [RecordedTagMove]

  /// Makes a run.
  public init(
    time: Date, command: String, toolVersion: String, estateCommit: String?,
    tagMoves: [RecordedTagMove] = []
  ) {
    self.time = time
    self.command = command
    self.toolVersion = toolVersion
    self.estateCommit = estateCommit
    self.tagMoves = tagMoves
  }
}
