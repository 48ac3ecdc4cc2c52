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

  /// The commits reachable from `head` and from none of `hidden`, as ``commits(reachableFrom:excluding:)``
  /// but in no particular order (`GIT_SORT_NONE`): cheaper on a long history, where the
  /// topological sort costs more than the walk.
  /// - Throws: ``GitError`` as ``commits(reachableFrom:excluding:)``.
  public func unorderedCommits(reachableFrom head: ObjectID, excluding hidden: [ObjectID])
    throws(GitError) -> [ObjectID]
  {
    var result: [ObjectID] = []
    try walk(from: head, hiding: hidden, sorting: GIT_SORT_NONE.rawValue) { result.append($0) }
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
    try walk(from: head, hiding: hidden, sorting: sorting) { id throws(GitError) -> Bool in
      visit(id)
      return true
    }
  }

  /// One revision walk as above, which `visit` ends early by returning `false`.
  /// - Throws: ``GitError`` when a commit cannot be read, or what `visit` throws.
  func walk(
    from head: ObjectID, hiding hidden: [ObjectID], sorting: UInt32,
    visit: (ObjectID) throws(GitError) -> Bool
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
      guard try visit(ObjectID(oid)) else { break }
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

  /// Whether a commit's message contains `text` (`git_commit_message`, searched as bytes with
  /// `strstr`, no copy of the message made).
  /// - Throws: ``GitError`` when there is no such commit.
  public func message(of id: ObjectID, contains text: String) throws(GitError) -> Bool {
    var oid = id.oid
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup", path: path)
    defer { git_commit_free(commit) }
    guard let message = git_commit_message(commit) else { return false }
    return strstr(message, text) != nil
  }
}
