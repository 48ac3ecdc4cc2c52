extension LintReport {
  /// The forms of the lint report (`lint --format`).
  public enum Format: String, Sendable, CaseIterable {
    /// For people.
    case text
    /// The stable machine form (`baseline.lint/1`).
    case json
  }

  /// The report in one of its forms.
  public func rendered(as format: Format) -> String {
    format == .json ? json() : text()
  }
}
