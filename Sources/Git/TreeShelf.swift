internal import CLibGit2

/// The trees read for the last two commits compared, kept so that the next commit's reading
/// finds them: in a walk's order a commit's parent is mostly the next commit, so its tree is
/// read once where each comparison would read it again (libgit2 caches no object larger than
/// 4 KiB, and a large project's root tree is larger).
///
/// Owns every tree it holds (`git_tree_free` when a tree is no longer among the last two
/// commits' trees, or with the shelf). Used from the one thread that uses its repository.
final class TreeShelf {
  private var previous: [ObjectID: OpaquePointer] = [:]
  private var current: [ObjectID: OpaquePointer] = [:]

  deinit {
    for tree in previous.values { git_tree_free(tree) }
    for tree in current.values { git_tree_free(tree) }
  }

  /// The tree `id`, from the shelf or read with `read` and kept.
  /// - Returns: a tree the shelf owns: valid until the second ``turn()`` after this call.
  func tree(
    _ id: ObjectID, read: () throws(GitError) -> OpaquePointer
  ) throws(GitError) -> OpaquePointer {
    if let tree = current[id] { return tree }
    if let tree = previous.removeValue(forKey: id) {
      current[id] = tree
      return tree
    }
    let tree = try read()
    current[id] = tree
    return tree
  }

  /// Ends one commit's reading: the trees of the commit before it that this one did not use
  /// are freed.
  func turn() {
    for tree in previous.values { git_tree_free(tree) }
    previous = current
    current = [:]
  }
}
