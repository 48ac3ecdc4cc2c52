public import Foundation

extension Inventory {
  /// How one probe went, as a saved inventory records it (`probes`), so that a report made
  /// later from the file shows the same probes, outcomes, durations and standard error as the
  /// run that saved it.
  public struct ProbeRecord: Sendable, Hashable, Codable {
    /// The probe's name (its file name under `Probes/`).
    public let probe: String
    /// Why it failed; `nil` when it gave an inventory.
    public let failure: String?
    /// Its exit status, when it exited.
    public let exitStatus: Int32?
    /// Wall time in seconds.
    public let duration: TimeInterval
    /// The end of its standard error (at most 4 KiB).
    public let standardError: String

    /// Whether the probe gave an inventory.
    public var succeeded: Bool { failure == nil }

    /// Makes a record.
    public init(
      probe: String, failure: String?, exitStatus: Int32?, duration: TimeInterval,
      standardError: String
    ) {
      self.probe = probe
      self.failure = failure
      self.exitStatus = exitStatus
      self.duration = duration
      self.standardError = standardError
    }

    /// The record of a probe run.
    public init(_ run: ProbeRun) {
      self.init(
        probe: run.probe, failure: run.inventory == nil ? (run.failure ?? "no inventory") : nil,
        exitStatus: run.exitStatus, duration: run.duration, standardError: run.standardError)
    }
  }
}
