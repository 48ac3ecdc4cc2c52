import ArgumentParser
import BaselineKit
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

  @Option(
    name: .long,
    help: """
      Seconds one unit of work in one repository may take; past it the run exits 2 naming \
      the repository (a damaged clone can make libgit2 spin for ever).
      """)
  var repositoryTimeout: Double = RepositoryWatch.defaultLimit

  var rootURL: URL {
    URL(
      fileURLWithPath: root,
      relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    )
    .standardizedFileURL
  }

  /// Rejects a time limit that is not a positive number of seconds.
  func validate() throws {
    guard repositoryTimeout > 0, repositoryTimeout.isFinite else {
      throw ValidationError("--repository-timeout must be a positive number of seconds")
    }
  }

  /// Applies the options: libgit2's ownership check, and the time limit on the work in one
  /// repository, past which probes are stopped and the run exits 2.
  func prepare() {
    if allowForeignOwner { GitLibrary.setOwnerValidation(false) }
    RepositoryWatch.shared.configure(limit: repositoryTimeout) { message in
      // As for a signal: nothing more is written, then the probes are stopped.
      guard OutputGate.shared.close() else { return }
      ProbeRunner.stopAll()
      Console.error("baseline: error: \(message)\n")
      _exit(2)
    }
  }
}
