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
