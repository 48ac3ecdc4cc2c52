/// The tags of a repository and the warnings raised while reading them.
public struct TagScan: Sendable {
  /// Every tag that ends on a commit, sorted by name.
  public let tags: [TagInfo]
  /// Tags skipped (ending on a blob or tree, unreadable) and caveats (name inside the object
  /// differs from the reference).
  public let warnings: [TagWarning]

  /// Makes a scan from values (``Repository/tags()`` reads one from a repository; a test can
  /// hand one to the comparison without a repository on disk).
  /// - Parameters:
  ///   - tags: the tags, in any order; kept sorted by name, as a scan always is.
  ///   - warnings: the caveats.
  public init(tags: [TagInfo], warnings: [TagWarning] = []) {
    self.tags = tags.sorted { $0.name < $1.name }
    self.warnings = warnings
  }
}
