extension DriftReport {
  /// The same report with `extra` warnings after its own (what a fetch moved, how old each
  /// mirror is).
  public func adding(warnings extra: [String]) -> DriftReport {
    guard !extra.isEmpty else { return self }
    var copy = DriftReport(
      generatedAt: generatedAt, environments: environments, warnings: warnings + extra)
    copy.failurePolicy = failurePolicy
    return copy
  }
}
