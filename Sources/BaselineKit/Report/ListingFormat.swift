/// The forms of a listing: `tags` and `lint` print text for people or JSON (`--format`).
public enum ListingFormat: String, Sendable, CaseIterable {
  /// For people.
  case text
  /// The stable machine form (`baseline.tags/1`, `baseline.lint/1`).
  case json
}
