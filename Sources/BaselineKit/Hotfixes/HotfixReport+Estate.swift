extension HotfixReport {
  /// Analyses the emergency releases of an estate's components (`baseline hotfixes`).
  /// - Parameters:
  ///   - estate: the estate's catalogue.
  ///   - names: the components to analyse, in the order given (repeats once); empty: every
  ///     component, in name order.
  ///   - repositories: where component repositories are opened.
  /// - Returns: the report, one entry per component analysed.
  /// - Throws: ``InputError`` for a name that is no component; ``RepositoryError`` when a
  ///   repository cannot be read.
  public static func analyse(
    _ estate: Estate, components names: [String],
    repositories: ComponentRepositories = ComponentRepositories()
  ) throws -> HotfixReport {
    var chosen = names.isEmpty ? estate.components.keys.sorted() : []
    for name in names where !chosen.contains(name) { chosen.append(name) }
    var results: [ComponentHotfixes] = []
    for name in chosen {
      results.append(
        try HotfixAnalysis.analyse(try estate.component(named: name), from: repositories))
    }
    return HotfixReport(components: results)
  }
}
