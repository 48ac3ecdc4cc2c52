public import Foundation

/// What probes observed in one environment (`baseline.inventory/1`).
public struct Inventory: Sendable, Hashable, Codable {
  /// The environment the inventory describes.
  public let environment: String
  /// When it was collected.
  public let collectedAt: Date
  /// What each component was seen to be, in the order reported.
  public let components: [Entry]

  /// One component as observed; every field is optional, a probe reports what it can see.
  public struct Entry: Sendable, Hashable, Codable {
    /// The component's name.
    public let name: String
    /// The release it claims to run, as reported.
    public let version: String?
    /// The commit it runs: a full or abbreviated id, or a branch, as reported.
    public let commit: String?
    /// Configuration items, key to value; `nil` when the probe reports none at all.
    public let settings: [String: String]?
    /// Configuration files, path to digest; `nil` when the probe reports none.
    public let files: [String: FileDigest]?

    /// Makes an entry.
    public init(
      name: String, version: String? = nil, commit: String? = nil,
      settings: [String: String]? = nil, files: [String: FileDigest]? = nil
    ) {
      self.name = name
      self.version = version
      self.commit = commit
      self.settings = settings
      self.files = files
    }
  }

  /// Probes that failed while this inventory was collected (`probe_failures`), so that a
  /// saved inventory keeps the environment `incomplete` when it is compared later.
  public let failures: [ProbeFailure]

  /// Disagreements between probes (`probe_conflicts`), kept in a saved inventory so that a
  /// later report still says `inventory_conflict` instead of settling on one value.
  public let conflicts: [Conflict]

  /// Probes that reported different values for one field of one component.
  public struct Conflict: Sendable, Hashable, Codable {
    /// The component.
    public let component: String
    /// The field: `version`, `commit`, `settings.<key>` or `files.<path>`.
    public let field: String
    /// Each probe's value.
    public let values: [ReportedValue]

    /// Makes a conflict record.
    public init(component: String, field: String, values: [ReportedValue]) {
      self.component = component
      self.field = field
      self.values = values
    }
  }

  /// One probe's value of a field.
  public struct ReportedValue: Sendable, Hashable, Codable {
    /// The probe.
    public let probe: String
    /// What it reported.
    public let value: String

    /// Makes a value record.
    public init(probe: String, value: String) {
      self.probe = probe
      self.value = value
    }
  }

  /// A probe that gave no inventory, as recorded in a saved inventory.
  public struct ProbeFailure: Sendable, Hashable, Codable {
    /// The probe's name.
    public let probe: String
    /// Why it failed (`exit 3: connection refused`).
    public let failure: String
    /// The end of its standard error.
    public let standardError: String

    /// Makes a failure record.
    public init(probe: String, failure: String, standardError: String = "") {
      self.probe = probe
      self.failure = failure
      self.standardError = standardError
    }
  }

  /// How each probe went (`probes`), in a saved inventory written by `baseline probe`;
  /// empty in one a probe printed.
  public let probes: [ProbeRecord]

  /// Makes an inventory.
  public init(
    environment: String, collectedAt: Date, components: [Entry], failures: [ProbeFailure] = [],
    conflicts: [Conflict] = [], probes: [ProbeRecord] = []
  ) {
    self.environment = environment
    self.collectedAt = collectedAt
    self.components = components
    self.failures = failures
    self.conflicts = conflicts
    self.probes = probes
  }
}
