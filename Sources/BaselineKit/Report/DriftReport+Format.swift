extension DriftReport {
  /// The forms of the drift report (`report --format`).
  public enum Format: String, Sendable, CaseIterable {
    /// Tables for people; colour only on a terminal.
    case text
    /// The stable machine form (`baseline.report/1`).
    case json
    /// A Markdown page, e.g. for a wiki or a pull request.
    case markdown
    /// JUnit XML, so that CI systems show each environment as a test suite.
    case junit
    /// The dashboard: one self-contained HTML page (``DriftReport/html(history:)``).
    case html
  }

  /// The report in one of its forms.
  /// - Parameters:
  ///   - format: the form.
  ///   - colour: whether text may use ANSI colours (a terminal, `NO_COLOR` unset).
  /// - Returns: the text to print.
  public func rendered(as format: Format, colour: Bool = false) -> String {
    switch format {
    case .text: return text(colour: colour)
    case .json: return json()
    case .markdown: return markdown()
    case .junit: return junit()
    case .html: return html()
    }
  }
}
