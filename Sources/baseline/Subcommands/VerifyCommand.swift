import ArgumentParser
import BaselineHistory
import BaselineKit

/// `baseline verify`: control point 3's Go / No-Go with evidence, for one environment.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Control point 3: GO / NO-GO, with evidence, that an environment is at its baseline.",
    discussion: """
      GO only when every probe ran and agrees, the inventory is fresh, every baselined release \
      is well formed and tagged, every pin holds, every component runs exactly its baselined \
      tagged build, nothing is untagged, every setting and file is as declared, no deployed \
      emergency fix would be lost (whether baselined releases carry earlier emergency fixes is \
      baseline hotfixes' question) and no accepted deviation has expired. A check that could not be made \
      says so (not applicable, or version only) and never passes by default. Accepted \
      deviations are listed, not counted. --format markdown is the evidence pack for the \
      Board. The decision is recorded in the run history (--history; --no-history records \
      nothing) with the sha256 of the evidence printed, and standard error says where. Exit 0 \
      GO, 1 NO-GO, 2 could not run.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @OptionGroup var fetchOptions: FetchOptions

  @OptionGroup var environmentOption: SingleEnvironmentOption

  @Option(
    name: .customLong("release"),
    help: "The programme release the baseline must be declared for (release: in the baseline).")
  var release: String?

  @Option(name: .long, help: "text (for people), json (baseline.verify/1) or markdown (evidence).")
  var format: DocumentFormat = .text

  @OptionGroup var outputOptions: OutputOptions

  @OptionGroup var observationOptions: ObservationOptions

  @OptionGroup var historyOptions: HistoryOptions

  func validate() throws {
    try outputOptions.refuseOverwriting(observationOptions.inventories)
    try outputOptions.check(DocumentFormat.self)
    // A wrong history: setting is reported by the run, as every input error is.
    for file in (try? historyOptions.files(root: estateOptions.rootURL)) ?? [] {
      try outputOptions.refuseOverwriting(history: file)
    }
  }

  func run() throws {
    estateOptions.prepare()
    let fetched = try fetchOptions.fetchIfAsked(root: estateOptions.rootURL, recordingMoves: false)
    let location = try historyOptions.location(root: estateOptions.rootURL)
    let history = try historyOptions.open(location, root: estateOptions.rootURL)
    let observation = try observationOptions.observe(
      root: estateOptions.rootURL, environments: [environmentOption.environment])
    let decided = try Verification.decide(
      observation, requiredRelease: release, commandLine: CommandLine.arguments,
      repositories: estateOptions.repositories)
    let used = Set(decided.proofs.map(\.component))
    let verification = decided.adding(
      warnings: fetched.flatMap(\.warnings)
        + MirrorFetch.ages(
          of: observation.estate.components.values.filter { used.contains($0.name) },
          now: decided.evidence.time))
    let evidence = verification.rendered(as: format)
    let digest = TextDigest.sha256(evidence)
    // A run cut short by a signal records no decision: its evidence was never printed.
    var failure: HistoryError?
    var recordedIn: String?
    if let history, let location, OutputGate.shared.isOpen {
      // The decision is recorded with the sha256 of exactly what is printed.
      do {
        _ = try history.record(
          DriftReport(
            generatedAt: verification.evidence.time, environments: [verification.report],
            warnings: verification.warnings),
          run: RecordedRun(
            time: verification.evidence.time, command: "verify", toolVersion: BaselineTool.version,
            estateCommit: verification.evidence.estateCommit,
            tagMoves: RecordedTagMove.all(in: fetched)),
          decision: RecordedDecision(
            environment: verification.environment, decision: verification.decision.rawValue,
            who: "\(verification.evidence.user)@\(verification.evidence.host)",
            release: release ?? verification.declaredRelease,
            evidenceSHA256: digest))
        recordedIn = HistoryStores.shown(location)
      } catch {
        failure = error
      }
    }
    history?.close()
    // The evidence is printed even when it could not be recorded; the run then exits 2.
    try outputOptions.emit(format) { $0 == format ? evidence : verification.rendered(as: $0) }
    if let failure { throw failure }
    if let recordedIn, OutputGate.shared.isOpen {
      // Where the Board's decision now stands (a shared store names no password).
      Console.error(
        "baseline: recorded \(verification.environment) \(verification.decision.rawValue) in "
          + "\(recordedIn) (evidence sha256 \(digest))\n")
    }
    outputOptions.announce(
      "\(verification.environment) \(verification.decision.rawValue): \(verification.summary); "
        + "exit \(verification.exitCode)")
    throw ExitCode(verification.exitCode)
  }
}
