public import Foundation

/// The nightly drift report: every chosen environment judged against its baseline.
public struct DriftReport: Sendable, Hashable, Codable {
  /// The schema name of the JSON form.
  public static let schema = "baseline.report/1"
  /// When the report was made.
  public let generatedAt: Date
  /// One report per environment, in the order asked for.
  public let environments: [EnvironmentReport]
  /// Caveats about the components' tags (skipped tags, unparsed names, duplicates).
  public let warnings: [String]

  /// Makes a report from environment reports (``DriftCheck`` makes them from an estate).
  public init(generatedAt: Date, environments: [EnvironmentReport], warnings: [String]) {
    self.generatedAt = generatedAt
    self.environments = environments
    self.warnings = warnings
  }

  /// The findings that count, of all environments (accepted deviations left out).
  public var findingCount: Int { environments.reduce(0) { $0 + $1.openFindings.count } }

  /// The accepted deviations of all environments.
  public var acceptedCount: Int {
    environments.reduce(0) { $0 + $1.acceptedCount }
  }

  /// 0 when every environment is at its baseline (accepted deviations allowed), 1 when there
  /// are findings.
  public var exitCode: Int32 { exitCode(failingOn: failurePolicy ?? .any) }

  /// What makes the exit code 1 (`--fail-on`); `nil` is ``FailurePolicy/any``. Every form
  /// states the exit code this policy gives.
  public var failurePolicy: FailurePolicy?

  /// The findings that count and are new or reopened by the run history; every finding that
  /// counts when the run was not recorded.
  public var newFindingCount: Int {
    environments.reduce(0) { total, environment in
      guard let history = environment.history else { return total + environment.openFindings.count }
      return total
        + zip(environment.findings, history.findings).filter { $0.0.isOpen && $0.1.isNew }.count
    }
  }

  /// The exit code under `policy`: with ``FailurePolicy/new``, 1 only for new or reopened
  /// findings.
  public func exitCode(failingOn policy: FailurePolicy) -> Int32 {
    switch policy {
    case .any: return findingCount == 0 ? 0 : 1
    case .new: return newFindingCount == 0 ? 0 : 1
    }
  }
}
