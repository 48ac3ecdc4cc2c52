public import Foundation

/// What the run history says of one finding of a report: whether it is new, and since when it
/// has lasted. Made by a history store (`BaselineHistory`) when the run is recorded.
public struct FindingHistory: Sendable, Hashable, Codable {
  /// Where a finding stands against the environment's earlier runs.
  public enum State: String, Sendable, Hashable, Codable, CaseIterable {
    /// Never seen before in this environment.
    case new
    /// Open since an earlier run of this environment, not cleared in between.
    case known
    /// Seen before, cleared, and back again.
    case reopened
  }

  /// The state.
  public let state: State
  /// When a finding of this identity (``Finding/identity``) was first seen in this
  /// environment (the run's time, UTC).
  public let firstSeen: Date
  /// When its current, unbroken period began: equal to ``firstSeen`` unless it was cleared
  /// and came back.
  public let since: Date
  /// The time of the run that saw it now (its report's `generated_at`).
  public let seenAt: Date

  /// Makes an entry.
  public init(state: State, firstSeen: Date, since: Date, seenAt: Date) {
    self.state = state
    self.firstSeen = firstSeen
    self.since = since
    self.seenAt = seenAt
  }

  /// Whether it should be shown first and counts for `--fail-on new`: new or reopened.
  public var isNew: Bool { state != .known }
}
