/// A result printed as text or JSON.
public protocol RenderedListing {
  /// The form for people.
  func text() -> String
  /// The stable machine form.
  func json() -> String
}

extension RenderedListing {
  /// The listing in one of its forms.
  /// - Parameter format: the form.
  /// - Returns: the text to print.
  public func rendered(as format: ListingFormat) -> String {
    format == .json ? json() : text()
  }
}

extension TagListing: RenderedListing {}
extension LintReport: RenderedListing {}
