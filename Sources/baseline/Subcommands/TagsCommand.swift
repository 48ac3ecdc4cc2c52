import ArgumentParser
import BaselineKit

/// `baseline tags`: a component's tagged builds and naming problems.
struct TagsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tags",
    abstract: "List a component's tagged builds: release, type, tag, commit, date.")

  @OptionGroup var estateOptions: EstateOptions

  @OptionGroup var fetchOptions: FetchOptions

  @Option(name: .long, help: "The component (a key of Baselines/components.yaml).")
  var component: String

  @Option(name: .long, help: "text (for people) or json (baseline.tags/1).")
  var format: ListingFormat = .text

  @OptionGroup var outputOptions: OutputOptions

  func validate() throws {
    try outputOptions.check(ListingFormat.self)
  }

  func run() throws {
    estateOptions.prepare()
    try fetchOptions.fetchIfAsked(root: estateOptions.rootURL, only: [component])
    let estate = try Estate.loadCatalog(root: estateOptions.rootURL)
    let listing = try TagListing.read(try estate.component(named: component))
    try outputOptions.emit(format) { listing.rendered(as: $0) }
  }
}
