import ArgumentParser
import BaselineKit

/// How probes run.
struct ProbeOptions: ParsableArguments {
  @Option(name: .long, help: "Seconds a probe may run before it is stopped (at most a day).")
  var probeTimeout: Double = 60

  @Option(
    name: .long,
    help: "How many probes run at once (default: the number of cores).")
  var jobs: Int = ProbeRunner.defaultJobs

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, found \(jobs)") }
    guard probeTimeout.isFinite, probeTimeout > 0, probeTimeout <= 86400 else {
      throw ValidationError(
        "--probe-timeout must be a number of seconds above 0 and at most 86400, "
          + "found \(probeTimeout)")
    }
  }
}
