internal import CLibGit2
import Foundation

extension Repository {
  /// The commits reachable from `head` and from none of `hidden` (`git rev-list head ^hidden…`),
  /// newest first, through one revision walk (`git_revwalk_push`, `git_revwalk_hide`).
  ///
  /// - Throws: ``GitError`` when a commit cannot be read; on a shallow clone the walk fails at
  ///   the boundary with code ``GitError/Code/notFound`` or ``GitError/Code/other``, and the
  ///   caller must treat the answer as unknown.
  public func commits(reachableFrom head: ObjectID, excluding hidden: [ObjectID]) throws(GitError)
    -> [ObjectID]
  {
    var result: [ObjectID] = []
    try walk(
      from: head, hiding: hidden, sorting: GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
    ) { result.append($0) }
    return result
  }

  /// Every commit reachable from `head`, itself included (`git rev-list head`), through one
  /// revision walk in no particular order (`git_revwalk_push`, `GIT_SORT_NONE`).
  ///
  /// One walk answers "is H an ancestor of `head`?" for any number of H in O(1) each, where a
  /// walk per H would cost the distance from `head` every time.
  /// - Returns: the set of commit ids; its size is the length of the history.
  /// - Throws: ``GitError`` when a commit cannot be read (on a shallow clone, at the boundary).
  public func ancestors(of head: ObjectID) throws(GitError) -> Set<ObjectID> {
    var result: Set<ObjectID> = []
    try walk(from: head, hiding: [], sorting: GIT_SORT_NONE.rawValue) { result.insert($0) }
    return result
  }

  /// One revision walk (`git_revwalk_new`, `git_revwalk_push`, `git_revwalk_hide`,
  /// `git_revwalk_next`), each commit handed to `visit` in the order `sorting` asks for.
  /// - Throws: ``GitError`` when a commit cannot be read.
  private func walk(
    from head: ObjectID, hiding hidden: [ObjectID], sorting: UInt32, visit: (ObjectID) -> Void
  ) throws(GitError) {
    var walk: OpaquePointer?
    try check(git_revwalk_new(&walk, handle), "git_revwalk_new", path: path)
    defer { git_revwalk_free(walk) }
    git_revwalk_sorting(walk, sorting)
    var start = head.oid
    try check(git_revwalk_push(walk, &start), "git_revwalk_push", path: path)
    for id in hidden {
      var oid = id.oid
      try check(git_revwalk_hide(walk, &oid), "git_revwalk_hide", path: path)
    }
    var oid = git_oid()
    while true {
      let status = git_revwalk_next(&oid, walk)
      if status == GIT_ITEROVER.rawValue { break }
      try check(status, "git_revwalk_next", path: path)
      visit(ObjectID(oid))
    }
  }

  /// The full message of a commit (`git_commit_message`), for trailers such as
  /// `(cherry picked from commit …)`.
  /// - Throws: ``GitError`` when there is no such commit.
  public func message(of id: ObjectID) throws(GitError) -> String {
    var oid = id.oid
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup", path: path)
    defer { git_commit_free(commit) }
    return git_commit_message(commit).map { String(cString: $0) } ?? ""
  }

  /// The patch-id of a commit against its only parent: the same equivalence `git cherry` and
  /// `git patch-id --stable` use (`git_diff_tree_to_tree` with the indent heuristic, then
  /// `git_diff_patchid`).
  ///
  /// libgit2 hashes every binary change as "Binary files differ", so two different binary
  /// changes would collide: the blob ids of binary deltas are mixed into the id here. Renames
  /// are not detected (`git cherry` does not either).
  /// - Returns: the id as 40 hex digits; `nil` for a merge (it has no patch of its own) and
  ///   for a commit that changes nothing.
  ///   With `reversed`, the id of the inverse change (what a revert of the commit has).
  /// - Throws: ``GitError`` when the commit or its trees cannot be read.
  public func patchID(of id: ObjectID, reversed: Bool = false) throws(GitError) -> String? {
    var oid = id.oid
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup", path: path)
    defer { git_commit_free(commit) }
    let parents = git_commit_parentcount(commit)
    guard parents <= 1 else { return nil }
    var tree: OpaquePointer?
    try check(git_commit_tree(&tree, commit), "git_commit_tree", path: path)
    defer { git_tree_free(tree) }
    var parentTree: OpaquePointer?
    if parents == 1 {
      var parent: OpaquePointer?
      try check(git_commit_parent(&parent, commit, 0), "git_commit_parent", path: path)
      defer { git_commit_free(parent) }
      try check(git_commit_tree(&parentTree, parent), "git_commit_tree", path: path)
    }
    defer { if let parentTree { git_tree_free(parentTree) } }
    var options = git_diff_options()
    git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
    options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue
    var diff: OpaquePointer?
    // Reversed, the diff runs from the commit back to its parent: the patch of a revert.
    let (from, to) = reversed ? (tree, parentTree) : (parentTree, tree)
    try check(
      git_diff_tree_to_tree(&diff, handle, from, to, &options), "git_diff_tree_to_tree",
      path: path)
    defer { git_diff_free(diff) }
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
    let text = ObjectID(&patch).hex
    guard !binary.isEmpty else { return text }
    var mixed = git_oid()
    let bytes = Array((text + binary.joined()).utf8)
    try check(
      git_odb_hash(&mixed, bytes, bytes.count, GIT_OBJECT_BLOB), "git_odb_hash", path: path)
    return ObjectID(&mixed).hex
  }
}
