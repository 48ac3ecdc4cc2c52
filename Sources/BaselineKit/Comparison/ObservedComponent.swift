import Git

/// One component as all of an environment's probes saw it together.
///
/// Probes may report different fields of one component (one the release, another the
/// settings); those are merged. Where two probes report different values for one field, that
/// is an `inventory_conflict` finding carrying both values, and the field is left out of the
/// comparison rather than settled by a silent choice.
struct ObservedComponent: Sendable {
  var version: String?
  var commit: String?
  var settings: [String: String]?
  var files: [String: FileDigest]?
  var sources: [String] = []
  var conflictedSettings: Set<String> = []
  /// Whether the version or the commit was left out because probes disagree on it.
  var releaseConflicted = false
  var conflictedFiles: Set<String> = []

  struct Merged {
    var components: [String: ObservedComponent] = [:]
    var order: [String] = []
    var conflicts: [Finding] = []
    /// The same disagreements as values, for a saved inventory to keep.
    var records: [Inventory.Conflict] = []
  }

  /// Merges the inventories of an environment's probes, given as (probe, inventory).
  static func merge(_ inventories: [(String, Inventory)]) -> Merged {
    var merged = Merged()
    // (component, field) -> [(probe, value)]
    var seen: [String: [String: [(String, String)]]] = [:]
    for (probe, inventory) in inventories {
      for entry in inventory.components {
        if merged.components[entry.name] == nil {
          merged.components[entry.name] = ObservedComponent()
          merged.order.append(entry.name)
        }
        var fields: [(String, String)] = []
        if let version = entry.version { fields.append(("version", version)) }
        if let commit = entry.commit { fields.append(("commit", commit)) }
        for (key, value) in entry.settings ?? [:] { fields.append(("settings.\(key)", value)) }
        for (path, digest) in entry.files ?? [:] { fields.append(("files.\(path)", digest.digest)) }
        let recorded = Set(
          inventory.conflicts.filter { $0.component == entry.name }.map(\.field))
        for (field, value) in fields where !recorded.contains(field) {
          seen[entry.name, default: [:]][field, default: []].append((probe, value))
        }
        var component = merged.components[entry.name] ?? ObservedComponent()
        component.sources.append(probe)
        component.version = component.version ?? entry.version
        component.commit = component.commit ?? entry.commit
        if let settings = entry.settings {
          component.settings = (component.settings ?? [:]).merging(settings) { first, _ in first }
        }
        if let files = entry.files {
          component.files = (component.files ?? [:]).merging(files) { first, _ in first }
        }
        merged.components[entry.name] = component
      }
      // Disagreements recorded in a saved inventory count as if the probes disagreed now.
      for conflict in inventory.conflicts {
        if merged.components[conflict.component] == nil {
          merged.components[conflict.component] = ObservedComponent()
          merged.order.append(conflict.component)
        }
        seen[conflict.component, default: [:]][conflict.field, default: []] +=
          conflict.values.map { ($0.probe, $0.value) }
      }
    }
    for name in merged.order {
      guard var component = merged.components[name] else { continue }
      for (field, values) in (seen[name] ?? [:]).sorted(by: { $0.key < $1.key })
      where Set(values.map { Array($0.1.utf8) }).count > 1 {
        merged.conflicts.append(.inventoryConflict(component: name, field: field, values: values))
        merged.records.append(
          Inventory.Conflict(
            component: name, field: field,
            values: values.map { Inventory.ReportedValue(probe: $0.0, value: $0.1) }))
        switch field {
        case "version":
          component.version = nil
          component.releaseConflicted = true
        case "commit":
          component.commit = nil
          component.releaseConflicted = true
        default:
          if field.hasPrefix("settings.") {
            component.conflictedSettings.insert(String(field.dropFirst(9)))
          }
          if field.hasPrefix("files.") {
            component.conflictedFiles.insert(String(field.dropFirst(6)))
          }
        }
      }
      merged.components[name] = component
    }
    return merged
  }
}
