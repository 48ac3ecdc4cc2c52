internal import CLibGit2
import Foundation

/// A git repository opened through libgit2 (`git_repository_open_ext`).
///
/// The handle is freed in `deinit`. A repository is not `Sendable`: use it from one task at a
/// time. Everything it returns is a value (``TagInfo``, ``Commit``, ``ObjectID``) that owns no
/// libgit2 memory, so results outlive the repository safely.
public final class Repository {
  let handle: OpaquePointer
  /// The path the repository was opened from, as given.
  public let path: String
  /// The repository's `.git` folder (the repository itself when bare).
  public let gitDirectory: String
  /// The names of the loose references under `refs/tags/` when the repository was opened
  /// (`v1.0.0.0`), as bytes: the tag scan refuses to go on without one libgit2 skipped as
  /// broken.
  let looseTags: [RawPath]
  /// The trees of the last commits compared, for the next comparison (``TreeShelf``).
  let trees = TreeShelf()
  /// Whether the work tree's `.gitattributes` files were checked before a first diff
  /// (``RepositoryFiles/checkIgnoreFiles(workTree:under:)``).
  var diffFilesChecked = false

  /// Opens the repository at `path`, or, when `searchParents` is true, the one that contains
  /// it (a subfolder works, as for `git -C`).
  ///
  /// - Parameters:
  ///   - path: a work tree, its `.git` folder or a bare repository; with `searchParents`, also
  ///     a folder inside a work tree.
  ///   - searchParents: whether to look in parent folders (`GIT_REPOSITORY_OPEN_NO_SEARCH`
  ///     when false). Baseline opens component repositories without searching, so that a
  ///     missing clone inside the estate's own repository is an error, not the estate's tags.
  /// - Throws: ``GitError`` with code ``GitError/Code/notARegularFile`` when a file git reads
  ///   there is a FIFO, device or socket (checked first, without opening it),
  ///   ``GitError/Code/ownership`` when the repository belongs to another user, ``GitError/Code/unsupportedExtension`` for partial clones, SHA-256 and
  ///   `worktreeConfig` repositories, ``GitError/Code/notFound`` when there is no repository.
  public init(path: String, searchParents: Bool = true) throws(GitError) {
    _ = GitLibrary.initialised
    looseTags = try Self.refuseBlockingFiles(path: path, searchParents: searchParents)
    var pointer: OpaquePointer?
    let flags = searchParents ? 0 : UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue)
    let status = git_repository_open_ext(&pointer, path, flags, nil)
    guard status >= 0, let pointer else {
      throw Repository.explain(lastError(status, "git_repository_open_ext", path: path))
    }
    self.handle = pointer
    self.path = path
    self.gitDirectory = git_repository_path(pointer).map { String(cString: $0) } ?? path
  }

  /// Takes ownership of an open handle (freed in `deinit`); errors name `path`.
  init(handle: OpaquePointer, path: String) {
    self.handle = handle
    self.looseTags = []
    self.path = path
    self.gitDirectory = git_repository_path(handle).map { String(cString: $0) } ?? path
  }

  deinit { git_repository_free(handle) }

  /// Opens the repository that holds `path` (searching parent folders), telling "in no
  /// repository" from "in a repository that cannot be read".
  /// - Returns: the repository, or `nil` when no `.git` (or bare repository) is found in
  ///   `path` or above it.
  /// - Throws: ``GitError`` when one is found but cannot be opened (a FIFO where git expects a
  ///   file, a missing `HEAD`, a damaged configuration): never read as "no repository".
  public static func discover(containing path: String) throws(GitError) -> Repository? {
    do {
      return try Repository(path: path, searchParents: true)
    } catch {
      guard error.code == .notFound else { throw error }
      let found = try? RepositoryFiles.gitDirectory(
        from: path, searchParents: true, anyDotGit: true)
      guard let found else { return nil }
      throw GitError(
        code: .other, function: error.function, path: found.shown,
        message: "\(found.shown) looks like a git repository but libgit2 cannot open it "
          + "(\(error.message))")
    }
  }

  /// Refuses a repository with a file git reads that is not a regular file (a FIFO, a device,
  /// a socket): libgit2 would block on it for ever (``RepositoryFiles``).
  /// - Throws: ``GitError`` with code ``GitError/Code/notARegularFile``.
  /// - Returns: the loose tag references found (``RepositoryFiles/check(gitDirectory:)``).
  private static func refuseBlockingFiles(path: String, searchParents: Bool) throws(GitError)
    -> [RawPath]
  {
    do {
      guard
        let gitDirectory = try RepositoryFiles.gitDirectory(
          from: path, searchParents: searchParents)
      else { return [] }
      return try RepositoryFiles.check(gitDirectory: gitDirectory)
    } catch {
      throw error.gitError(repository: path, reading: "the repository")
    }
  }

  /// Turns libgit2's terse open failures into messages that say what to do.
  static func explain(_ error: GitError) -> GitError {
    switch error.code {
    case .ownership:
      return GitError(
        code: .ownership, function: error.function, path: error.path,
        message:
          "the repository is owned by another user and libgit2 refuses to open it "
          + "(\(error.message)); mark it trusted with "
          + "`git config --global --add safe.directory \(error.path)`, or pass "
          + "--allow-foreign-owner to trust every repository whatever its owner",
        status: error.status)
    case .unsupportedExtension:
      return GitError(
        code: .unsupportedExtension, function: error.function, path: error.path,
        message:
          "libgit2 \(GitLibrary.version) cannot read this repository (\(error.message)): "
          + "partial (blobless) clones, SHA-256 repositories and worktreeConfig are not "
          + "supported; use a full SHA-1 clone",
        status: error.status)
    case .notFound:
      return GitError(
        code: .notFound, function: error.function, path: error.path,
        message: "no git repository here (\(error.message))", status: error.status)
    default:
      return error
    }
  }

  /// Whether the repository is a shallow clone (`git_repository_is_shallow`): history beyond
  /// its boundary is missing, and libgit2 1.5 cannot walk past it.
  public var isShallow: Bool { git_repository_is_shallow(handle) == 1 }

  /// Whether the repository has no work tree.
  public var isBare: Bool { git_repository_is_bare(handle) == 1 }

  /// The branch `HEAD` names, e.g. `main`; `nil` for a detached or unborn `HEAD`.
  public var headBranch: String? {
    var reference: OpaquePointer?
    guard git_repository_head(&reference, handle) == 0, let reference else { return nil }
    defer { git_reference_free(reference) }
    guard git_reference_is_branch(reference) == 1 else { return nil }
    return git_reference_shorthand(reference).map { String(cString: $0) }
  }

  /// Peels one tag reference's target to a commit, reading every object on the way in full
  /// (`git_odb_read`, which checks each object's hash), so that a damaged object is an error
  /// and never a tag that silently drops out of the scan.
  /// - Returns: the tag, or a warning for a tag that ends on a blob or a tree.
  /// - Throws: ``GitError`` with code ``GitError/Code/corrupt`` or
  ///   ``GitError/Code/missingObject`` when an object on the way cannot be read.
  func readTag(name: String, target: ObjectID, odb: OpaquePointer?) throws(GitError)
    -> Result<TagInfo, TagWarning>
  {
    var current = target
    var outer: (id: ObjectID, name: String, tagger: Signature?)?
    var depth = 0
    while depth <= 32 {
      let (type, committed) = try objectType(current, odb: odb, tag: name)
      switch type {
      case GIT_OBJECT_COMMIT:
        let innerName = outer.flatMap { $0.name.hasSameBytes(as: name) ? nil : $0.name }
        return .success(
          TagInfo(
            name: name, kind: outer == nil ? .lightweight : .annotated, commit: current,
            tagObject: outer?.id, nameInObject: innerName, tagger: outer?.tagger, depth: depth,
            committed: committed))
      case GIT_OBJECT_TAG:
        var oid = current.oid
        var tag: OpaquePointer?
        let status = git_tag_lookup(&tag, handle, &oid)
        guard status == 0, let tag else {
          throw objectError(status, "git_tag_lookup", current, tag: name)
        }
        defer { git_tag_free(tag) }
        if outer == nil {
          let tagName = git_tag_name(tag).map { String(cString: $0) } ?? name
          outer = (current, tagName, git_tag_tagger(tag).map(Signature.init))
        }
        guard let next = git_tag_target_id(tag) else {
          return .failure(TagWarning(tag: name, message: "tag object \(current) has no target"))
        }
        current = ObjectID(next)
        depth += 1
      default:
        let kind = String(cString: git_object_type2string(type))
        return .failure(
          TagWarning(tag: name, message: "names a \(kind) (\(current)), not a commit; skipped"))
      }
    }
    return .failure(TagWarning(tag: name, message: "more than 32 tags of tags; skipped"))
  }

  /// Reads one object in full (`git_odb_read`: inflated and its hash checked) and gives its
  /// type, and for a commit its committer date (``committerDate(_:size:)``).
  /// - Throws: ``GitError`` (``GitError/Code/corrupt`` or ``GitError/Code/missingObject``)
  ///   naming the object and the tag that led to it.
  private func objectType(_ id: ObjectID, odb: OpaquePointer?, tag: String) throws(GitError)
    -> (git_object_t, Date?)
  {
    var oid = id.oid
    var object: OpaquePointer?
    let status = git_odb_read(&object, odb, &oid)
    guard status == 0, let object else { throw objectError(status, "git_odb_read", id, tag: tag) }
    defer { git_odb_object_free(object) }
    let type = git_odb_object_type(object)
    let data = git_odb_object_data(object)
    let size = git_odb_object_size(object)
    // libgit2's own hash check is off for speed (GitLibrary): these few objects are checked
    // here, so that bytes of another object under this id (a swapped file) are caught.
    var hashed = git_oid()
    guard git_odb_hash(&hashed, data, size, type) == 0, ObjectID(hashed) == id else {
      throw GitError(
        code: .corrupt, function: "git_odb_hash", path: path,
        message: "object \(id) (tag \(tag)) is corrupt (libgit2: its content hashes to "
          + "\(ObjectID(hashed)), not to its id)")
    }
    if type == GIT_OBJECT_COMMIT, let data {
      try requireTree(ofCommit: id, data: data, size: size, odb: odb, tag: tag)
      return (type, Self.committerDate(data, size: size))
    }
    return (type, nil)
  }

  /// The date of a commit's `committer` line (`committer NAME <EMAIL> SECONDS ±HHMM`), read
  /// from its raw bytes: the seconds after the line's last `>`. `nil` when the header has no
  /// such line or the seconds do not read, so that the caller asks libgit2 instead.
  static func committerDate(_ data: UnsafeRawPointer, size: Int) -> Date? {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let header = bytes.prefix { $0 != 0 }
    let marker = Array("\ncommitter ".utf8)
    var index = header.startIndex
    while index + marker.count <= header.endIndex {
      if header[index] == marker[0], header[index..<(index + marker.count)].elementsEqual(marker) {
        // The header ends at the first empty line; a `committer` line is always before it.
        let lineStart = index + marker.count
        let lineEnd = header[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? header.endIndex
        let line = header[lineStart..<lineEnd]
        guard let close = line.lastIndex(of: UInt8(ascii: ">")) else { return nil }
        guard let seconds = Self.seconds(line[(close + 1)...]) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
      }
      if header[index] == UInt8(ascii: "\n"), index + 1 < header.endIndex,
        header[index + 1] == UInt8(ascii: "\n")
      {
        return nil
      }
      index += 1
    }
    return nil
  }

  /// The whole number that starts `field` after its spaces (`-` allowed), read as `Int64`
  /// reads its text: `nil` when there are no digits, something other than a space follows
  /// them, or it overflows.
  static func seconds(_ field: Slice<UnsafeRawBufferPointer>) -> Int64? {
    var rest = field.drop { $0 == UInt8(ascii: " ") }
    let negative = rest.first == UInt8(ascii: "-")
    if negative || rest.first == UInt8(ascii: "+") { rest = rest.dropFirst() }
    var value: Int64 = 0
    var digits = 0
    for byte in rest {
      if byte == UInt8(ascii: " ") { break }
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflowSum) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
      guard !overflowTimes, !overflowSum else { return nil }
      value = sum
      digits += 1
    }
    guard digits > 0 else { return nil }
    return negative ? -value : value
  }

  /// Checks that the tree a commit's first line names (`tree <40 hex>`) is in the object
  /// database (`git_odb_exists`): a tagged commit whose tree is gone cannot be the release.
  /// - Throws: ``GitError`` with code ``GitError/Code/missingObject`` or
  ///   ``GitError/Code/corrupt`` (no tree line).
  private func requireTree(
    ofCommit id: ObjectID, data: UnsafeRawPointer, size: Int, odb: OpaquePointer?, tag: String
  ) throws(GitError) {
    let header = UnsafeRawBufferPointer(start: data, count: min(size, 45))
    guard header.count == 45, header.prefix(5).elementsEqual("tree ".utf8),
      let tree = ObjectID(hexDigits: header[5..<45])
    else {
      throw GitError(
        code: .corrupt, function: "git_odb_read", path: path,
        message: "object \(id) (tag \(tag)) is corrupt (libgit2: a commit without a tree line)")
    }
    var treeOID = tree.oid
    guard git_odb_exists(odb, &treeOID) == 1 else {
      throw GitError(
        code: .missingObject, function: "git_odb_exists", path: path,
        message: "object \(tree), the tree of commit \(id) (tag \(tag)), is missing "
          + "(libgit2: not in the object database)")
    }
  }

  /// The error for an object that could not be read: missing when libgit2 found no such
  /// object, corrupt otherwise (damaged bytes, a hash that does not match, a truncated file).
  func objectError(_ status: Int32, _ function: String, _ id: ObjectID, tag: String? = nil)
    -> GitError
  {
    let cause = lastError(status, function, path: path)
    let via = tag.map { " (tag \($0))" } ?? ""
    if let limit = Self.descriptorsExhausted() {
      // libgit2 says "not found" when it could not open a pack: not a damaged repository.
      return GitError(
        code: .other, function: function, path: path,
        message: "object \(id)\(via) could not be read: the process has no file descriptor "
          + "left (its limit, ulimit -n, is \(limit)); raise the limit and run again "
          + "(libgit2: \(cause.message))", status: status)
    }
    if cause.code == .notFound {
      return GitError(
        code: .missingObject, function: function, path: path,
        message: "object \(id)\(via) is missing (libgit2: \(cause.message))", status: status)
    }
    return GitError(
      code: .corrupt, function: function, path: path,
      message: "object \(id)\(via) is corrupt (libgit2: \(cause.message))", status: status)
  }

  /// The process's limit on open files when it has reached it (a file cannot be opened for
  /// `EMFILE`), else `nil`: then an object libgit2 could not read is missing or damaged.
  static func descriptorsExhausted() -> Int? {
    let probe = open("/dev/null", O_RDONLY)
    guard probe < 0 else {
      close(probe)
      return nil
    }
    guard errno == EMFILE else { return nil }
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return -1 }
    return Int(limit.rlim_cur)
  }

  /// Resolves a text that names a commit: a full id, an abbreviated id (4 to 39 hex digits,
  /// `git_object_lookup_prefix`), and then, as `spelling` allows, a branch
  /// (`git_branch_lookup`) or any revision (`git_revparse_single`), peeled to a commit.
  ///
  /// - Parameters:
  ///   - text: the text as reported.
  ///   - spelling: what to accept besides ids; inventories take ``CommitSpelling/idOrBranch``.
  /// - Returns: the commit, or why there is none; an abbreviated id shared by several objects
  ///   is ``CommitResolution/ambiguous(candidates:)``, never a guess.
  /// - Throws: ``GitError`` only when the repository cannot be read.
  public func resolveCommit(_ text: String, accepting spelling: CommitSpelling = .anyRevision)
    throws(GitError) -> CommitResolution
  {
    let trimmed = text.trimmingBlanks()
    guard !trimmed.isEmpty else { return .notFound }
    var object: OpaquePointer?
    let isHex = ObjectID.isSpelledAsID(trimmed)
    var status: Int32
    var function = "git_revparse_single"
    func lookUp(_ text: String) -> Int32 {
      guard spelling != .anyRevision else {
        function = "git_revparse_single"
        return git_revparse_single(&object, handle, text)
      }
      // A branch only (local, then remote-tracking): never a reflog entry, a search of commit
      // messages or any other expression that the local clone would answer for itself.
      function = "git_branch_lookup"
      var reference: OpaquePointer?
      var local = text
      var remote = text
      if text.hasPrefix("refs/heads/") { local = String(text.dropFirst(11)); remote = "" }
      if text.hasPrefix("refs/remotes/") { remote = String(text.dropFirst(13)); local = "" }
      // A text no branch could be named (too long for a reference, or against git's naming
      // rules) is no branch: libgit2 would fail on it as if the repository were at fault.
      if !Self.canNameReference("refs/heads/" + local) { local = "" }
      if !Self.canNameReference("refs/remotes/" + remote) { remote = "" }
      var found = GIT_ENOTFOUND.rawValue
      if !local.isEmpty { found = git_branch_lookup(&reference, handle, local, GIT_BRANCH_LOCAL) }
      if found == GIT_ENOTFOUND.rawValue, !remote.isEmpty {
        found = git_branch_lookup(&reference, handle, remote, GIT_BRANCH_REMOTE)
      }
      guard found == 0, let reference else { return found }
      defer { git_reference_free(reference) }
      function = "git_reference_peel"
      return git_reference_peel(&object, reference, GIT_OBJECT_ANY)
    }
    if isHex && spelling != .branch {
      var oid = git_oid()
      git_oid_fromstrn(&oid, trimmed, trimmed.utf8.count)
      function = "git_object_lookup_prefix"
      status = git_object_lookup_prefix(&object, handle, &oid, trimmed.utf8.count, GIT_OBJECT_ANY)
      if status == GIT_ENOTFOUND.rawValue {
        // A branch may be named like hex digits.
        status = lookUp(trimmed)
      }
    } else {
      status = lookUp(trimmed)
    }
    if status == GIT_EAMBIGUOUS.rawValue {
      // The ambiguous part is the abbreviated id the text starts with (`c302^{commit}`).
      let prefix = String(trimmed.prefix { $0.isASCII && $0.isHexDigit }).lowercased()
      return .ambiguous(candidates: countObjects(withPrefix: prefix))
    }
    if status == GIT_ENOTFOUND.rawValue || status == GIT_EINVALIDSPEC.rawValue {
      return .notFound
    }
    try check(status, function, path: path)
    guard let object else { return .notFound }
    defer { git_object_free(object) }
    var peeled: OpaquePointer?
    guard git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0, let peeled else {
      return .notACommit(type: String(cString: git_object_type2string(git_object_type(object))))
    }
    defer { git_object_free(peeled) }
    return .commit(ObjectID(git_object_id(peeled)))
  }

  /// Whether `name` can be a reference's full name: shorter than libgit2's limit of 1,024
  /// bytes (`GIT_REFNAME_MAX`) and valid by git's rules (`git_reference_name_is_valid`).
  static func canNameReference(_ name: String) -> Bool {
    guard name.utf8.count < 1024, !name.utf8.contains(0) else { return false }
    var valid: Int32 = 0
    return git_reference_name_is_valid(&valid, name) == 0 && valid == 1
  }

  /// Counts the objects whose id starts with `prefix` (`git_odb_foreach`); only called when
  /// a prefix is already known to be ambiguous, so the full scan is paid rarely.
  private func countObjects(withPrefix prefix: String) -> Int {
    final class Box {
      let prefix: String
      var count = 0
      var seen = Set<String>()
      init(prefix: String) { self.prefix = prefix }
    }
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, handle) == 0 else { return 2 }
    defer { git_odb_free(odb) }
    let box = Box(prefix: prefix)
    let unmanaged = Unmanaged.passRetained(box)
    defer { unmanaged.release() }
    _ = git_odb_foreach(
      odb,
      { oid, payload in
        guard let oid, let payload else { return 0 }
        let box = Unmanaged<Box>.fromOpaque(payload).takeUnretainedValue()
        let hex = ObjectID(oid).hex
        if hex.hasPrefix(box.prefix), box.seen.insert(hex).inserted { box.count += 1 }
        return 0
      }, unmanaged.toOpaque())
    return max(box.count, 2)
  }

  /// Reads one commit (`git_commit_lookup`).
  /// - Throws: ``GitError`` when there is no such commit.
  public func commit(_ id: ObjectID) throws(GitError) -> Commit {
    var oid = id.oid
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup", path: path)
    guard let commit else {
      throw GitError(code: .notFound, function: "git_commit_lookup", path: path, message: "\(id)")
    }
    defer { git_commit_free(commit) }
    let summary = git_commit_summary(commit).map { String(cString: $0) } ?? ""
    let parents = (0..<git_commit_parentcount(commit)).compactMap { index in
      git_commit_parent_id(commit, index).map { ObjectID($0) }
    }
    let unknown = Signature(
      name: "", email: "", date: Date(timeIntervalSince1970: 0), utcOffsetMinutes: 0)
    return Commit(
      id: id, summary: summary,
      author: git_commit_author(commit).map(Signature.init) ?? unknown,
      committer: git_commit_committer(commit).map(Signature.init) ?? unknown,
      parents: parents)
  }

  /// Whether `ancestor` is in the history of `descendant` (`git_graph_descendant_of`), where
  /// a commit is its own ancestor as in git.
  ///
  /// On a shallow clone a "no" is not trusted (the path may run through missing history)
  /// and comes back as ``Ancestry/unknown(reason:)``.
  /// - Throws: ``GitError`` when either commit cannot be read in a complete repository.
  public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws(GitError)
    -> Ancestry
  {
    if ancestor == descendant { return .ancestor }
    var a = ancestor.oid
    var d = descendant.oid
    let status = git_graph_descendant_of(handle, &d, &a)
    if status == 1 { return .ancestor }
    // Read libgit2's error before any other call can overwrite it.
    let failure = status < 0 ? lastError(status, "git_graph_descendant_of", path: path) : nil
    if isShallow { return shallowAncestry(ancestor, of: descendant) }
    if let failure { throw failure }
    return .notAncestor
  }

  /// Ancestry in a shallow clone, where libgit2 1.5 fails as soon as a walk touches the
  /// boundary's missing parents: walk the parents by hand from `descendant`, so that an
  /// ancestor inside the history the clone has (the boundary commit included) is found; every
  /// other answer is unknown, because the path may run through the missing history.
  private func shallowAncestry(_ ancestor: ObjectID, of descendant: ObjectID) -> Ancestry {
    var pending = [descendant]
    var seen: Set<ObjectID> = [descendant]
    while let next = pending.popLast() {
      if next == ancestor { return .ancestor }
      var oid = next.oid
      var commit: OpaquePointer?
      guard git_commit_lookup(&commit, handle, &oid) == 0, let commit else { continue }
      defer { git_commit_free(commit) }
      for index in 0..<git_commit_parentcount(commit) {
        guard let parent = git_commit_parent_id(commit, index).map({ ObjectID($0) }) else {
          continue
        }
        if seen.insert(parent).inserted { pending.append(parent) }
      }
    }
    return .unknown(reason: "shallow clone: the history that would decide it is missing")
  }
}

extension Signature {
  init(_ signature: UnsafePointer<git_signature>) {
    let s = signature.pointee
    self.init(
      name: s.name.map { String(cString: $0) } ?? "",
      email: s.email.map { String(cString: $0) } ?? "",
      date: Date(timeIntervalSince1970: TimeInterval(s.when.time)),
      utcOffsetMinutes: Int(s.when.offset))
  }
}
