public import Foundation

/// What the run history adds to one environment's report: each finding's state and age, and
/// what its previous run had that is gone.
public struct EnvironmentHistory: Sendable, Hashable, Codable {
  /// One entry per finding of the report, in the report's order.
  public let findings: [FindingHistory]
  /// The previous run's findings that are gone.
  public let resolved: [ResolvedFinding]
  /// Findings still open in the history that this run could not check (their component's
  /// state is unknown: a probe failed): neither seen nor resolved. `last_seen` is when they
  /// were last seen.
  public var unchecked: [ResolvedFinding] = []
  /// When the environment's previous recorded run was; `nil` for its first.
  public let previousRun: Date?

  /// Makes an entry.
  public init(findings: [FindingHistory], resolved: [ResolvedFinding], previousRun: Date?) {
    self.findings = findings
    self.resolved = resolved
    self.previousRun = previousRun
  }
}
