import ArgumentParser
import BaselineKit

/// `baseline lint`: every problem of the estate in one pass, without probes.
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

  @OptionGroup var fetchOptions: FetchOptions

  @Option(name: .long, help: "text (for people) or json (baseline.lint/1).")
  var format: ListingFormat = .text

  @OptionGroup var outputOptions: OutputOptions

  func validate() throws {
    try outputOptions.check(ListingFormat.self)
  }

  func run() throws {
    estateOptions.prepare()
    try fetchOptions.fetchIfAsked(root: estateOptions.rootURL)
    let lint = try LintReport.run(root: estateOptions.rootURL)
    try outputOptions.emit(format) { lint.rendered(as: $0) }
    outputOptions.announce("\(lint.summary); exit \(lint.exitCode)")
    throw ExitCode(lint.exitCode)
  }
}
