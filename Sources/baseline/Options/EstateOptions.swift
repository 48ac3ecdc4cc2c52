import ArgumentParser
import BaselineHistory
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

  @Option(
    name: .long,
    help: """
      Where facts read from repositories are kept between runs (each commit's patch-id); \
      default: $BASELINE_CACHE, else $XDG_CACHE_HOME/baseline, else ~/.cache/baseline.
      """)
  var cache: String?

  @Flag(name: .long, help: "Keep nothing between runs (read and write no cache).")
  var noCache = false

  /// The seam that opens component repositories, with the cache these options name.
  var repositories: ComponentRepositories {
    if noCache { return ComponentRepositories() }
    if let cache {
      return ComponentRepositories(
        cacheDirectory: URL(fileURLWithPath: cache, isDirectory: true).standardizedFileURL)
    }
    return ComponentRepositories(cacheDirectory: ComponentRepositories.defaultCacheDirectory)
  }

  var rootURL: URL {
    URL(
      fileURLWithPath: root,
      relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    )
    .standardizedFileURL
  }

  /// Rejects a time limit that is not a positive number of seconds.
  func validate() throws {
    if noCache, cache != nil { throw ValidationError("--cache and --no-cache exclude each other") }
    if let cache {
      var isFolder: ObjCBool = false
      if cache.isEmpty { throw ValidationError("--cache needs a folder, found an empty path") }
      if FileManager.default.fileExists(atPath: cache, isDirectory: &isFolder), !isFolder.boolValue
      {
        throw ValidationError("--cache \(cache) is not a folder")
      }
    }
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
      Console.error("baseline: error: \(Terminal.safe(message))\n")
      _exit(2)
    }
  }
}
