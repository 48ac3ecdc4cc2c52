extension TagListing {
  /// The forms of a tag listing (`tags --format`).
  public enum Format: String, Sendable, CaseIterable {
    /// For people.
    case text
    /// The stable machine form (`baseline.tags/1`).
    case json
  }

  /// The listing in one of its forms.
  public func rendered(as format: Format) -> String {
    format == .json ? json() : text()
  }
}
