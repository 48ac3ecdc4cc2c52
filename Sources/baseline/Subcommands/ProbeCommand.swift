import ArgumentParser
import BaselineKit

/// `baseline probe`: one environment's merged inventory.
struct ProbeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract: "Run an environment's probes and print the merged inventory (baseline.inventory/1).",
    discussion: """
      Exit 0 when every probe gave an inventory and they agree, 1 when a probe failed or two \
      disagree (said on standard error), 2 could not run.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @OptionGroup var environmentOption: SingleEnvironmentOption

  @OptionGroup var outputOptions: OutputOptions

  @OptionGroup var probeOptions: ProbeOptions

  func validate() throws {
    try outputOptions.refuseForms(writing: "an inventory (baseline.inventory/1)")
  }

  func run() throws {
    estateOptions.prepare()
    let environment = environmentOption.environment
    let observation = try Observation.collect(
      root: estateOptions.rootURL, environments: [environment], inventories: [],
      timeout: probeOptions.probeTimeout, jobs: probeOptions.jobs)
    let collected = CollectedInventory(runs: observation.runs, environment: environment)
    try outputOptions.emit(collected.inventory.json())
    for problem in collected.problems {
      Console.error("baseline: \(problem)\n")
    }
    outputOptions.announce(collected.summary)
    throw ExitCode(collected.exitCode)
  }
}
