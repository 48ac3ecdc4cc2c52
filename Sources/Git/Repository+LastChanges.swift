internal import CLibGit2
import Foundation

extension Repository {
  /// For each file of a commit's tree, the newest commit that gave it the content and mode it
  /// has there: the commit a bill of materials names as the file's last change.
  ///
  /// One revision walk from `head` in commit-date order (`git_revwalk_next`, `GIT_SORT_TIME`),
  /// ended as soon as every file is found. A commit gave a file its content when its tree has
  /// the file with the same blob id and mode as `head`'s and none of its parents' trees has
  /// (a root commit: when its tree has it). Trees are compared by id, and a folder is entered
  /// only where the ids differ and a file not yet found lies below it, so the cost is the
  /// folders changed, not the files kept. Across a merge this follows the parent the content
  /// came from, as `git log -1 -- <path>` does; where two branches made the same content, the
  /// newer commit is named.
  /// - Parameters:
  ///   - files: files of `head`'s tree (``files(of:under:)``).
  ///   - head: the commit they were read from.
  ///   - helpers: other handles on the same repository, each used from one more thread: the
  ///     walk's commits are then split into as many runs, newest first, each searched on its
  ///     own handle, and a file takes the newest run's answer (the same answer as one walk,
  ///     since whether a commit gave a file its content does not depend on the others). Not
  ///     used on a shallow clone.
  /// - Returns: one commit id per file, in the order of `files`; `nil` where the history that
  ///   would tell is missing (a shallow clone's boundary).
  /// - Throws: ``GitError`` when a commit or tree cannot be read in a complete repository.
  public func lastChanges(
    of files: [TreeFile], from head: ObjectID, helpedBy helpers: [Repository] = []
  ) throws(GitError) -> [ObjectID?] {
    guard !files.isEmpty else { return [] }
    guard !helpers.isEmpty, !isShallow else { return try lastChanges(of: files, from: head) }
    var order: [ObjectID] = []
    try walk(from: head, hiding: [], sorting: GIT_SORT_TIME.rawValue) {
      id throws(GitError) -> Bool in
      order.append(id)
      return true
    }
    let handles = [self] + helpers
    let size = (order.count + handles.count - 1) / handles.count
    let runs = stride(from: 0, to: order.count, by: max(size, 1)).map {
      Array(order[$0..<min($0 + size, order.count)])
    }
    let results = LastChangeWorkers(handles: handles, runs: runs)
    DispatchQueue.concurrentPerform(iterations: runs.count) { worker in
      results.search(worker, files: files)
    }
    if let failure = results.failure { throw failure }
    var found: [ObjectID?] = Array(repeating: nil, count: files.count)
    for run in results.found {
      for index in found.indices where found[index] == nil { found[index] = run[index] }
    }
    return found
  }

  /// The walk of ``lastChanges(of:from:helpedBy:)`` on one handle, from the start.
  private func lastChanges(of files: [TreeFile], from head: ObjectID) throws(GitError)
    -> [ObjectID?]
  {
    var search = LastChangeSearch(files: files)
    do {
      try walk(from: head, hiding: [], sorting: GIT_SORT_TIME.rawValue) {
        id throws(GitError) -> Bool in
        defer { trees.turn() }
        try search.visit(id, in: self)
        return search.remaining > 0
      }
    } catch {
      // A shallow clone's walk fails at its boundary: what was found holds, the rest is
      // unknown.
      guard isShallow else { throw error }
    }
    return search.found
  }

  /// The tree `id` through the ``TreeShelf`` (`git_tree_lookup`); the shelf owns it.
  func shelvedTree(_ id: UnsafePointer<git_oid>) throws(GitError) -> OpaquePointer {
    try trees.tree(ObjectID(id)) { () throws(GitError) -> OpaquePointer in
      var tree: OpaquePointer?
      try check(git_tree_lookup(&tree, handle, id), "git_tree_lookup", path: path)
      guard let tree else {
        throw GitError(code: .other, function: "git_tree_lookup", path: path, message: "no tree")
      }
      return tree
    }
  }
}

/// The state of one ``Repository/lastChanges(of:from:)`` walk: which files are still to be
/// found, and how many lie below each folder.
struct LastChangeSearch {
  /// Each wanted path's index in the caller's list.
  private var wanted: [[UInt8]: Int] = [:]
  private let files: [TreeFile]
  /// How many files not yet found lie below each folder (`a/b/`; the root is empty).
  private var open: [[UInt8]: Int] = [:]
  /// The answer so far.
  private(set) var found: [ObjectID?]
  /// How many files are still to be found.
  private(set) var remaining: Int

  init(files: [TreeFile]) {
    self.files = files
    found = Array(repeating: nil, count: files.count)
    remaining = files.count
    for (index, file) in files.enumerated() {
      wanted[file.pathBytes] = index
      for folder in Self.folders(of: file.pathBytes) { open[folder, default: 0] += 1 }
    }
  }

  /// Every folder a path lies in, the root (empty) first, each ending in `/`.
  private static func folders(of path: [UInt8]) -> [[UInt8]] {
    var result: [[UInt8]] = [[]]
    for (index, byte) in path.enumerated() where byte == 0x2F {
      result.append(Array(path[...index]))
    }
    return result
  }

  /// Reads one commit of the walk and names it for every file it gave its content.
  mutating func visit(_ id: ObjectID, in repository: Repository) throws(GitError) {
    var oid = id.oid
    var commit: OpaquePointer?
    try check(
      git_commit_lookup(&commit, repository.handle, &oid), "git_commit_lookup",
      path: repository.path)
    defer { git_commit_free(commit) }
    guard let treeID = git_commit_tree_id(commit) else { return }
    let tree = try repository.shelvedTree(treeID)
    var parentTrees: [OpaquePointer] = []
    for index in 0..<git_commit_parentcount(commit) {
      var parent: OpaquePointer?
      try check(
        git_commit_parent(&parent, commit, index), "git_commit_parent", path: repository.path)
      defer { git_commit_free(parent) }
      guard let parentTreeID = git_commit_tree_id(parent) else { continue }
      parentTrees.append(try repository.shelvedTree(parentTreeID))
    }
    var candidates: [(path: [UInt8], index: Int)] = []
    try collect(tree, against: parentTrees.first, under: [], in: repository, into: &candidates)
    for (path, index) in candidates {
      // A merge gave the content only when no parent had it.
      let inherited = parentTrees.dropFirst().contains { parent in
        Self.entry(at: path, in: parent).map { $0 == (files[index].id, files[index].mode) }
          ?? false
      }
      guard !inherited, found[index] == nil else { continue }
      found[index] = id
      remaining -= 1
      for folder in Self.folders(of: path) { open[folder, default: 1] -= 1 }
    }
  }

  /// The files not yet found whose entry in `tree` is theirs in the head and differs from
  /// `parent`'s (every one of them when there is no parent). Both trees are read in step, in
  /// git's entry order, so that an entry's counterpart is found without a search.
  private func collect(
    _ tree: OpaquePointer, against parent: OpaquePointer?, under prefix: [UInt8],
    in repository: Repository, into candidates: inout [(path: [UInt8], index: Int)]
  ) throws(GitError) {
    let oldCount = parent.map { git_tree_entrycount($0) } ?? 0
    var cursor = 0
    for position in 0..<git_tree_entrycount(tree) {
      guard let entry = git_tree_entry_byindex(tree, position), let id = git_tree_entry_id(entry)
      else { continue }
      // The parent's entry of the same name, if any: entries before it are gone here.
      var old: OpaquePointer?
      while cursor < oldCount, let candidate = git_tree_entry_byindex(parent, cursor) {
        let order = Repository.treeOrder(candidate, entry)
        if order < 0 {
          cursor += 1
          continue
        }
        if order == 0 {
          old = candidate
          cursor += 1
        }
        break
      }
      if let old, git_oid_equal(git_tree_entry_id(old), id) != 0,
        git_tree_entry_filemode(old) == git_tree_entry_filemode(entry)
      {
        continue
      }
      let path = prefix + Repository.nameBytes(entry)
      if git_tree_entry_type(entry) == GIT_OBJECT_TREE {
        let folder = path + [0x2F]
        guard open[folder, default: 0] > 0 else { continue }
        let oldTree: OpaquePointer? =
          if let old, git_tree_entry_type(old) == GIT_OBJECT_TREE,
            let oldID = git_tree_entry_id(old)
          {
            try repository.shelvedTree(oldID)
          } else {
            nil
          }
        try collect(
          try repository.shelvedTree(id), against: oldTree, under: folder, in: repository,
          into: &candidates)
        continue
      }
      guard let index = wanted[path], found[index] == nil,
        files[index].id == ObjectID(id),
        files[index].mode == UInt32(git_tree_entry_filemode(entry).rawValue)
      else { continue }
      candidates.append((path, index))
    }
  }

  /// The id and mode at `path` in `tree` (`git_tree_entry_bypath`); `nil` when absent.
  private static func entry(at path: [UInt8], in tree: OpaquePointer) -> (ObjectID, UInt32)? {
    var entry: OpaquePointer?
    let status = (path + [0]).withUnsafeBufferPointer { bytes in
      bytes.withMemoryRebound(to: CChar.self) {
        git_tree_entry_bypath(&entry, tree, $0.baseAddress)
      }
    }
    guard status == 0, let entry else { return nil }
    defer { git_tree_entry_free(entry) }
    guard let id = git_tree_entry_id(entry) else { return nil }
    return (ObjectID(id), UInt32(git_tree_entry_filemode(entry).rawValue))
  }
}

/// The runs of one split last-change walk, a handle for each, and what each found. Each
/// worker touches only its own handle and slot; the lock guards the slots and the first
/// failure. A later run stops as soon as an earlier run has found every file (the earlier
/// answers win).
final class LastChangeWorkers: @unchecked Sendable {
  let handles: [Repository]
  let runs: [[ObjectID]]
  private let lock = NSLock()
  private var results: [[ObjectID?]]
  private var complete: [Bool]
  private(set) var failure: GitError?

  init(handles: [Repository], runs: [[ObjectID]]) {
    self.handles = handles
    self.runs = runs
    results = Array(repeating: [], count: runs.count)
    complete = Array(repeating: false, count: runs.count)
  }

  /// What each run found, newest run first.
  var found: [[ObjectID?]] { lock.withLock { results } }

  /// Searches run `worker` on its handle.
  func search(_ worker: Int, files: [TreeFile]) {
    let repository = handles[worker]
    var search = LastChangeSearch(files: files)
    do throws(GitError) {
      for (count, id) in runs[worker].enumerated() {
        if count % 64 == 0, worker > 0, lock.withLock({ complete[0..<worker].contains(true) }) {
          break
        }
        defer { repository.trees.turn() }
        try search.visit(id, in: repository)
        if search.remaining == 0 { break }
      }
    } catch {
      lock.withLock { if failure == nil { failure = error } }
    }
    lock.withLock {
      results[worker] = search.found
      complete[worker] = search.remaining == 0
    }
  }
}
