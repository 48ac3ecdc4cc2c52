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

  @Option(name: .customLong("env"), help: "The environment whose probes to run (exactly one).")
  var environments: [String] = []

  @OptionGroup var outputOptions: OutputOptions

  @OptionGroup var probeOptions: ProbeOptions

  func validate() throws {
    // One inventory per run: a second --env silently replacing the first would print an
    // inventory of an environment nobody meant.
    guard Set(environments).count == 1 else {
      throw ValidationError(
        environments.isEmpty
          ? "probe needs --env ENV"
          : "probe prints one environment's inventory; run it once per --env")
    }
  }

  func run() throws {
    estateOptions.prepare()
    let environment = environments[0]
    let observation = try Observation.collect(
      root: estateOptions.rootURL, environments: [environment], inventories: [],
      timeout: probeOptions.probeTimeout)
    let collected = CollectedInventory(runs: observation.runs, environment: environment)
    try outputOptions.emit(collected.inventory.json())
    for problem in collected.problems {
      Console.error("baseline: \(problem)\n")
    }
    outputOptions.announce(collected.summary)
    throw ExitCode(collected.exitCode)
  }
}
