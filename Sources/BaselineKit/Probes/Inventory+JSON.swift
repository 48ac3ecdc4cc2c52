public import Foundation

extension Inventory {
  /// Merges the inventories of one environment's probes into one (the form `baseline probe`
  /// prints and `baseline report --inventory` reads back).
  ///
  /// Fields reported by one probe are combined with those of others; where probes disagree the
  /// first probe's value is kept and the disagreement is returned as `inventory_conflict`
  /// findings, so that the caller can say so. The collection time is the oldest one.
  /// Probes that failed are kept as `probe_failures`, so that a report made later from the
  /// saved inventory still says the environment is incomplete.
  /// - Parameters:
  ///   - runs: the probe outcomes of one environment.
  ///   - environment: the environment's name.
  ///   - now: the collection time when no probe gave an inventory.
  /// - Returns: the merged inventory and the disagreements between probes.
  public static func merged(_ runs: [ProbeRun], environment: String, now: Date = Date()) -> (
    inventory: Inventory, conflicts: [Finding]
  ) {
    let inventories = runs.compactMap { run in run.inventory.map { (run.probe, $0) } }
    let oldest = inventories.map(\.1.collectedAt).min() ?? now
    let failures = runs.flatMap { run in
      run.inventory.map(\.failures)
        ?? [
          ProbeFailure(
            probe: run.probe, failure: run.failure ?? "no inventory",
            standardError: run.standardError)
        ]
    }
    let merged = ObservedComponent.merge(inventories)
    let byName = inventories.map { _, inventory in
      Dictionary(
        inventory.components.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
    var entries: [Entry] = []
    for name in merged.order {
      // Take the first reported value of each field, conflicts included, so nothing is lost.
      var version: String?
      var commit: String?
      var settings: [String: String]?
      var files: [String: FileDigest]?
      for index in inventories.indices {
        guard let entry = byName[index][name] else { continue }
        version = version ?? entry.version
        commit = commit ?? entry.commit
        if let more = entry.settings { settings = (settings ?? [:]).merging(more) { a, _ in a } }
        if let more = entry.files { files = (files ?? [:]).merging(more) { a, _ in a } }
      }
      entries.append(
        Entry(name: name, version: version, commit: commit, settings: settings, files: files))
    }
    return (
      Inventory(
        environment: environment, collectedAt: oldest, components: entries, failures: failures,
        conflicts: merged.records, probes: runs.map(ProbeRecord.init)),
      merged.conflicts
    )
  }

  /// The inventory as `baseline.inventory/1` JSON.
  public func json() -> String {
    JSONText.encode(InventoryDocument(self))
  }
}

private struct InventoryDocument: Encodable {
  let inventory: Inventory
  init(_ inventory: Inventory) { self.inventory = inventory }
  enum CodingKeys: String, CodingKey {
    case schema, environment, components
    case collectedAt = "collected_at"
    case failures = "probe_failures"
    case conflicts = "probe_conflicts"
    case probes
  }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Inventory.schema, forKey: .schema)
    try container.encode(inventory.environment, forKey: .environment)
    try container.encode(Timestamp.string(inventory.collectedAt), forKey: .collectedAt)
    try container.encode(inventory.components.map(EntryDocument.init), forKey: .components)
    if !inventory.probes.isEmpty {
      try container.encode(inventory.probes.map(ProbeRecordDocument.init), forKey: .probes)
    }
    if !inventory.failures.isEmpty {
      try container.encode(inventory.failures.map(FailureDocument.init), forKey: .failures)
    }
    if !inventory.conflicts.isEmpty {
      try container.encode(inventory.conflicts.map(ConflictDocument.init), forKey: .conflicts)
    }
  }
}

private struct FailureDocument: Encodable {
  let failure: Inventory.ProbeFailure
  init(_ failure: Inventory.ProbeFailure) { self.failure = failure }
  enum CodingKeys: String, CodingKey { case probe, failure, stderr }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(failure.probe, forKey: .probe)
    try container.encode(failure.failure, forKey: .failure)
    try container.encode(failure.standardError, forKey: .stderr)
  }
}

private struct EntryDocument: Encodable {
  let entry: Inventory.Entry
  init(_ entry: Inventory.Entry) { self.entry = entry }
  enum CodingKeys: String, CodingKey { case name, version, commit, settings, files }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(entry.name, forKey: .name)
    try container.encodeIfPresent(entry.version, forKey: .version)
    try container.encodeIfPresent(entry.commit, forKey: .commit)
    try container.encodeIfPresent(entry.settings, forKey: .settings)
    if let files = entry.files {
      try container.encode(files.mapValues(FileDocument.init), forKey: .files)
    }
  }
}

private struct FileDocument: Encodable {
  let digest: FileDigest
  init(_ digest: FileDigest) { self.digest = digest }
  enum CodingKeys: String, CodingKey {
    case digest
    case normalizedDigest = "normalized_digest"
  }
  func encode(to encoder: any Encoder) throws {
    guard let normalized = digest.normalizedDigest else {
      var single = encoder.singleValueContainer()
      try single.encode(digest.digest)
      return
    }
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(digest.digest, forKey: .digest)
    try container.encode(normalized, forKey: .normalizedDigest)
  }
}

private struct ConflictDocument: Encodable {
  let conflict: Inventory.Conflict
  init(_ conflict: Inventory.Conflict) { self.conflict = conflict }
  enum CodingKeys: String, CodingKey { case component, field, values }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(conflict.component, forKey: .component)
    try container.encode(conflict.field, forKey: .field)
    try container.encode(
      Dictionary(conflict.values.map { ($0.probe, $0.value) }, uniquingKeysWith: { a, _ in a }),
      forKey: .values)
  }
}

private struct ProbeRecordDocument: Encodable {
  let record: Inventory.ProbeRecord
  init(_ record: Inventory.ProbeRecord) { self.record = record }
  enum CodingKeys: String, CodingKey {
    case probe, status, failure, stderr
    case exitStatus = "exit_status"
    case duration = "duration_seconds"
  }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(record.probe, forKey: .probe)
    try container.encode(record.succeeded ? "ok" : "failed", forKey: .status)
    try container.encodeIfPresent(record.failure, forKey: .failure)
    try container.encodeIfPresent(record.exitStatus, forKey: .exitStatus)
    try container.encode(JSONText.seconds(record.duration), forKey: .duration)
    try container.encode(record.standardError, forKey: .stderr)
  }
}
