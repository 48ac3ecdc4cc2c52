import ArgumentParser
import BaselineHistory
import BaselineKit

/// `baseline report`: the nightly drift report.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "The nightly drift report: is every environment at its baseline?",
    discussion: "Exit 0 every environment at baseline, 1 findings, 2 could not run.")

  @OptionGroup var estateOptions: EstateOptions

  @OptionGroup var fetchOptions: FetchOptions

  @Option(
    name: .long,
    help: "text (for people), json (baseline.report/1), markdown, junit or html (the dashboard).")
  var format: DriftReport.Format = .text

  @OptionGroup var outputOptions: OutputOptions

  @Option(name: .customLong("env"), help: "An environment to check (repeatable); default: all.")
  var environments: [String] = []

  @OptionGroup var observationOptions: ObservationOptions

  @OptionGroup var historyOptions: HistoryOptions

  @Option(
    name: .customLong("fail-on"),
    help: """
      any (exit 1 on any finding) or new (exit 1 only on new or reopened findings, as the \
      run history says).
      """)
  var failOn: FailurePolicy = .any

  func validate() throws {
    try outputOptions.refuseOverwriting(observationOptions.inventories)
    try outputOptions.check(DriftReport.Format.self)
    // A wrong history: setting is reported by the run, as every input error is.
    for file in (try? historyOptions.files(root: estateOptions.rootURL)) ?? [] {
      try outputOptions.refuseOverwriting(history: file)
    }
    if failOn == .new, historyOptions.noHistory {
      throw ValidationError("--fail-on new needs the run history: drop --no-history")
    }
  }

  func run() throws {
    estateOptions.prepare()
    let fetched = try fetchOptions.fetchIfAsked(root: estateOptions.rootURL, recordingMoves: false)
    let history = try historyOptions.open(root: estateOptions.rootURL)
    let observation = try observationOptions.observe(
      root: estateOptions.rootURL, environments: environments)
    let repositories = estateOptions.repositories
    var report = try DriftCheck(estate: observation.estate, repositories: repositories)
      .report(runs: observation.runs)
    report = report.adding(
      warnings: fetched.flatMap(\.warnings)
        + MirrorFetch.ages(
          of: Array(observation.estate.components.values), now: report.generatedAt))
    // A run cut short by a signal is not recorded; a history that cannot be written costs
    // the record, not the report: it is written, then the run exits 2.
    var failure: HistoryError?
    if let history, OutputGate.shared.isOpen {
      do {
        report = try history.record(
          report,
          run: RecordedRun(
            time: report.generatedAt, command: "report", toolVersion: BaselineTool.version,
            estateCommit: repositories.estateCommit(root: estateOptions.rootURL),
            tagMoves: RecordedTagMove.all(in: fetched)),
          decision: nil)
      } catch {
        failure = error
      }
    }
    report.failurePolicy = failOn
    let code = report.exitCode
    // The dashboard drills down into the history: read it only when a page is written.
    let wantsPage = format == .html || outputOptions.destinations.contains { $0.format == "html" }
    // A history that failed (a server gone mid-run) costs the drill-down, not the page.
    let dashboard =
      wantsPage && failure == nil
      ? try? history?.listing(
        HistoryQuery(environments: report.environments.map(\.environment))
      ).dashboard : nil
    history?.close()
    try outputOptions.emit(format) { form in
      form == .html
        ? report.html(history: dashboard) : report.rendered(as: form, colour: outputOptions.colour)
    }
    outputOptions.announce("\(report.summary); exit \(failure == nil ? code : 2)")
    if let failure { throw failure }
    throw ExitCode(code)
  }
}
