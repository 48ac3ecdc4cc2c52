import ArgumentParser
import Foundation
import Git

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
