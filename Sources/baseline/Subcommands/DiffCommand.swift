import ArgumentParser
import BaselineKit

/// `baseline diff FROM TO`: what a change to a baseline, or a promotion, would change.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "What changing one baseline (or what an environment runs) into another would change.",
    discussion: """
      Each side is ENV (its baseline), ENV@REVISION (its baseline at a revision of the estate's \
      git repository, or as last declared with release: REVISION, e.g. SIT-A@R3) or \
      ENV:deployed (what it runs now, from its probes or --inventory files). Per component: \
      the release before and after and the type of the step, the commits and the defects and \
      change requests between them either way, settings and files, and every emergency fix \
      the change would drop. Exit 0 the same, 1 they differ, 2 could not run.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @OptionGroup var fetchOptions: FetchOptions

  @Argument(help: "The side now: ENV, ENV@REVISION or ENV:deployed.")
  var from: String

  @Argument(help: "The side proposed: ENV, ENV@REVISION or ENV:deployed.")
  var to: String

  @Option(
    name: .long, help: "text (for people), json (baseline.diff/1) or markdown (for the Board).")
  var format: DocumentFormat = .text

  @OptionGroup var outputOptions: OutputOptions

  @OptionGroup var observationOptions: ObservationOptions

  func validate() throws {
    try outputOptions.check(DocumentFormat.self)
    try outputOptions.refuseOverwriting(observationOptions.inventories)
  }

  func run() throws {
    estateOptions.prepare()
    try fetchOptions.fetchIfAsked(root: estateOptions.rootURL)
    let repositories = estateOptions.repositories
    let specs = [try DiffSideSpec(from), try DiffSideSpec(to)]
    let deployed = specs.filter(\.isDeployed).map(\.environment)
    var estate = try Estate.loadCatalog(root: estateOptions.rootURL)
    var reports: [String: EnvironmentReport] = [:]
    var runs: [ProbeRun] = []
    if !deployed.isEmpty {
      let observation = try observationOptions.observe(
        root: estateOptions.rootURL, environments: deployed)
      estate = observation.estate
      runs = observation.runs
      let report = try DriftCheck(estate: estate, repositories: repositories).report(runs: runs)
      for environment in report.environments { reports[environment.environment] = environment }
    }
    var sides: [DiffSide] = []
    for (spec, text) in zip(specs, [from, to]) {
      if spec.isDeployed, let report = reports[spec.environment] {
        sides.append(
          DiffSide.deployed(
            report, runs: runs.filter { $0.environment == spec.environment }, spec: text))
      } else {
        sides.append(
          try DiffSide.declared(spec, typed: text, estate: estate, repositories: repositories))
      }
    }
    let diff = try BaselineDiff.compare(
      sides[0], sides[1], estate: estate, repositories: repositories)
    try outputOptions.emit(format) { diff.rendered(as: $0) }
    throw ExitCode(diff.exitCode)
  }
}
