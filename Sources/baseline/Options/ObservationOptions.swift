import ArgumentParser
import BaselineKit
import Foundation

/// How `report` and `verify` observe environments: by running the probes, or from saved
/// inventories.
struct ObservationOptions: ParsableArguments {
  @Option(
    name: .customLong("inventory"),
    help: "Use this saved inventory (from probe --output) instead of running probes (repeatable).")
  var inventories: [String] = []

  @OptionGroup var probeOptions: ProbeOptions

  /// Observes the environments: runs their probes, or reads the saved inventories given.
  /// - Throws: ``InputError`` for bad estate files or inventories (see ``Observation``).
  func observe(root: URL, environments: [String]) throws -> Observation {
    // Progress only for a person watching: standard error a terminal, never in a log.
    var progress: (@Sendable (ProbeProgress) -> Void)?
    if isatty(STDERR_FILENO) == 1 {
      progress = { event in Console.error("baseline: " + event.line + "\n") }
    }
    return try Observation.collect(
      root: root, environments: environments, inventories: inventories,
      timeout: probeOptions.probeTimeout, jobs: probeOptions.jobs, progress: progress)
  }
}
