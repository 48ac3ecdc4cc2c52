/// The forms of a document that people read and scripts parse: the Go / No-Go of `verify` and
/// the hotfix report (`--format`).
public enum DocumentFormat: String, Sendable, CaseIterable {
  /// For people.
  case text
  /// The stable machine form (its schema is named in the document).
  case json
  /// A Markdown page: the evidence pack for the Board, a wiki page.
  case markdown
}
