public import ArgumentParser
public import BaselineKit
import Foundation
import Git

/// `baseline`: configuration baselines and drift for release and environment management.
struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract:
      "Check that every environment runs the tagged builds its configuration baseline declares.",
    discussion: """
      Exit codes: 0 clean, 1 findings, 2 could not run (bad input, unreadable repository).
      The contract (estate files, inventory and report JSON, finding kinds) is in Docs/DESIGN.md.
      """,
    version: BaselineTool.version,
    subcommands: [
      ReportCommand.self, VerifyCommand.self, ProbeCommand.self, PinCommand.self, LintCommand.self,
      TagsCommand.self, HotfixesCommand.self,
    ])

  /// Without a command nothing was checked: a usage error (exit 2), never a clean 0.
  func run() throws {
    throw ValidationError(
      "a command is needed: report, verify, probe, pin, lint, tags or hotfixes (see baseline --help)"
    )
  }

  /// Runs the command and maps every outcome to an exit code: 0 and 1 as the command says,
  /// 2 for anything that stopped the job (argument errors included, not ArgumentParser's 64).
  static func main() {
    stopProbesOnSignals()
    do {
      var command = try parseAsRoot()
      try command.run()
      finish(0)
    } catch let code as ExitCode {
      finish(code.rawValue)
    } catch let error as InputError {
      fail(error.description)
    } catch let error as InputErrors {
      fail(error.description)
    } catch let error as RepositoryError {
      fail(error.description)
    } catch let error as OutputError {
      fail(error.description)
    } catch {
      if exitCode(for: error) == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      Console.error((fullMessage(for: error) + "\n"))
      Foundation.exit(2)
    }
  }

  /// On SIGINT, SIGTERM or SIGHUP (Ctrl-C, a CI time-out, `timeout`), stops the probes that
  /// are running (they run in process groups of their own, so the signal does not reach
  /// them), then exits 128 + the signal, as a shell does.
  static func stopProbesOnSignals() {
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        ProbeRunner.stopAll()
        Foundation.exit(128 + signalNumber)
      }
      source.resume()
      signalSources.append(source)
    }
  }

  /// Exits, unless a signal is stopping the probes: then the signal handler exits, with
  /// 128 + the signal, once they are stopped (a report cut short is no report).
  static func finish(_ code: Int32) -> Never {
    while ProbeRunner.isStopping { sleep(1) }
    Foundation.exit(code)
  }

  nonisolated(unsafe) static var signalSources: [any DispatchSourceSignal] = []

  static func fail(_ message: String) -> Never {
    Console.error("baseline: error: \(message)\n")
    Foundation.exit(2)
  }
}

/// Writes to standard error without ever trapping: if it is closed there is nobody to tell.
enum Console {
  static func error(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
  }
}

struct OutputError: Error, CustomStringConvertible {
  let description: String
}

/// Options every estate command shares.
struct EstateOptions: ParsableArguments {
  @Option(name: .long, help: "The estate root: the folder that holds Baselines/ and Probes/.")
  var root: String = "."

  @Flag(
    name: .long,
    help: """
      Open component repositories whatever their owner (turns libgit2's ownership check off; \
      trust only checkouts you control).
      """)
  var allowForeignOwner = false

  var rootURL: URL {
    URL(
      fileURLWithPath: root,
      relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    )
    .standardizedFileURL
  }

  func prepare() {
    if allowForeignOwner { GitLibrary.setOwnerValidation(false) }
  }
}

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

/// Where and how to print.
struct OutputOptions: ParsableArguments {
  @Option(name: .long, help: "text (for people), json (stable), markdown or junit.")
  var format: OutputFormat = .text

  @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
  var output: String?

  /// Checks the output file's folder before any probe runs, so that a bad path costs nothing.
  func validate() throws {
    guard let output else { return }
    let url = URL(fileURLWithPath: output)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw ValidationError("--output \(output): is a folder; give a file name")
    }
    var status = stat()
    if stat(url.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
      return  // a device or FIFO (/dev/null, /dev/stdout) is written in place
    }
    let folder = url.deletingLastPathComponent()
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw ValidationError("--output \(output): the folder \(folder.path) does not exist")
    }
    guard FileManager.default.isWritableFile(atPath: folder.path) else {
      throw ValidationError("--output \(output): the folder \(folder.path) is not writable")
    }
  }

  /// A line on standard error saying what was written, for logs of jobs that write files.
  func announce(_ summary: String) {
    guard let output else { return }
    Console.error("baseline: wrote \(output): \(summary)\n")
  }

  func emit(_ text: String) throws {
    guard let output else {
      do {
        try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
      } catch {
        throw OutputError(
          description: "standard output cannot be written: \(error.localizedDescription)")
      }
      return
    }
    do {
      try AtomicFile.write(text, to: URL(fileURLWithPath: output))
    } catch {
      throw OutputError(description: "\(output): cannot be written: \(error.localizedDescription)")
    }
  }

  /// Colour only for text on a terminal, never in a file, and not when NO_COLOR is set.
  var colour: Bool {
    output == nil && isatty(STDOUT_FILENO) == 1
      && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }
}

extension OutputFormat: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "The nightly drift report: is every environment at its baseline?",
    discussion: "Exit 0 every environment at baseline, 1 findings, 2 could not run.")

  @OptionGroup var estateOptions: EstateOptions
  @OptionGroup var outputOptions: OutputOptions

  @Option(name: .customLong("env"), help: "An environment to check (repeatable); default: all.")
  var environments: [String] = []

  @Option(
    name: .customLong("inventory"),
    help: "Compare this saved inventory instead of running probes (repeatable).")
  var inventories: [String] = []

  @OptionGroup var probeOptions: ProbeOptions

  func run() throws {
    estateOptions.prepare()
    let (estate, runs) = try Observation.collect(
      root: estateOptions.rootURL, environments: environments, inventories: inventories,
      timeout: probeOptions.probeTimeout)
    let report = try DriftCheck(estate: estate).report(runs: runs)
    switch outputOptions.format {
    case .text: try outputOptions.emit(report.text(colour: outputOptions.colour))
    case .json: try outputOptions.emit(report.json())
    case .markdown: try outputOptions.emit(report.markdown())
    case .junit: try outputOptions.emit(report.junit())
    }
    outputOptions.announce("\(report.summary); exit \(report.exitCode)")
    throw ExitCode(report.exitCode)
  }
}

struct ProbeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract: "Run an environment's probes and print the merged inventory (baseline.inventory/1).",
    discussion: """
      Exit 0 when every probe gave an inventory and they agree, 1 when a probe failed or two \
      disagree (said on standard error), 2 could not run.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @Option(name: .customLong("env"), help: "The environment whose probes to run.")
  var environment: String

  @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
  var output: String?

  @OptionGroup var probeOptions: ProbeOptions

  func validate() throws {
    try OutputOptions(format: .json, output: output).validate()
  }

  func run() throws {
    estateOptions.prepare()
    let root = estateOptions.rootURL
    let estate = try Estate.load(root: root, environments: [environment])
    try estate.checkProbes()
    let runs = ProbeRunner(timeout: probeOptions.probeTimeout).run(estate.baselines, root: root)
    var problems: [String] = []
    for run in runs where run.inventory == nil {
      problems.append("probe \(run.probe) failed: \(run.failure ?? "no inventory")")
    }
    for run in runs {
      for failure in run.inventory?.failures ?? [] {
        problems.append(
          "probe \(run.probe) records that \(failure.probe) failed: \(failure.failure)")
      }
    }
    let merged = Inventory.merged(runs, environment: environment)
    for conflict in merged.conflicts {
      problems.append(conflict.message + "; the first probe's value is printed")
    }
    let options = OutputOptions(format: .json, output: output)
    try options.emit(merged.inventory.json())
    for problem in problems {
      Console.error("baseline: \(problem)\n")
    }
    options.announce(
      "\(merged.inventory.components.count) components, "
        + "\(problems.count) problem\(problems.count == 1 ? "" : "s")")
    throw ExitCode(problems.isEmpty ? 0 : 1)
  }
}

extension OutputOptions {
  init(format: OutputFormat, output: String?) {
    self.init()
    self.format = format
    self.output = output
  }
}

struct TagsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tags",
    abstract: "List a component's tagged builds: release, type, tag, commit, date.")

  @OptionGroup var estateOptions: EstateOptions

  @Option(name: .long, help: "The component (a key of Baselines/components.yaml).")
  var component: String

  @Option(name: .long, help: "text (for people) or json (baseline.tags/1).")
  var format: TextOrJSON = .text

  @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
  var output: String?

  func validate() throws {
    try OutputOptions(format: .json, output: output).validate()
  }

  func run() throws {
    estateOptions.prepare()
    let estate = try Estate.loadCatalog(root: estateOptions.rootURL)
    let outputOptions = OutputOptions(format: .text, output: output)
    guard let entry = estate.components[component] else {
      throw InputError(
        file: "Baselines/components.yaml",
        message:
          "no component \"\(component)\" (components: \(estate.components.keys.sorted().joined(separator: ", ")))"
      )
    }
    let listing = try TagListing.read(entry)
    switch format {
    case .json: try outputOptions.emit(listing.json())
    case .text: try outputOptions.emit(listing.text())
    }
  }
}

struct HotfixesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hotfixes",
    abstract:
      "Emergency releases not merged forward into the next regular release and the mainline.",
    discussion: "Exit 0 all merged, 1 some not merged (or unknown), 2 could not run.")

  @OptionGroup var estateOptions: EstateOptions
  @OptionGroup var outputOptions: OutputOptions

  @Option(name: .long, help: "Only this component (repeatable); default: every component.")
  var component: [String] = []

  func run() throws {
    estateOptions.prepare()
    let estate = try Estate.loadCatalog(root: estateOptions.rootURL)
    var names = component.isEmpty ? estate.components.keys.sorted() : []
    for name in component where !names.contains(name) { names.append(name) }
    var results: [ComponentHotfixes] = []
    for name in names {
      guard let entry = estate.components[name] else {
        throw InputError(
          file: "Baselines/components.yaml",
          message:
            "no component \"\(name)\" (components: \(estate.components.keys.sorted().joined(separator: ", ")))"
        )
      }
      results.append(try HotfixAnalysis.analyse(entry))
    }
    let report = HotfixReport(components: results)
    switch outputOptions.format {
    case .text: try outputOptions.emit(report.text())
    case .json: try outputOptions.emit(report.json())
    case .markdown: try outputOptions.emit(report.markdown())
    case .junit: throw ValidationError("hotfixes prints text, json or markdown")
    }
    throw ExitCode(report.exitCode)
  }
}

/// How `report` and `verify` get their inventories: by running the probes, or from saved
/// inventories (`--inventory`), each naming its environment.
enum Observation {
  static func collect(
    root: URL, environments: [String], inventories: [String], timeout: Double
  ) throws -> (Estate, [ProbeRun]) {
    if inventories.isEmpty {
      let estate = try Estate.load(root: root, environments: environments)
      try estate.checkProbes()
      return (estate, ProbeRunner(timeout: timeout).run(estate.baselines, root: root))
    }
    let all = try Estate.load(root: root, environments: environments)
    let runs = try all.savedInventories(inventories.map { URL(fileURLWithPath: $0) })
    let known = Set(all.baselines.map(\.environment))
    let named = Set(runs.map(\.environment))
    if let stray = runs.first(where: { !known.contains($0.environment) }) {
      let hint =
        environments.isEmpty
        ? "there is no Baselines/\(stray.environment).yaml" : "it is not among the --env given"
      throw InputError(
        file: stray.probe.replacingOccurrences(of: "file ", with: ""),
        message: "an inventory of \"\(stray.environment)\", but \(hint)")
    }
    let estate = environments.isEmpty ? all.restricted(to: named) : all
    if let missing = estate.baselines.first(where: { !named.contains($0.environment) }) {
      throw InputError(
        file: "--inventory",
        message: "no inventory given for environment \"\(missing.environment)\"")
    }
    return (estate, runs)
  }
}

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Control point 3: GO / NO-GO, with evidence, that an environment is at its baseline.",
    discussion: """
      GO only when every probe ran and agrees, the inventory is fresh, every baselined release \
      is well formed and tagged, every pin holds, every component runs exactly its baselined \
      tagged build, nothing is untagged, every setting and file is as declared, no emergency \
      fix would be lost and no accepted deviation has expired. Accepted deviations are listed, \
      not counted. --format markdown is the evidence pack for the Board. Exit 0 GO, 1 NO-GO, \
      2 could not run.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @Option(name: .customLong("env"), help: "The environment to verify (exactly one).")
  var environments: [String] = []

  var environment: String { environments.first ?? "" }

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
  }

  @Option(
    name: .customLong("release"),
    help: "The programme release the baseline must be declared for (release: in the baseline).")
  var release: String?

  @Option(
    name: .customLong("inventory"),
    help: "Judge this saved inventory instead of running probes (repeatable).")
  var inventories: [String] = []

  @Option(name: .long, help: "text (for people), json (baseline.verify/1) or markdown (evidence).")
  var format: Format = .text

  @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
  var output: String?

  @OptionGroup var probeOptions: ProbeOptions

  func validate() throws {
    // One decision per run: a second --env silently replacing the first could turn a gate
    // meant for two environments into a GO for one.
    guard Set(environments).count == 1 else {
      throw ValidationError(
        environments.isEmpty
          ? "verify needs --env ENV" : "verify decides for one environment; run it once per --env")
    }
    try OutputOptions(format: .text, output: output).validate()
  }

  func run() throws {
    estateOptions.prepare()
    let root = estateOptions.rootURL
    let (estate, runs) = try Observation.collect(
      root: root, environments: [environment], inventories: inventories,
      timeout: probeOptions.probeTimeout)
    guard let baseline = estate.baselines.first else {
      throw InputError(file: "Baselines/", message: "no baseline for \(environment)")
    }
    let report = try DriftCheck(estate: estate).report(runs: runs)
    guard let judged = report.environments.first else {
      throw InputError(file: baseline.file, message: "nothing was compared")
    }
    let verification = Verification(
      report: judged, baseline: baseline, requiredRelease: release,
      evidence: .collect(estate: estate, baseline: baseline, time: report.generatedAt),
      warnings: report.warnings)
    let options = OutputOptions(format: .text, output: output)
    switch format {
    case .text: try options.emit(verification.text())
    case .json: try options.emit(verification.json())
    case .markdown: try options.emit(verification.markdown())
    }
    options.announce(
      "\(environment) \(verification.decision.rawValue): \(verification.summary); "
        + "exit \(verification.exitCode)")
    throw ExitCode(verification.exitCode)
  }
}

/// `--format` of the commands that print text or JSON only (`tags`, `lint`).
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

struct LintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Check the whole estate without running probes; every problem in one pass.",
    discussion: """
      Problems: a file that does not parse, a repository that does not open, a baselined \
      release with no tag (or tagged on two commits), a pin its tag no longer names, a probe \
      that is not an executable under Probes/, an expired acceptance. Warnings: naming \
      problems in tag histories, releases not pinned, unused pins. Exit 0 no problem (warnings \
      allowed), 1 problems, 2 could not run.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @Option(name: .long, help: "text (for people) or json (baseline.lint/1).")
  var format: TextOrJSON = .text

  @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
  var output: String?

  func validate() throws {
    try OutputOptions(format: .json, output: output).validate()
  }

  func run() throws {
    estateOptions.prepare()
    let lint = try LintReport.run(root: estateOptions.rootURL)
    let options = OutputOptions(format: .text, output: output)
    try options.emit(format == .json ? lint.json() : lint.text())
    options.announce("\(lint.summary); exit \(lint.exitCode)")
    throw ExitCode(lint.exitCode)
  }
}

struct PinCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pin",
    abstract:
      "Record the commit each baselined release's tag names now (Baselines/<ENV>.pins.yaml).",
    discussion: """
      A pin is never moved silently: when a tag now names another commit than its pin, the pin \
      is kept and the move reported, unless --repin names the component. Releases pinned by \
      commit: in the baseline are checked, not copied. Exit 0 when every baselined release is \
      pinned and its tag still names the pin, 1 otherwise (moved, no tag, tagged twice), 2 \
      could not run.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @Option(name: .customLong("env"), help: "An environment to pin (repeatable); default: all.")
  var environments: [String] = []

  @Option(name: .long, help: "Let this component's pin follow its moved tag (repeatable).")
  var repin: [String] = []

  @Flag(name: .long, help: "Say what would be pinned; write nothing.")
  var dryRun = false

  func run() throws {
    estateOptions.prepare()
    let root = estateOptions.rootURL
    let estate = try Estate.load(root: root, environments: environments)
    let baselined = Set(estate.baselines.flatMap { $0.components.map(\.component) })
    if let stray = repin.first(where: { !baselined.contains($0) }) {
      throw ValidationError("--repin \(stray): no baseline chosen names that component")
    }
    let releases = try ReleaseIndex.read(
      Array(Set(baselined)).sorted().compactMap { estate.components[$0] })
    var allHold = true
    var out = ""
    for baseline in estate.baselines {
      let (file, outcomes) = Pinning.pin(
        baseline, releases: releases, repin: Set(repin), by: RunContext.userAtHost)
      let path = PinFile.path(environment: baseline.environment)
      let changed = file != baseline.pinFile && !(file.pins.isEmpty && baseline.pinFile == nil)
      // A run that cannot pin every release writes nothing: dropping a pin now (a typo in the
      // baseline's release) would let a later run pin a moved tag afresh.
      let holds = outcomes.allSatisfy(\.holds)
      if changed && !dryRun && holds {
        do {
          try AtomicFile.write(file.yaml(), to: root.appendingPathComponent(path))
        } catch {
          throw OutputError(
            description: "\(path): cannot be written: \(error.localizedDescription)")
        }
      }
      let counts = Dictionary(grouping: outcomes, by: \.status).sorted {
        $0.key.rawValue < $1.key.rawValue
      }
      .map { "\($0.value.count) \($0.key.rawValue.replacingOccurrences(of: "_", with: " "))" }
      let action =
        !changed
        ? "\(path) unchanged"
        : (dryRun
          ? "\(path) would be written"
          : (holds ? "wrote \(path)" : "\(path) NOT written (fix what is below first)"))
      out += "\(baseline.environment): \(action) (\(counts.joined(separator: ", ")))\n"
      var rows: [[String]] = []
      for outcome in outcomes {
        rows.append([
          outcome.component, outcome.release, outcome.pin.map(\.short) ?? "—",
          outcome.status.rawValue, outcome.message,
        ])
        if !outcome.holds { allHold = false }
      }
      for stale in baseline.stalePins {
        rows.append([
          stale.component, stale.release, String(stale.commit.hex.prefix(7)), "dropped",
          "the baseline no longer names this release",
        ])
      }
      if !rows.isEmpty { out += TextTable.render(rows, indent: "  ") }
    }
    try OutputOptions(format: .text, output: nil).emit(Terminal.safe(out))
    throw ExitCode(allHold ? 0 : 1)
  }
}

BaselineCommand.main()
