/// What changed in an environment since the previous run the history recorded.
public struct PictureChange: Sendable, Hashable, Codable {
  /// When the previous run was, as recorded (UTC, ISO 8601).
  public let previousRun: String
  /// Each component whose release or commit changed: `component`, `before`, `after` (release
  /// and short commit, or `absent`).
  public let deployments: [DeploymentChange]
  /// Findings open now that were not open after the previous run (messages).
  public let newFindings: [String]
  /// Findings open after the previous run that are not now (messages).
  public let resolvedFindings: [String]

  /// Makes a value.
  public init(
    previousRun: String, deployments: [DeploymentChange], newFindings: [String],
    resolvedFindings: [String]
  ) {
    self.previousRun = previousRun
    self.deployments = deployments
    self.newFindings = newFindings
    self.resolvedFindings = resolvedFindings
  }
}

/// One component's deployment before and after (``PictureChange``).
public struct DeploymentChange: Sendable, Hashable, Codable {
  /// The component.
  public let component: String
  /// What ran at the previous run: `1.2.0.0 (abc1234)`, or `absent`.
  public let before: String
  /// What runs now, the same way.
  public let after: String

  /// Makes a value.
  public init(component: String, before: String, after: String) {
    self.component = component
    self.before = before
    self.after = after
  }
}
