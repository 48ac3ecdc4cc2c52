internal import CLibGit2
import Foundation

extension Repository {
  /// The work tree's folder, ending in `/` (`git_repository_workdir`); `nil` when bare.
  public var workDirectory: String? {
    git_repository_workdir(handle).map { String(cString: $0) }
  }

  /// The commit `HEAD` names (`git_reference_name_to_id`); `nil` for an unborn `HEAD`.
  public var headCommit: ObjectID? {
    var oid = git_oid()
    guard git_reference_name_to_id(&oid, handle, "HEAD") == 0 else { return nil }
    return ObjectID(oid)
  }

  /// The paths under `pathspecs` that differ from `HEAD`, staged or not, untracked and
  /// ignored files included (an ignored file is in no commit either) (`git_status_list_new`, as `git status --porcelain -- PATHS`); paths are
  /// relative to the work tree, sorted.
  ///
  /// - Parameter pathspecs: work-tree-relative paths or folders (`Baselines/`); empty means
  ///   the whole work tree.
  /// - Returns: the changed paths, relative to the work tree, sorted.
  /// - Throws: ``GitError`` when the status cannot be read (a bare repository has none), or
  ///   a `.gitignore` or `.gitattributes` it would read is a FIFO, device or socket.
  public func changedPaths(under pathspecs: [String]) throws(GitError) -> [String] {
    if let top = workDirectory {
      do {
        try RepositoryFiles.checkIgnoreFiles(workTree: top, under: pathspecs)
      } catch {
        throw error.gitError(repository: path, reading: "the status")
      }
    }
    var options = git_status_options()
    try check(
      git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)),
      "git_status_options_init", path: path)
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
    options.flags =
      GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
      | GIT_STATUS_OPT_INCLUDE_IGNORED.rawValue | GIT_STATUS_OPT_RECURSE_IGNORED_DIRS.rawValue
      | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
    var strings = pathspecs.map { strdup($0) }
    defer { strings.forEach { free($0) } }
    var list: OpaquePointer?
    let status = strings.withUnsafeMutableBufferPointer { buffer in
      options.pathspec = git_strarray(strings: buffer.baseAddress, count: buffer.count)
      return git_status_list_new(&list, handle, &options)
    }
    try check(status, "git_status_list_new", path: path)
    defer { git_status_list_free(list) }
    var paths: Set<String> = []
    for index in 0..<git_status_list_entrycount(list) {
      guard let entry = git_status_byindex(list, index)?.pointee else { continue }
      let delta = entry.index_to_workdir ?? entry.head_to_index
      guard let delta else { continue }
      let file = delta.pointee.new_file.path ?? delta.pointee.old_file.path
      if let file { paths.insert(String(cString: file)) }
    }
    return paths.sorted()
  }

  /// The id the file at `path` would have as a blob (`git_odb_hashfile`, as
  /// `git hash-object PATH`), without writing it: names the exact content of a file in
  /// evidence, whether or not it is committed.
  /// - Throws: ``GitError`` when the file cannot be read.
  public static func blobID(ofFile path: String) throws(GitError) -> ObjectID {
    _ = GitLibrary.initialised
    var oid = git_oid()
    try check(git_odb_hashfile(&oid, path, GIT_OBJECT_BLOB), "git_odb_hashfile", path: path)
    return ObjectID(oid)
  }
}
