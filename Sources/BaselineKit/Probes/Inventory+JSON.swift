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

/// `baseline.inventory/1`; `probes`, `probe_failures` and `probe_conflicts` only when not empty.
private struct InventoryDocument: Encodable {
  let schema = Inventory.schema
  let environment: String
  let collectedAt: String
  let components: [EntryDocument]
  let probes: [ProbeRecordDocument]?
  let failures: [FailureDocument]?
  let conflicts: [ConflictDocument]?
  init(_ inventory: Inventory) {
    environment = inventory.environment
    collectedAt = Timestamp.string(inventory.collectedAt)
    components = inventory.components.map(EntryDocument.init)
    probes = inventory.probes.isEmpty ? nil : inventory.probes.map(ProbeRecordDocument.init)
    failures = inventory.failures.isEmpty ? nil : inventory.failures.map(FailureDocument.init)
    conflicts = inventory.conflicts.isEmpty ? nil : inventory.conflicts.map(ConflictDocument.init)
  }
  enum CodingKeys: String, CodingKey {
    case schema, environment, components
    case collectedAt = "collected_at"
    case failures = "probe_failures"
    case conflicts = "probe_conflicts"
    case probes
  }
}

private struct FailureDocument: Encodable {
  let probe: String
  let failure: String
  let stderr: String
  init(_ failure: Inventory.ProbeFailure) {
    (probe, self.failure, stderr) = (failure.probe, failure.failure, failure.standardError)
  }
}

/// An inventory entry; absent fields are left out.
private struct EntryDocument: Encodable {
  let name: String
  let version: String?
  let commit: String?
  let settings: [String: String]?
  let files: [String: FileDocument]?
  init(_ entry: Inventory.Entry) {
    (name, version, commit, settings) = (entry.name, entry.version, entry.commit, entry.settings)
    files = entry.files?.mapValues(FileDocument.init)
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
  let component: String
  let field: String
  let values: [String: String]
  init(_ conflict: Inventory.Conflict) {
    (component, field) = (conflict.component, conflict.field)
    values = Dictionary(conflict.values.map { ($0.probe, $0.value) }) { first, _ in first }
  }
}

/// A probe's outcome; `failure` and `exit_status` are left out when absent.
private struct ProbeRecordDocument: Encodable {
  let probe: String
  let status: String
  let failure: String?
  let exitStatus: Int32?
  let duration: Double
  let stderr: String
  init(_ record: Inventory.ProbeRecord) {
    (probe, status) = (record.probe, record.succeeded ? "ok" : "failed")
    (failure, exitStatus) = (record.failure, record.exitStatus)
    (duration, stderr) = (JSONText.seconds(record.duration), record.standardError)
  }
  enum CodingKeys: String, CodingKey {
    case probe, status, failure, stderr
    case exitStatus = "exit_status"
    case duration = "duration_seconds"
  }
}
