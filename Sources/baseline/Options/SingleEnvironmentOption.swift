import ArgumentParser

/// `--env ENV` for the commands that act on exactly one environment (`probe`, `verify`).
///
/// ArgumentParser keeps the last of a repeated single-value option; a second `--env` silently
/// replacing the first could print the inventory, or turn a gate meant for two environments
/// into a GO, of one nobody meant. So the option collects every value and a count other than
/// one is a usage error (exit 2).
struct SingleEnvironmentOption: ParsableArguments {
  @Option(name: .customLong("env"), help: "The environment (exactly one).")
  var environments: [String] = []

  /// The environment given.
  var environment: String { environments.first ?? "" }

  func validate() throws {
    guard Set(environments).count == 1 else {
      throw ValidationError(
        environments.isEmpty
          ? "--env ENV is needed: this command works on exactly one environment"
          : "--env was given \(environments.count) times: this command works on one "
            + "environment; run it once per --env")
    }
  }
}
