import ArgumentParser

/// How probes run.
struct ProbeOptions: ParsableArguments {
  @Option(name: .long, help: "Seconds a probe may run before it is stopped (at most a day).")
  var probeTimeout: Double = 60

  func validate() throws {
    guard probeTimeout.isFinite, probeTimeout > 0, probeTimeout <= 86400 else {
      throw ValidationError(
        "--probe-timeout must be a number of seconds above 0 and at most 86400, "
          + "found \(probeTimeout)")
    }
  }
}
