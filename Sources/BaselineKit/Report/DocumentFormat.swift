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

/// A result printed as text, JSON or Markdown.
public protocol RenderedDocument {
  /// The form for people.
  func text() -> String
  /// The stable machine form.
  func json() -> String
  /// The Markdown page.
  func markdown() -> String
}

extension RenderedDocument {
  /// The document in one of its forms.
  /// - Parameter format: the form.
  /// - Returns: the text to print.
  public func rendered(as format: DocumentFormat) -> String {
    switch format {
    case .text: return text()
    case .json: return json()
    case .markdown: return markdown()
    }
  }
}

extension Verification: RenderedDocument {}
extension HotfixReport: RenderedDocument {}
