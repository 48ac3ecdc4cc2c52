internal import CLibGit2
public import Foundation

extension Repository {
  /// Every file of a commit's tree, or of one folder of it, in git's tree order, with blob
  /// ids, modes and sizes: what `git ls-tree -r -l <commit> -- <folder>` lists
  /// (`git_commit_lookup`, `git_tree_lookup` per folder, `git_tree_entry_byindex`,
  /// `git_odb_read_header` for each size, which reads no content).
  /// - Parameters:
  ///   - commit: the commit whose tree is listed.
  ///   - folder: a folder of the tree (`deploy/app`, no leading or trailing `/`); `nil` or
  ///     empty for the whole tree.
  /// - Returns: the files; empty when `folder` is not a folder of the tree.
  /// - Throws: ``GitError`` when the commit or a tree cannot be read.
  public func files(of commit: ObjectID, under folder: String? = nil) throws(GitError)
    -> [TreeFile]
  {
    let root = try treeID(of: commit)
    var start = root
    var prefix: [UInt8] = []
    if let folder, !folder.isEmpty {
      guard let found = try entry(at: folder, in: root), found.mode == 0o040000 else {
        return []
      }
      start = found.id
      prefix = Array(folder.utf8) + [0x2F]
    }
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, handle), "git_repository_odb", path: path)
    defer { git_odb_free(odb) }
    var result: [TreeFile] = []
    try listTree(start, under: prefix, odb: odb, into: &result)
    return result
  }

  private func listTree(
    _ id: ObjectID, under prefix: [UInt8], odb: OpaquePointer?, into result: inout [TreeFile]
  ) throws(GitError) {
    var oid = id.oid
    var tree: OpaquePointer?
    try check(git_tree_lookup(&tree, handle, &oid), "git_tree_lookup", path: path)
    defer { git_tree_free(tree) }
    for index in 0..<git_tree_entrycount(tree) {
      guard let entry = git_tree_entry_byindex(tree, index), let entryID = git_tree_entry_id(entry)
      else { continue }
      let path = prefix + Self.nameBytes(entry)
      let mode = UInt32(git_tree_entry_filemode(entry).rawValue)
      switch git_tree_entry_type(entry) {
      case GIT_OBJECT_TREE:
        try listTree(ObjectID(entryID), under: path + [0x2F], odb: odb, into: &result)
      case GIT_OBJECT_COMMIT:
        result.append(TreeFile(pathBytes: path, id: ObjectID(entryID), mode: mode, size: nil))
      default:
        var size = 0
        var type = GIT_OBJECT_ANY
        try check(
          git_odb_read_header(&size, &type, odb, entryID), "git_odb_read_header", path: self.path)
        result.append(TreeFile(pathBytes: path, id: ObjectID(entryID), mode: mode, size: size))
      }
    }
  }

  /// The content of the file at `path` in a commit's tree (`git_tree_entry_bypath`,
  /// `git_blob_rawcontent`), as git stores it (no filters, no line-ending conversion).
  /// - Returns: the bytes; `nil` when the tree has no file there.
  /// - Throws: ``GitError`` when the commit, a tree or the blob cannot be read.
  public func contents(of path: String, at commit: ObjectID) throws(GitError) -> Data? {
    guard let found = try entry(at: path, in: try treeID(of: commit)),
      found.mode & 0o170000 == 0o100000
    else { return nil }
    var oid = found.id.oid
    var blob: OpaquePointer?
    try check(git_blob_lookup(&blob, handle, &oid), "git_blob_lookup", path: self.path)
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
    return Data(bytes: bytes, count: size)
  }

  /// Hands a blob's raw content to `body` without copying it (`git_blob_lookup`,
  /// `git_blob_rawcontent`): as git stores it, no filters, no line-ending conversion.
  /// - Returns: what `body` returns.
  /// - Throws: ``GitError`` when there is no such blob.
  public func withContent<T>(ofBlob id: ObjectID, _ body: (UnsafeRawBufferPointer) -> T)
    throws(GitError) -> T
  {
    var oid = id.oid
    var blob: OpaquePointer?
    try check(git_blob_lookup(&blob, handle, &oid), "git_blob_lookup", path: path)
    defer { git_blob_free(blob) }
    return body(
      UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: Int(git_blob_rawsize(blob))))
  }

  /// The id and mode of what a commit's tree holds at `path` (`git_tree_entry_bypath`);
  /// `nil` when nothing is there.
  /// - Throws: ``GitError`` when the commit or a tree cannot be read.
  public func entry(at path: String, of commit: ObjectID) throws(GitError)
    -> (id: ObjectID, mode: UInt32)?
  {
    try entry(at: path, in: try treeID(of: commit))
  }

  /// The id of a commit's root tree (`git_commit_tree_id`).
  /// - Throws: ``GitError`` when there is no such commit.
  public func treeID(of commit: ObjectID) throws(GitError) -> ObjectID {
    var oid = commit.oid
    var object: OpaquePointer?
    try check(git_commit_lookup(&object, handle, &oid), "git_commit_lookup", path: path)
    defer { git_commit_free(object) }
    guard let id = git_commit_tree_id(object) else {
      throw GitError(
        code: .corrupt, function: "git_commit_tree_id", path: path, message: "\(commit)")
    }
    return ObjectID(id)
  }

  private func entry(at path: String, in root: ObjectID) throws(GitError)
    -> (id: ObjectID, mode: UInt32)?
  {
    var oid = root.oid
    var tree: OpaquePointer?
    try check(git_tree_lookup(&tree, handle, &oid), "git_tree_lookup", path: self.path)
    defer { git_tree_free(tree) }
    var entry: OpaquePointer?
    let status = git_tree_entry_bypath(&entry, tree, path)
    if status == GIT_ENOTFOUND.rawValue { return nil }
    try check(status, "git_tree_entry_bypath", path: self.path)
    defer { git_tree_entry_free(entry) }
    guard let id = git_tree_entry_id(entry) else { return nil }
    return (ObjectID(id), UInt32(git_tree_entry_filemode(entry).rawValue))
  }

  /// An entry's name as bytes (`git_tree_entry_name`).
  static func nameBytes(_ entry: OpaquePointer) -> [UInt8] {
    guard let name = git_tree_entry_name(entry) else { return [] }
    return name.withMemoryRebound(to: UInt8.self, capacity: strlen(name) + 1) {
      Array(UnsafeBufferPointer(start: $0, count: strlen(name)))
    }
  }
}

extension Repository {
  /// The fetch URL of a remote (`git_remote_lookup`, `git_remote_url`), with any user name
  /// and password taken out (`https://user:token@host/x` is `https://host/x`): a URL that
  /// Baseline prints must never carry a secret.
  /// - Returns: the URL; `nil` when there is no such remote or it has no URL.
  public func remoteURL(named name: String = "origin") -> String? {
    var remote: OpaquePointer?
    guard git_remote_lookup(&remote, handle, name) == 0 else { return nil }
    defer { git_remote_free(remote) }
    guard let url = git_remote_url(remote).map({ String(cString: $0) }), !url.isEmpty else {
      return nil
    }
    return Self.withoutCredentials(url)
  }

  /// `url` without anything that may hold a secret: the user information
  /// (`scheme://user:secret@host`), the query (`?private_token=…`) and the fragment.
  /// - Returns: the URL; `nil` when where its host begins is ambiguous (an `@` after the first
  ///   `/` of what follows `://`, as in a password holding an unescaped `/`, or a path holding
  ///   an `@`): a URL that may still hold a secret, or may name the wrong host, is not given.
  static func withoutCredentials(_ url: String) -> String? {
    var text = url
    if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<cut]) }
    guard let scheme = text.range(of: "://") else { return text }
    let rest = text[scheme.upperBound...]
    let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
    if rest[pathStart...].contains("@") { return nil }
    guard let at = rest[..<pathStart].lastIndex(of: "@") else { return text }
    return String(text[..<scheme.upperBound]) + String(rest[rest.index(after: at)...])
  }
}
