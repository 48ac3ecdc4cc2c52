internal import CLibGit2
import Foundation

extension Repository {
  /// The first, cheap step of a patch-id comparison, as git's header-only patch-id in
  /// `git cherry`: a 64-bit key of the paths a commit changes against its only parent, read
  /// from the two trees without any file content (`git_tree_lookup`, entries compared by id
  /// and mode, subtrees entered only where their ids differ, as `git diff-tree` does).
  ///
  /// Two commits with the same patch-id change the same paths and so have the same key: a
  /// different key proves a different patch-id, and the full ``patchID(of:reversed:)`` is
  /// needed only where keys are equal. The key of a commit's inverse change is its own.
  /// - Returns: FNV-1a (64 bits) over the changed file paths in git's tree order, whitespace
  ///   left out (as patch-ids leave it out), each followed by a zero byte; `nil` for a merge
  ///   and for a commit that changes nothing.
  /// - Throws: ``GitError`` when the commit, its parent or a tree cannot be read.
  public func pathsKey(of id: ObjectID) throws(GitError) -> UInt64? {
    let key = try changes(of: id, keepingPaths: false)
    return key.map { $0.count == 0 ? nil : $0.value } ?? nil
  }

  /// A coarser first step than ``pathsKey(of:)``, read from the two root trees alone: a
  /// 64-bit key of the top-level names under which a commit changes something (the entries
  /// of its root tree and its parent's whose ids or modes differ; no subtree is read).
  ///
  /// Two commits with the same patch-id change the same paths, so the same top-level names:
  /// a different root key proves a different patch-id, and ``pathsKey(of:)`` is needed only
  /// where root keys are equal. On a long history most commits are told apart here, at the
  /// cost of the root trees alone.
  /// - Returns: FNV-1a (64 bits) over the names, whitespace left out (as patch-ids leave it
  ///   out of paths), sorted bytewise and each followed by a zero byte, each name once;
  ///   `nil` for a merge and for a commit whose root tree equals its parent's.
  /// - Throws: ``GitError`` when the commit, its parent or a root tree cannot be read.
  public func rootKey(of id: ObjectID) throws(GitError) -> UInt64? {
    let key = try withTrees(of: id) { parentTree, tree throws(GitError) -> PathsKey? in
      var key = PathsKey(topLevelOnly: true)
      try compare(parentTree, tree, under: [], into: &key)
      return key
    }
    guard let key, !key.topLevelNames.isEmpty else { return nil }
    var hash = FNV1a()
    for name in key.topLevelNames.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      hash.add(contentsOf: name)
      hash.add(0)
    }
    return hash.value
  }

  /// The file paths a commit changes against its only parent (against nothing for a root
  /// commit), in git's tree order, as ``pathsKey(of:)`` reads them (no content read; renames
  /// are a removal and an addition).
  /// - Returns: the paths, `/`-separated from the repository's root; `nil` for a merge.
  /// - Throws: ``GitError`` when the commit, its parent or a tree cannot be read.
  public func changedPaths(of id: ObjectID) throws(GitError) -> [String]? {
    try changes(of: id, keepingPaths: true)?.paths
  }

  /// The id of what a commit adds and removes, per file, ignoring context lines and hunk
  /// positions: equal for two commits that add and remove the same lines in the same files
  /// where their patch-ids differ only by context (`git_patch_from_diff`, each `+` and `-`
  /// line of each hunk in order, and before each file its path, what happens to it (added,
  /// deleted, modified) and its old and new modes; binary changes by their blob ids; hashed
  /// with `git_odb_hash`).
  /// - Returns: the id; `nil` for a merge or a commit that changes nothing.
  /// - Throws: ``GitError`` when the commit or its trees cannot be read.
  public func changedLinesID(of id: ObjectID) throws(GitError) -> ObjectID? {
    try diffAgainstParent(of: id, reversed: false) { diff throws(GitError) -> ObjectID? in
      let deltas = git_diff_num_deltas(diff)
      guard deltas > 0 else { return nil }
      var text: [UInt8] = []
      for index in 0..<deltas {
        var patch: OpaquePointer?
        try check(git_patch_from_diff(&patch, diff, index), "git_patch_from_diff", path: path)
        defer { git_patch_free(patch) }
        guard let delta = git_patch_get_delta(patch) else { continue }
        if let name = delta.pointee.new_file.path ?? delta.pointee.old_file.path {
          text += Array(String(cString: name).utf8) + [0]
        }
        // What happens to the file (added, deleted, modified) and its modes are part of the
        // change: a deletion is not an emptying, nor a mode change no change.
        let status = delta.pointee.status.rawValue
        let modes = "\(delta.pointee.old_file.mode) \(delta.pointee.new_file.mode)"
        text += Array("\(status) \(modes)\n".utf8)
        if delta.pointee.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0 {
          var old = delta.pointee.old_file.id
          var new = delta.pointee.new_file.id
          text += Array((ObjectID(&old).hex + ObjectID(&new).hex).utf8)
        }
        for hunk in 0..<git_patch_num_hunks(patch) {
          let lines = git_patch_num_lines_in_hunk(patch, hunk)
          guard lines > 0 else { continue }
          for number in 0..<Int(lines) {
            var line: UnsafePointer<git_diff_line>?
            try check(
              git_patch_get_line_in_hunk(&line, patch, hunk, number), "git_patch_get_line_in_hunk",
              path: path)
            guard let line, line.pointee.origin == 0x2B || line.pointee.origin == 0x2D else {
              continue
            }
            text.append(UInt8(line.pointee.origin))
            if let content = line.pointee.content {
              content.withMemoryRebound(to: UInt8.self, capacity: line.pointee.content_len) {
                text += UnsafeBufferPointer(start: $0, count: line.pointee.content_len)
              }
            }
          }
        }
      }
      var hashed = git_oid()
      try check(
        git_odb_hash(&hashed, text, text.count, GIT_OBJECT_BLOB), "git_odb_hash", path: path)
      return ObjectID(&hashed)
    }
  }

  /// The paths a commit changes against its only parent, read by comparing the trees; `nil`
  /// for a merge.
  private func changes(of id: ObjectID, keepingPaths: Bool) throws(GitError) -> PathsKey? {
    try withTrees(of: id) { parentTree, tree throws(GitError) in
      var key = PathsKey(keepsPaths: keepingPaths, topLevelOnly: false)
      try compare(parentTree, tree, under: [], into: &key)
      return key
    }
  }

  /// A commit's tree and its only parent's (`nil` for a root commit), handed to `body`
  /// (`git_commit_lookup`, `git_commit_parent`, `git_tree_lookup`); the trees stay on the
  /// ``TreeShelf`` for the next commit, whose parent's tree is often this commit's.
  /// - Returns: `nil` for a merge, else what `body` returns.
  /// - Throws: ``GitError`` when the commit, its parent or a tree cannot be read.
  private func withTrees<T>(
    of id: ObjectID, _ body: (OpaquePointer?, OpaquePointer?) throws(GitError) -> T?
  ) throws(GitError) -> T? {
    var oid = id.oid
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup", path: path)
    defer { git_commit_free(commit) }
    let parents = git_commit_parentcount(commit)
    guard parents <= 1 else { return nil }
    defer { trees.turn() }
    let tree = try lookupTree(git_commit_tree_id(commit))
    var parentTree: OpaquePointer?
    if parents == 1 {
      var parent: OpaquePointer?
      try check(git_commit_parent(&parent, commit, 0), "git_commit_parent", path: path)
      defer { git_commit_free(parent) }
      parentTree = try lookupTree(git_commit_tree_id(parent))
    }
    return try body(parentTree, tree)
  }

  /// FNV-1a over a sequence of paths, each ended by a zero byte; with `keepsPaths`, the paths
  /// themselves too. With `topLevelOnly`, only the set of top-level names that differ, and
  /// no subtree entered (``rootKey(of:)``).
  private struct PathsKey {
    var hash = FNV1a()
    var value: UInt64 { hash.value }
    var count = 0
    var keepsPaths = false
    var paths: [String] = []
    var topLevelOnly = false
    var topLevelNames: Set<[UInt8]> = []

    /// Adds a differing top-level entry's name, whitespace left out.
    mutating func addTopLevel(_ name: UnsafePointer<CChar>?) {
      guard var cursor = name else { return }
      var bytes: [UInt8] = []
      while cursor.pointee != 0 {
        let byte = UInt8(bitPattern: cursor.pointee)
        if !Self.isWhitespace(byte) { bytes.append(byte) }
        cursor += 1
      }
      topLevelNames.insert(bytes)
    }

    mutating func add(_ prefix: [UInt8], _ name: UnsafePointer<CChar>?) {
      guard let name else { return }
      if keepsPaths {
        paths.append(String(decoding: prefix, as: UTF8.self) + String(cString: name))
      }
      // Whitespace is left out, as patch-ids leave it out of the paths they hash (`my
      // file.txt` and `myfile.txt` can have one patch-id, so they must share a key).
      for byte in prefix where !Self.isWhitespace(byte) { hash.add(byte) }
      var cursor = name
      while cursor.pointee != 0 {
        let byte = UInt8(bitPattern: cursor.pointee)
        if !Self.isWhitespace(byte) { hash.add(byte) }
        cursor += 1
      }
      hash.add(0)
      count += 1
    }

    /// Space, tab, newline, vertical tab, form feed, carriage return (C's `isspace`).
    static func isWhitespace(_ byte: UInt8) -> Bool {
      byte == 0x20 || (0x09...0x0D).contains(byte)
    }
  }

  /// The tree `id`, from the ``TreeShelf`` or read (`git_tree_lookup`); the shelf owns it.
  private func lookupTree(_ id: UnsafePointer<git_oid>?) throws(GitError) -> OpaquePointer {
    guard let id else {
      throw GitError(code: .other, function: "git_tree_lookup", path: path, message: "no tree id")
    }
    return try trees.tree(ObjectID(id)) { () throws(GitError) -> OpaquePointer in
      var tree: OpaquePointer?
      try check(git_tree_lookup(&tree, handle, id), "git_tree_lookup", path: path)
      guard let tree else {
        throw GitError(code: .other, function: "git_tree_lookup", path: path, message: "no tree")
      }
      return tree
    }
  }

  /// Adds to `key` every file path that differs between `old` and `new` (either may be
  /// absent: every file of the other is added or removed), both sorted in git's tree order.
  private func compare(
    _ old: OpaquePointer?, _ new: OpaquePointer?, under prefix: [UInt8], into key: inout PathsKey
  ) throws(GitError) {
    let oldCount = old.map { git_tree_entrycount($0) } ?? 0
    let newCount = new.map { git_tree_entrycount($0) } ?? 0
    var i = 0
    var j = 0
    while true {
      let a = i < oldCount ? git_tree_entry_byindex(old, i) : nil
      let b = j < newCount ? git_tree_entry_byindex(new, j) : nil
      switch (a, b) {
      case (nil, nil):
        return
      case (let a?, nil):
        try side(a, under: prefix, into: &key, asOld: true)
        i += 1
      case (nil, let b?):
        try side(b, under: prefix, into: &key, asOld: false)
        j += 1
      case (let a?, let b?):
        let order = Self.treeOrder(a, b)
        if order < 0 {
          try side(a, under: prefix, into: &key, asOld: true)
          i += 1
        } else if order > 0 {
          try side(b, under: prefix, into: &key, asOld: false)
          j += 1
        } else {
          try changed(a, b, under: prefix, into: &key)
          i += 1
          j += 1
        }
      }
    }
  }

  /// Two entries of the same name: nothing when id and mode are equal, the subtrees compared
  /// when both are folders, else the path.
  private func changed(
    _ a: OpaquePointer, _ b: OpaquePointer, under prefix: [UInt8], into key: inout PathsKey
  ) throws(GitError) {
    guard
      git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) == 0
        || git_tree_entry_filemode(a) != git_tree_entry_filemode(b)
    else { return }
    if key.topLevelOnly {
      key.addTopLevel(git_tree_entry_name(a))
      return
    }
    guard git_tree_entry_type(a) == GIT_OBJECT_TREE, git_tree_entry_type(b) == GIT_OBJECT_TREE
    else {
      key.add(prefix, git_tree_entry_name(a))
      return
    }
    let oldTree = try lookupTree(git_tree_entry_id(a))
    let newTree = try lookupTree(git_tree_entry_id(b))
    try compare(oldTree, newTree, under: Self.path(prefix, a), into: &key)
  }

  /// An entry on one side only: a file path, or every file under a folder.
  private func side(
    _ entry: OpaquePointer, under prefix: [UInt8], into key: inout PathsKey, asOld: Bool
  ) throws(GitError) {
    if key.topLevelOnly {
      key.addTopLevel(git_tree_entry_name(entry))
      return
    }
    guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else {
      key.add(prefix, git_tree_entry_name(entry))
      return
    }
    let tree = try lookupTree(git_tree_entry_id(entry))
    let below = Self.path(prefix, entry)
    try asOld
      ? compare(tree, nil, under: below, into: &key) : compare(nil, tree, under: below, into: &key)
  }

  private static func path(_ prefix: [UInt8], _ entry: OpaquePointer) -> [UInt8] {
    var result = prefix
    guard var cursor = git_tree_entry_name(entry) else { return result }
    while cursor.pointee != 0 {
      result.append(UInt8(bitPattern: cursor.pointee))
      cursor += 1
    }
    result.append(0x2F)
    return result
  }

  /// git's order of tree entries (`base_name_compare`): bytes, with a folder's name read as if
  /// it ended in `/`.
  static func treeOrder(_ a: OpaquePointer, _ b: OpaquePointer) -> Int {
    guard var x = git_tree_entry_name(a), var y = git_tree_entry_name(b) else { return 0 }
    while x.pointee != 0, x.pointee == y.pointee {
      x += 1
      y += 1
    }
    func end(_ cursor: UnsafePointer<CChar>, _ entry: OpaquePointer) -> UInt8 {
      if cursor.pointee != 0 { return UInt8(bitPattern: cursor.pointee) }
      return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? 0x2F : 0
    }
    return Int(end(x, a)) - Int(end(y, b))
  }

  /// The patch-id of a commit against its only parent: the same equivalence `git cherry` and
  /// `git patch-id --stable` use (`git_diff_tree_to_tree` with the indent heuristic, then
  /// `git_diff_patchid`).
  ///
  /// libgit2 hashes every binary change as "Binary files differ", so two different binary
  /// changes would collide: the blob ids of binary deltas are mixed into the id here. Renames
  /// are not detected (`git cherry` does not either).
  /// - Returns: the id; `nil` for a merge (it has no patch of its own) and for a commit that
  ///   changes nothing. With `reversed`, the id of the inverse change (what a revert of the
  ///   commit has).
  /// - Throws: ``GitError`` when the commit or its trees cannot be read.
  public func patchID(of id: ObjectID, reversed: Bool = false) throws(GitError) -> ObjectID? {
    try diffAgainstParent(of: id, reversed: reversed) { diff throws(GitError) -> ObjectID? in
      let deltas = git_diff_num_deltas(diff)
      guard deltas > 0 else { return nil }
      var patch = git_oid()
      try check(git_diff_patchid(&patch, diff, nil), "git_diff_patchid", path: path)
      var binary: [String] = []
      for index in 0..<deltas {
        guard let delta = git_diff_get_delta(diff, index) else { continue }
        if delta.pointee.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0 {
          var old = delta.pointee.old_file.id
          var new = delta.pointee.new_file.id
          binary.append(ObjectID(&old).hex + ObjectID(&new).hex)
        }
      }
      guard !binary.isEmpty else { return ObjectID(&patch) }
      var mixed = git_oid()
      let bytes = Array((ObjectID(&patch).hex + binary.joined()).utf8)
      try check(
        git_odb_hash(&mixed, bytes, bytes.count, GIT_OBJECT_BLOB), "git_odb_hash", path: path)
      return ObjectID(&mixed)
    }
  }

  /// The diff of a commit against its only parent (against the empty tree for a root commit),
  /// or from the commit back to its parent with `reversed`, handed to `body` and freed after.
  /// - Returns: `nil` for a merge, else what `body` returns.
  private func diffAgainstParent<T>(
    of id: ObjectID, reversed: Bool, _ body: (OpaquePointer?) throws(GitError) -> T?
  ) throws(GitError) -> T? {
    try withTrees(of: id) { parentTree, tree throws(GitError) -> T? in
      try diff(from: reversed ? tree : parentTree, to: reversed ? parentTree : tree, body)
    }
  }

  /// The diff between two trees (`git_diff_tree_to_tree`, indent heuristic), handed to `body`.
  /// Before the first, the work tree's `.gitattributes` files are checked: libgit2 reads them
  /// for each path's diff driver, and would block on a FIFO.
  private func diff<T>(
    from: OpaquePointer?, to: OpaquePointer?, _ body: (OpaquePointer?) throws(GitError) -> T?
  ) throws(GitError) -> T? {
    if !diffFilesChecked, let top = workDirectory {
      do {
        try RepositoryFiles.checkIgnoreFiles(workTree: top, under: ["."])
      } catch {
        throw error.gitError(repository: path, reading: "its changes")
      }
      diffFilesChecked = true
    }
    var options = git_diff_options()
    git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
    options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue
    var diff: OpaquePointer?
    try check(
      git_diff_tree_to_tree(&diff, handle, from, to, &options), "git_diff_tree_to_tree",
      path: path)
    defer { git_diff_free(diff) }
    return try body(diff)
  }
}
