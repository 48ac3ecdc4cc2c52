public import Foundation

extension Verification {
  /// Makes the decision for an observed environment, as `baseline verify` does: compares it
  /// (``DriftCheck``), reads the estate's provenance, and decides.
  /// - Parameters:
  ///   - observation: one environment's baseline and probe outcomes (or saved inventories).
  ///   - requiredRelease: the programme release the baseline must be declared for (`--release`).
  ///   - commandLine: the command line, recorded in the evidence.
  ///   - now: the time of the decision.
  ///   - repositories: where repositories are opened.
  /// - Returns: the decision with its evidence.
  /// - Throws: ``InputError`` when the observation holds no baseline; ``RepositoryError`` when
  ///   a component's repository cannot be read.
  public static func decide(
    _ observation: Observation, requiredRelease: String?, commandLine: [String] = [],
    now: Date = Date(), repositories: ComponentRepositories = ComponentRepositories()
  ) throws -> Verification {
    guard let baseline = observation.estate.baselines.first else {
      throw InputError(file: "Baselines/", message: "no baseline to verify")
    }
    let report = try DriftCheck(estate: observation.estate, repositories: repositories)
      .report(runs: observation.runs, now: now)
    guard let judged = report.environments.first else {
      throw InputError(file: baseline.file, message: "nothing was compared")
    }
    var evidence = Evidence.collect(
      estate: observation.estate, baseline: baseline, time: now, repositories: repositories)
    evidence.inventories = observation.savedInventories
    evidence.commandLine = commandLine
    return Verification(
      report: judged, baseline: baseline, requiredRelease: requiredRelease, evidence: evidence,
      warnings: report.warnings)
  }
}
