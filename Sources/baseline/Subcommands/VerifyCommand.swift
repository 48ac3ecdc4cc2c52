import ArgumentParser
import BaselineKit

/// `baseline verify`: control point 3's Go / No-Go with evidence, for one environment.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Control point 3: GO / NO-GO, with evidence, that an environment is at its baseline.",
    discussion: """
      GO only when every probe ran and agrees, the inventory is fresh, every baselined release \
      is well formed and tagged, every pin holds, every component runs exactly its baselined \
      tagged build, nothing is untagged, every setting and file is as declared, no emergency \
      fix would be lost and no accepted deviation has expired. A check that could not be made \
      says so (not applicable, or version only) and never passes by default. Accepted \
      deviations are listed, not counted. --format markdown is the evidence pack for the \
      Board. Exit 0 GO, 1 NO-GO, 2 could not run.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @Option(name: .customLong("env"), help: "The environment to verify (exactly one).")
  var environments: [String] = []

  @Option(
    name: .customLong("release"),
    help: "The programme release the baseline must be declared for (release: in the baseline).")
  var release: String?

  @Option(
    name: .customLong("inventory"),
    help: "Judge this saved inventory instead of running probes (repeatable).")
  var inventories: [String] = []

  @Option(name: .long, help: "text (for people), json (baseline.verify/1) or markdown (evidence).")
  var format: Verification.Format = .text

  @OptionGroup var outputOptions: OutputOptions

  @OptionGroup var probeOptions: ProbeOptions

  func validate() throws {
    // One decision per run: a second --env silently replacing the first could turn a gate
    // meant for two environments into a GO for one.
    guard Set(environments).count == 1 else {
      throw ValidationError(
        environments.isEmpty
          ? "verify needs --env ENV" : "verify decides for one environment; run it once per --env")
    }
  }

  func run() throws {
    estateOptions.prepare()
    let observation = try Observation.collect(
      root: estateOptions.rootURL, environments: environments, inventories: inventories,
      timeout: probeOptions.probeTimeout)
    let verification = try Verification.decide(
      observation, requiredRelease: release, commandLine: CommandLine.arguments)
    try outputOptions.emit(verification.rendered(as: format))
    outputOptions.announce(
      "\(verification.environment) \(verification.decision.rawValue): \(verification.summary); "
        + "exit \(verification.exitCode)")
    throw ExitCode(verification.exitCode)
  }
}
