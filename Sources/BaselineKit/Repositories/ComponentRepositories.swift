public import Foundation
public import Git

/// The one place where Baseline opens repositories and reads components' tagged builds.
///
/// Every command that needs a component's repository (the drift check, `pin`, `lint`, `tags`,
/// `hotfixes`) and the evidence of `verify` (the estate's own repository) asks this type; none
/// calls `Repository(path:)` itself. Today a component's `repository:` is a local path, opened
/// with `git_repository_open_ext` without searching parent folders (a path that is not itself a
/// repository is an error, never the estate's repository above it). A later source of
/// repositories (a mirror of a remote URL) replaces only ``open(_:)``.
///
/// A `Repository` is not `Sendable`: each handle this type returns is used from one thread,
/// and work spread over cores opens one handle per worker.
public struct ComponentRepositories: Sendable {
  /// Where facts derived from repositories are kept across runs (today each repository's
  /// patch-ids, see ``PatchStore``); `nil`: nothing is kept.
  public let cacheDirectory: URL?

  /// Makes the seam.
  /// - Parameter cacheDirectory: where derived facts are kept across runs; `nil` keeps none.
  public init(cacheDirectory: URL? = nil) {
    self.cacheDirectory = cacheDirectory
  }

  /// The file that keeps the patch-ids of `component`'s repository across runs:
  /// `CACHE/patch-ids/<16 hex digits of the repository's path>.patches`; `nil` without a
  /// cache directory.
  func patchStoreFile(for component: Component) -> URL? {
    cacheFile(in: "patch-ids", key: repositoryPath(of: component), suffix: "patches")
  }

  /// Where `component`'s hotfix verdicts are kept (``VerdictStore``): one file per component,
  /// since a verdict depends on the component's bookkeeping rules and reviews.
  func verdictStoreFile(for component: Component) -> URL? {
    cacheFile(
      in: "verdicts", key: repositoryPath(of: component) + "\u{0}" + component.name,
      suffix: "json")
  }

  private func repositoryPath(of component: Component) -> String {
    component.repositoryURL.standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// `CACHE/folder/<16 hex digits of FNV-1a of key>.suffix`; `nil` without a cache.
  private func cacheFile(in folder: String, key: String, suffix: String) -> URL? {
    guard let cacheDirectory else { return nil }
    let hex = String(FNV1a.hash(key.utf8), radix: 16)
    return cacheDirectory.appendingPathComponent(folder, isDirectory: true)
      .appendingPathComponent(String(repeating: "0", count: 16 - hex.count) + hex + "." + suffix)
  }

  /// The default cache directory: `$BASELINE_CACHE`, else `$XDG_CACHE_HOME/baseline`, else
  /// `~/.cache/baseline`; `nil` when none of them is set.
  public static var defaultCacheDirectory: URL? {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["BASELINE_CACHE"], !explicit.isEmpty {
      return URL(fileURLWithPath: explicit, isDirectory: true)
    }
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("baseline")
    }
    if let home = environment["HOME"], home.hasPrefix("/") {
      return URL(fileURLWithPath: home, isDirectory: true)
        .appendingPathComponent(".cache/baseline", isDirectory: true)
    }
    return nil
  }

  /// Opens a component's repository.
  /// - Throws: ``RepositoryError`` naming the component and its `repository:` when libgit2
  ///   cannot open it (`git_repository_open_ext`: missing, not a repository, foreign owner).
  public func open(_ component: Component) throws(RepositoryError) -> Repository {
    // A link where a mirror should be is not one Baseline made (fetch refuses it too).
    if let remote = component.remote,
      (try? FileManager.default.destinationOfSymbolicLink(atPath: component.repositoryURL.path))
        != nil
    {
      throw RepositoryError(
        component,
        GitError(
          code: .other, function: "mirror", path: component.repositoryURL.path,
          message: "the mirror of \(remote) is a link, not a mirror Baseline made: move it away "
            + "and run `baseline fetch`"))
    }
    // A mirror no fetch ever completed (the first one failed) holds nothing true: it is
    // no mirror yet.
    if let remote = component.remote, !MirrorFetch.wasFetched(component.repositoryURL) {
      throw RepositoryError(
        component,
        GitError(
          code: .notFound, function: "mirror", path: component.repositoryURL.path,
          message:
            "no mirror of \(remote) yet (no fetch of it has completed): run `baseline fetch` "
            + "first (mirrors are kept in "
            + "\(component.repositoryURL.deletingLastPathComponent().path))"))
    }
    do {
      return try RepositoryWatch.shared.during(component.repository, "opening it") {
        () throws(GitError) in try handle(component)
      }
    } catch {
      throw RepositoryError(component, error)
    }
  }

  /// Opens another handle on a component's repository, for a worker on another thread.
  /// - Throws: ``GitError`` when libgit2 cannot open it.
  func handle(_ component: Component) throws(GitError) -> Repository {
    try Repository(path: component.repositoryURL.path, searchParents: false)
  }

  /// Opens a component's repository and runs `body` on it under the time limit of
  /// ``RepositoryWatch``, turning a libgit2 failure inside `body` into a
  /// ``RepositoryError`` that names the component.
  /// - Parameters:
  ///   - component: the component whose repository is read.
  ///   - activity: what `body` does, for the message of a run past the time limit
  ///     (`reading its tags`).
  ///   - body: the work.
  /// - Returns: what `body` returns.
  /// - Throws: ``RepositoryError`` when the repository cannot be opened or `body` fails.
  public func with<Result>(
    _ component: Component, doing activity: String = "reading it",
    _ body: (Repository) throws(GitError) -> Result
  ) throws(RepositoryError) -> Result {
    let repository = try open(component)
    do {
      return try RepositoryWatch.shared.during(component.repository, activity) {
        () throws(GitError) in try body(repository)
      }
    } catch {
      throw RepositoryError(component, error)
    }
  }

  /// The tagged builds of each component, one tag scan (`git_tag_foreach`, peeled) per
  /// repository however many components share it.
  /// - Parameter components: the components to read.
  /// - Returns: each component's index, by component name.
  /// - Throws: ``RepositoryError`` for the first repository (in path order) that cannot be
  ///   read, naming its first component by name.
  public func releases(of components: [Component]) throws(RepositoryError) -> [String:
    ReleaseIndex]
  {
    var result: [String: ReleaseIndex] = [:]
    for group in Self.byRepository(components) {
      guard let first = group.first else { continue }
      let indexes = try with(first, doing: "reading its tags") { repository throws(GitError) in
        try Self.releases(of: group, in: repository)
      }
      result.merge(indexes) { first, _ in first }
    }
    return result
  }

  /// The tagged builds of components that share one opened repository: one tag scan.
  /// - Throws: ``GitError`` when the tags cannot be read.
  public static func releases(of components: [Component], in repository: Repository)
    throws(GitError) -> [String: ReleaseIndex]
  {
    let scan = try repository.tags()
    var result: [String: ReleaseIndex] = [:]
    for component in components {
      result[component.name] = index(scan, of: component, shallow: repository.isShallow)
    }
    return result
  }

  /// The tagged builds of one component in its opened repository.
  /// - Throws: ``GitError`` when the tags cannot be read.
  public static func releases(of component: Component, in repository: Repository)
    throws(GitError) -> ReleaseIndex
  {
    index(try repository.tags(), of: component, shallow: repository.isShallow)
  }

  /// A tag scan read through a component's patterns and scheme.
  static func index(_ scan: TagScan, of component: Component, shallow: Bool) -> ReleaseIndex {
    ReleaseIndex(
      scan: scan, patterns: component.tagPatterns, scheme: component.scheme, isShallow: shallow)
  }

  /// Components grouped by the repository they read, groups in path order and each group in
  /// name order, so that a failure is always reported for the same component.
  public static func byRepository(_ components: [Component]) -> [[Component]] {
    Dictionary(grouping: components) { $0.repositoryURL.path }
      .sorted { $0.key < $1.key }
      .map { $0.value.sorted { $0.name < $1.name } }
  }

  /// Opens the git repository that holds the estate itself, searching parent folders (the
  /// estate may be a folder inside a larger repository); `nil` when it is in none.
  /// - Throws: ``GitError`` when the estate is in a repository that cannot be read (evidence
  ///   must then say so, never "not in a git repository").
  public func openEstate(root: URL) throws(GitError) -> Repository? {
    try RepositoryWatch.shared.during(root.path, "opening the estate's own repository") {
      () throws(GitError) in try Repository.discover(containing: root.path)
    }
  }

  /// The estate repository's `HEAD` commit (40 hex digits) when the estate root is in git
  /// and has a commit; `nil` otherwise, or when the repository cannot be read.
  public func estateCommit(root: URL) -> String? {
    guard let repository = try? openEstate(root: root) else { return nil }
    return repository.headCommit?.hex
  }
}
