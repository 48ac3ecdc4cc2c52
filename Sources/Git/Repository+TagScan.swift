internal import CLibGit2
import Foundation

extension Repository {
  /// Repositories with at least this many tag references are read on several cores.
  static let parallelTagScan = 4_096

  /// Reads every tag under `refs/tags/`, loose or packed, peeled to its commit.
  ///
  /// Tags of tags are followed to the end. A tag that ends on a blob or a tree is skipped
  /// with a warning; a taggerless annotated tag is kept with no tagger. References are read
  /// with `git_reference_iterator_new`, every object on the way (the commit included) with
  /// `git_odb_read`, which inflates it and checks its hash, and tag objects with
  /// `git_tag_lookup`. From ``parallelTagScan`` references on, the objects are read on every
  /// core, each share through its own handle on the same `.git` folder (`git_repository_open_ext`:
  /// a libgit2 repository is used by one thread at a time); the result is the same, warnings
  /// and the first error included, as one reading in order.
  /// - Returns: the tags sorted by name, and the warnings.
  /// - Throws: ``GitError`` when the references cannot be read, or an object a tag leads to
  ///   is corrupt (``GitError/Code/corrupt``) or missing (``GitError/Code/missingObject``):
  ///   a damaged repository is never read as one with fewer tags.
  public func tags() throws(GitError) -> TagScan {
    try tags(parallelFrom: Self.parallelTagScan)
  }

  /// ``tags()``, on several cores from `minimum` references on (tests read small repositories
  /// both ways).
  func tags(parallelFrom minimum: Int) throws(GitError) -> TagScan {
    let (references, unresolved) = try tagReferences()
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let shares = references.count < minimum ? 1 : max(2, cores)
    var tags: [TagInfo] = []
    var warnings = unresolved
    if shares == 1 {
      (tags, warnings) = try readTags(references, warnings: warnings)
    } else {
      let results = TagShares(count: shares)
      let (directory, shown) = (gitDirectory, path)
      DispatchQueue.concurrentPerform(iterations: shares) { share in
        let part = references.count * share / shares..<references.count * (share + 1) / shares
        results.set(share) { () throws(GitError) in
          try Repository(reopening: directory, shownAs: shown).readTags(
            Array(references[part]), warnings: [])
        }
      }
      for result in results.values {
        let (partTags, partWarnings) = try result.get()
        tags += partTags
        warnings += partWarnings
      }
    }
    // Packed references come in name order, and the shares keep it: sorted only when not
    // (loose references), since moving 10,000 tags to sort them was a tenth of `tags`.
    if zip(tags, tags.dropFirst()).contains(where: { !($0.name < $1.name) }) {
      tags.sort { $0.name < $1.name }
    }
    return TagScan(tags: tags, warnings: warnings)
  }

  /// The targets of the references under `refs/tags/` in the iterator's order, a symbolic
  /// one resolved (`git_reference_resolve`); one that does not resolve is a warning.
  private func tagReferences() throws(GitError) -> (
    [(name: String, target: ObjectID)], [TagWarning]
  ) {
    var iterator: OpaquePointer?
    try check(
      git_reference_iterator_new(&iterator, handle), "git_reference_iterator_new", path: path)
    defer { git_reference_iterator_free(iterator) }
    var references: [(name: String, target: ObjectID)] = []
    var warnings: [TagWarning] = []
    var listed = Set<[UInt8]>()
    while true {
      var reference: OpaquePointer?
      let status = git_reference_next(&reference, iterator)
      if status == GIT_ITEROVER.rawValue { break }
      try check(status, "git_reference_next", path: path)
      guard let reference else { continue }
      defer { git_reference_free(reference) }
      guard let cName = git_reference_name(reference) else { continue }
      let fullName = String(cString: cName)
      guard fullName.hasPrefix("refs/tags/") else { continue }
      // The name's bytes: two names that are not UTF-8 may be one `String`.
      listed.insert(
        Array(UnsafeRawBufferPointer(start: cName, count: strlen(cName)).dropFirst(10)))
      let name = String(fullName.dropFirst("refs/tags/".count))
      // A direct reference (nearly every tag) needs no resolving; a symbolic one is followed.
      var resolved: OpaquePointer?
      if git_reference_type(reference) != GIT_REFERENCE_DIRECT {
        guard git_reference_resolve(&resolved, reference) == 0, resolved != nil else {
          warnings.append(TagWarning(tag: name, message: "the reference does not resolve; skipped"))
          continue
        }
      }
      defer { if let resolved { git_reference_free(resolved) } }
      guard let target = git_reference_target(resolved ?? reference) else { continue }
      references.append((name, ObjectID(target)))
    }
    try refuseSkippedLooseTags(listed: listed)
    return (references, warnings)
  }

  /// Refuses a loose tag file that libgit2's iterator skipped (as git does, "ignoring broken
  /// ref"): its content is neither an object id nor `ref: NAME`, and the tag would vanish.
  /// - Throws: ``GitError`` with code ``GitError/Code/corrupt`` naming the first such file.
  private func refuseSkippedLooseTags(listed: Set<[UInt8]>) throws(GitError) {
    guard !looseTags.isEmpty else { return }
    let common = git_repository_commondir(handle).map { String(cString: $0) } ?? gitDirectory
    // Over a packed tag of the same name, libgit2 lists the packed one in place of a broken
    // loose file: with `packed-refs` there (loose tags are then few), each is read.
    let packed = FileManager.default.fileExists(atPath: common + "packed-refs")
    let folder = RawPath(common).appending("refs/tags")
    guard
      let skipped = looseTags.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) })
        .first(where: {
          !listed.contains($0.bytes)
            || (packed && !RepositoryFiles.readsAsReference(folder.appending($0)))
        })?.shown
    else { return }
    throw GitError(
      code: .corrupt, function: "git_reference_next", path: path,
      message:
        "the loose tag refs/tags/\(skipped) is not a reference libgit2 can read (neither an "
        + "object id nor ref: NAME); git skips it as broken, so the tag would vanish unseen: "
        + "repair or remove it")
  }

  /// Reads `references` in order (``readTag(name:target:odb:)``), stopping at the first
  /// object that cannot be read.
  private func readTags(_ references: [(name: String, target: ObjectID)], warnings: [TagWarning])
    throws(GitError) -> ([TagInfo], [TagWarning])
  {
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, handle), "git_repository_odb", path: path)
    defer { git_odb_free(odb) }
    var tags: [TagInfo] = []
    var warnings = warnings
    for (name, target) in references {
      switch try readTag(name: name, target: target, odb: odb) {
      case .success(let tag):
        tags.append(tag)
        if let inner = tag.nameInObject {
          warnings.append(
            TagWarning(
              tag: name,
              message: "the tag object calls itself \"\(inner)\"; the reference name counts"))
        }
      case .failure(let warning):
        warnings.append(warning)
      }
    }
    return (tags, warnings)
  }

  /// A second handle on a repository already opened and checked, for another thread: its
  /// `.git` folder opened without searching (`git_repository_open_ext`); errors name `path`,
  /// as the first handle's do.
  convenience init(reopening gitDirectory: String, shownAs path: String) throws(GitError) {
    var pointer: OpaquePointer?
    let flags = UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue)
    let status = git_repository_open_ext(&pointer, gitDirectory, flags, nil)
    guard status >= 0, let pointer else {
      throw Repository.explain(lastError(status, "git_repository_open_ext", path: gitDirectory))
    }
    self.init(handle: pointer, path: path)
  }
}

/// The result of each share of a parallel tag scan, in share order.
private final class TagShares: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Result<([TagInfo], [TagWarning]), GitError>?]

  init(count: Int) { results = Array(repeating: nil, count: count) }

  /// Runs `read` and keeps its result (or error) as share `index`'s.
  func set(_ index: Int, _ read: () throws(GitError) -> ([TagInfo], [TagWarning])) {
    let result: Result<([TagInfo], [TagWarning]), GitError>
    do {
      result = .success(try read())
    } catch {
      result = .failure(error)
    }
    lock.withLock { results[index] = result }
  }

  /// Every share's result, in order; a share that did not run is an error.
  var values: [Result<([TagInfo], [TagWarning]), GitError>] {
    lock.withLock {
      results.map {
        $0
          ?? .failure(
            GitError(code: .other, function: "tags", path: "", message: "a share was not read"))
      }
    }
  }
}
