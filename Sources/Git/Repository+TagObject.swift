internal import CLibGit2
public import Foundation

extension Repository {
  /// The raw content of a tag object (`git cat-file tag ID`), through `git_odb_read`.
  /// - Parameter id: the object's id (``TagInfo/tagObject``).
  /// - Returns: the bytes; `nil` when `id` names no tag object (a commit: a lightweight tag).
  /// - Throws: ``GitError`` when the object cannot be read.
  public func rawTag(_ id: ObjectID) throws(GitError) -> Data? {
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, handle), "git_repository_odb", path: path)
    defer { git_odb_free(odb) }
    var object: OpaquePointer?
    var oid = id.oid
    try check(git_odb_read(&object, odb, &oid), "git_odb_read", path: path)
    defer { git_odb_object_free(object) }
    guard git_odb_object_type(object) == GIT_OBJECT_TAG, let bytes = git_odb_object_data(object)
    else { return nil }
    return Data(bytes: bytes, count: git_odb_object_size(object))
  }
}
