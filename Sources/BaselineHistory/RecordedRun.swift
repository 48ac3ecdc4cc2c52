public import Foundation

/// The run being recorded: when, by which command and version, and at which estate commit.
public struct RecordedRun: Sendable, Hashable {
  /// When the report was made (its `generated_at`).
  public let time: Date
  /// `report` or `verify`.
  public let command: String
  /// Baseline's version.
  public let toolVersion: String
  /// The estate repository's `HEAD` commit, when the estate is in git.
  public let estateCommit: String?

  /// Makes a run.
  public init(time: Date, command: String, toolVersion: String, estateCommit: String?) {
    self.time = time
    self.command = command
    self.toolVersion = toolVersion
    self.estateCommit = estateCommit
  }
}
