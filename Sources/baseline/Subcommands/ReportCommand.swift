import ArgumentParser
import BaselineKit

/// `baseline report`: the nightly drift report.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "The nightly drift report: is every environment at its baseline?",
    discussion: "Exit 0 every environment at baseline, 1 findings, 2 could not run.")

  @OptionGroup var estateOptions: EstateOptions

  @Option(name: .long, help: "text (for people), json (baseline.report/1), markdown or junit.")
  var format: DriftReport.Format = .text

  @OptionGroup var outputOptions: OutputOptions

  @Option(name: .customLong("env"), help: "An environment to check (repeatable); default: all.")
  var environments: [String] = []

  @OptionGroup var observationOptions: ObservationOptions

  func validate() throws {
    try outputOptions.refuseOverwriting(observationOptions.inventories)
  }

  func run() throws {
    estateOptions.prepare()
    let observation = try observationOptions.observe(
      root: estateOptions.rootURL, environments: environments)
    let report = try DriftCheck(
      estate: observation.estate, repositories: estateOptions.repositories
    ).report(runs: observation.runs)
    try outputOptions.emit(report.rendered(as: format, colour: outputOptions.colour))
    outputOptions.announce("\(report.summary); exit \(report.exitCode)")
    throw ExitCode(report.exitCode)
  }
}
