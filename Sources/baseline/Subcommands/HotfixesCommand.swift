import ArgumentParser
import BaselineKit

/// `baseline hotfixes`: emergency releases not merged forward.
struct HotfixesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hotfixes",
    abstract:
      "Emergency releases not merged forward into the next regular release and the mainline.",
    discussion:
      "Exit 0 every emergency release merged or cherry-picked, 1 some not merged, needing review or unknown, 2 could not run."
  )

  @OptionGroup var estateOptions: EstateOptions

  @OptionGroup var fetchOptions: FetchOptions

  @Option(name: .long, help: "text (for people), json (baseline.hotfixes/1) or markdown.")
  var format: DocumentFormat = .text

  @OptionGroup var outputOptions: OutputOptions

  @Option(name: .long, help: "Only this component (repeatable); default: every component.")
  var component: [String] = []

  func validate() throws {
    try outputOptions.check(DocumentFormat.self)
  }

  func run() throws {
    estateOptions.prepare()
    try fetchOptions.fetchIfAsked(root: estateOptions.rootURL)
    let estate = try Estate.loadCatalog(root: estateOptions.rootURL)
    let report = try HotfixReport.analyse(
      estate, components: component, repositories: estateOptions.repositories)
    try outputOptions.emit(format) { report.rendered(as: $0) }
    throw ExitCode(report.exitCode)
  }
}
