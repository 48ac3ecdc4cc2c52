public import Foundation

/// The outcome of running one probe for one environment.
public struct ProbeRun: Sendable, Hashable, Codable {
  /// The probe's name (its file name under `Probes/`).
  public let probe: String
  /// The environment it was run for.
  public let environment: String
  /// The inventory it printed, or `nil` when it failed.
  public let inventory: Inventory?
  /// Why it failed, for people: `exit 3: connection refused`, `timed out after 60 s`, …
  public let failure: String?
  /// The exit status, when it exited; `nil` when killed or never started.
  public let exitStatus: Int32?
  /// Wall time in seconds.
  public let duration: TimeInterval
  /// The end of what it wrote to standard error (at most 4 KiB), kept for the finding.
  public let standardError: String
  /// The saved inventory this outcome was read from (`--inventory`), as given; `nil` for a
  /// probe run now.
  public let savedIn: String?

  /// Makes a probe outcome (tests hand these to the comparison directly).
  public init(
    probe: String, environment: String, inventory: Inventory?, failure: String? = nil,
    exitStatus: Int32? = 0, duration: TimeInterval = 0, standardError: String = "",
    savedIn: String? = nil
  ) {
    self.savedIn = savedIn
    self.probe = probe
    self.environment = environment
    self.inventory = inventory
    self.failure = failure
    self.exitStatus = exitStatus
    self.duration = duration
    self.standardError = standardError
  }
}
