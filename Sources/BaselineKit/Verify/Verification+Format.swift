extension Verification {
  /// The forms of the Go / No-Go (`verify --format`).
  public enum Format: String, Sendable, CaseIterable {
    /// For people.
    case text
    /// The stable machine form (`baseline.verify/1`).
    case json
    /// The evidence pack for the Board.
    case markdown
  }

  /// The decision and its evidence in one of its forms.
  public func rendered(as format: Format) -> String {
    switch format {
    case .text: return text()
    case .json: return json()
    case .markdown: return markdown()
    }
  }
}
