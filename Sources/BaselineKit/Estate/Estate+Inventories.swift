public import Foundation

extension Estate {
  /// Reads saved inventories (`--inventory FILE`) as probe outcomes, one per file, named after
  /// the file.
  /// - Parameter files: the inventory files.
  /// - Returns: one successful ``ProbeRun`` per file, for the environment the file names.
  /// - Throws: ``InputError`` for a file that cannot be read or is no valid inventory, or that
  ///   describes an environment this estate has no baseline for.
  public func savedInventories(_ files: [URL]) throws(InputError) -> [ProbeRun] {
    var runs: [ProbeRun] = []
    for url in files {
      let shown = url.path
      let inventory = try Inventory.parse(YAMLNode.readText(url, shownAs: shown), source: shown)
      runs.append(
        ProbeRun(
          probe: "file \(url.lastPathComponent)", environment: inventory.environment,
          inventory: inventory))

    }
    return runs
  }

  /// The same estate with only the baselines of `environments`.
  public func restricted(to environments: Set<String>) -> Estate {
    Estate(
      root: root, components: components,
      baselines: baselines.filter { environments.contains($0.environment) })
  }
}
