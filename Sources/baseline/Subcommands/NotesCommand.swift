import ArgumentParser
import BaselineHistory
import BaselineKit
import Foundation

/// `baseline notes`: a component release's Release Note with its bill of materials, or an
/// environment's true picture.
struct NotesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notes",
    abstract: "A release's Release Note and bill of materials, or an environment's true picture.",
    discussion: """
      --component C --release R: the release's number, type, date, tag, commit and tree; its \
      content since the previous release on its line (or --since), the defects and change \
      requests its commits name, the emergency releases it carries, and every file of the \
      tagged tree. --env E: every component running in E as the probes (or --inventory files) \
      see it, with its verdict, the accepted deviations, the emergency releases running and \
      what changed since the previous recorded run. Exit 0 written, 2 could not run.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @OptionGroup var fetchOptions: FetchOptions

  @Option(name: .long, help: "The component whose release note is written.")
  var component: String?

  @Option(name: .long, help: "The release (with --component), e.g. 1.2.1.0.")
  var release: String?

  @Option(
    name: .long,
    help: "Count the content from this release (default: the previous release on the same line).")
  var since: String?

  @Option(
    name: .long,
    help: "A defects file exported from the tracker (CSV or JSON: id, severity, summary, status).")
  var defects: String?

  @Option(
    name: .customLong("env"),
    help: "The environment whose true picture is written (instead of --component).")
  var environments: [String] = []

  @Option(
    name: .long,
    help:
      "markdown, json (baseline.notes/1, baseline.picture/1), cyclonedx (1.6) or spdx (2.3, --component only)."
  )
  var format: NotesFormat = .markdown

  @OptionGroup var outputOptions: OutputOptions

  @OptionGroup var observationOptions: ObservationOptions

  @OptionGroup var historyOptions: HistoryOptions

  func validate() throws {
    try outputOptions.check(NotesFormat.self)
    switch (component, environments.count) {
    case (nil, 0):
      throw ValidationError("give --component C --release R, or --env E")
    case (.some, 1...):
      throw ValidationError("--component and --env exclude each other: one note at a time")
    case (nil, 2...):
      throw ValidationError(
        "--env was given \(environments.count) times: one environment's picture at a time")
    case (.some, _):
      if release == nil { throw ValidationError("--component needs --release R") }
      if !observationOptions.inventories.isEmpty {
        throw ValidationError("--inventory is for --env: a release note reads the repository only")
      }
    case (nil, _):
      if release != nil || since != nil || defects != nil {
        throw ValidationError("--release, --since and --defects are for --component")
      }
      let forms =
        [format] + outputOptions.destinations.compactMap { $0.format.flatMap(NotesFormat.init) }
      if forms.contains(.spdx) {
        throw ValidationError(
          "an environment's picture is written as markdown, json or cyclonedx; spdx is for --component"
        )
      }
    }
  }

  func run() throws {
    estateOptions.prepare()
    try fetchOptions.fetchIfAsked(root: estateOptions.rootURL, only: component.map { [$0] } ?? [])
    if let component, let release {
      let forms =
        [format] + outputOptions.destinations.compactMap { $0.format.flatMap(NotesFormat.init) }
      var note = try ReleaseNote.read(
        root: estateOptions.rootURL, component: component, release: release, since: since,
        defects: defects, contentDigests: forms.contains(.cyclonedx) || forms.contains(.spdx),
        repositories: estateOptions.repositories)
      note.provenance = Provenance(
        root: estateOptions.rootURL, arguments: CommandLine.arguments,
        repositories: estateOptions.repositories)
      let generatedAt = Date()
      try outputOptions.emit(format) { note.rendered(as: $0, generatedAt: generatedAt) }
      return
    }
    let observation = try observationOptions.observe(
      root: estateOptions.rootURL, environments: environments)
    let repositories = estateOptions.repositories
    let report = try DriftCheck(estate: observation.estate, repositories: repositories).report(
      runs: observation.runs)
    let (previous, note) = try PreviousPicture.read(
      environment: environments[0],
      history: try historyOptions.location(root: estateOptions.rootURL))
    for environment in report.environments {
      var picture = try EnvironmentPicture.take(
        environment, estate: observation.estate, generatedAt: report.generatedAt,
        previous: previous, historyNote: note, repositories: repositories)
      picture.provenance = Provenance(
        root: estateOptions.rootURL, arguments: CommandLine.arguments, repositories: repositories)
      try outputOptions.emit(format) { picture.rendered(as: $0) }
    }
  }
}
