/// The forms a report can be printed in (`--format`).
public enum OutputFormat: String, Sendable, CaseIterable {
  /// Tables for people; colour only on a terminal.
  case text
  /// The stable machine form (`baseline.report/1`).
  case json
  /// A Markdown page, e.g. for a wiki or a pull request.
  case markdown
  /// JUnit XML, so that CI systems show each environment as a test suite.
  case junit
}
