extension HotfixReport {
  /// The forms of the hotfix report (`hotfixes --format`).
  public enum Format: String, Sendable, CaseIterable {
    /// For people.
    case text
    /// The stable machine form (`baseline.hotfixes/1`).
    case json
    /// A Markdown page.
    case markdown
  }

  /// The report in one of its forms.
  public func rendered(as format: Format) -> String {
    switch format {
    case .text: return text()
    case .json: return json()
    case .markdown: return markdown()
    }
  }
}
