internal import CLibGit2

/// A failure to read a repository through libgit2.
///
/// Every libgit2 status goes through ``check(_:_:path:)``, which copies `git_error_last()` at
/// once (it is thread-local and is overwritten by the next call) and names the libgit2 function
/// and the repository path, so a message can always be traced to the call that failed.
public struct GitError: Error, Sendable, CustomStringConvertible {
  /// What kind of failure this is; callers branch on it, people read ``message``.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    let rawValue: String
    /// The repository belongs to another user and libgit2's ownership check refused it.
    public static let ownership = Code(rawValue: "ownership")
    /// The repository uses an extension (partial clone, SHA-256, `worktreeConfig`) that
    /// libgit2 1.5.1 cannot read.
    public static let unsupportedExtension = Code(rawValue: "unsupported_extension")
    /// No repository, object or reference by that name.
    public static let notFound = Code(rawValue: "not_found")
    /// An abbreviated id matches more than one object.
    public static let ambiguous = Code(rawValue: "ambiguous")
    /// The history needed lies beyond the boundary of a shallow clone.
    public static let shallow = Code(rawValue: "shallow")
    /// An object's bytes are damaged: it does not inflate, its hash does not match its
    /// content, or it cannot be parsed.
    public static let corrupt = Code(rawValue: "corrupt")
    /// An object that a reference or another object names is not in the repository.
    public static let missingObject = Code(rawValue: "missing_object")
    /// A file git reads in the repository is a FIFO, a device or a socket, so libgit2 would
    /// block on it; found before libgit2 opened anything.
    public static let notARegularFile = Code(rawValue: "not_a_regular_file")
    /// Any other libgit2 failure.
    public static let other = Code(rawValue: "other")
    public var description: String { rawValue }
  }

  /// The kind of failure.
  public let code: Code
  /// The libgit2 function that failed, e.g. `git_repository_open_ext`.
  public let function: String
  /// The repository (or other file) the call was about.
  public let path: String
  /// libgit2's own message, or Baseline's explanation for the codes it recognises.
  public let message: String
  /// The libgit2 return code (`GIT_ENOTFOUND` is -3 and so on); 0 when Baseline raised it.
  public let status: Int32

  /// Makes an error; used by the Git layer and by tests that need one.
  public init(code: Code, function: String, path: String, message: String, status: Int32 = 0) {
    self.code = code
    self.function = function
    self.path = path
    self.message = message
    self.status = status
  }

  public var description: String { "\(path): \(message) (\(function))" }
}

/// Throws a ``GitError`` when a libgit2 call returned a negative status.
///
/// - Parameters:
///   - status: the call's return value.
///   - function: the libgit2 function's name, for the message.
///   - path: the repository path the call was about.
/// - Returns: the status, when it is not an error.
/// - Throws: ``GitError`` with libgit2's last error message.
@discardableResult
func check(_ status: Int32, _ function: String, path: String) throws(GitError) -> Int32 {
  guard status < 0 else { return status }
  throw lastError(status, function, path: path)
}

/// Reads `git_error_last()` right away and classifies it.
func lastError(_ status: Int32, _ function: String, path: String) -> GitError {
  var text = "libgit2 reported error \(status)"
  var errorClass: Int32 = 0
  if let last = git_error_last() {
    if let cText = last.pointee.message { text = String(cString: cText) }
    errorClass = last.pointee.klass
  }
  let code: GitError.Code
  switch status {
  case GIT_EOWNER.rawValue: code = .ownership
  case GIT_EAMBIGUOUS.rawValue: code = .ambiguous
  case GIT_ENOTFOUND.rawValue:
    // libgit2 1.5.1 with no safe.directory configured anywhere reports the missing config
    // value instead of the ownership failure (see shared notes); it is the same refusal.
    if errorClass == Int32(GIT_ERROR_CONFIG.rawValue) && text.contains("safe.directory") {
      code = .ownership
    } else {
      code = .notFound
    }
  case GIT_EMISMATCH.rawValue:
    code = .corrupt
  default:
    if text.contains("unsupported extension") {
      code = .unsupportedExtension
    } else if errorClass == Int32(GIT_ERROR_ODB.rawValue) && text.contains("not found") {
      // A graph walk reports a missing object as a generic -1 of the object database.
      code = .notFound
    } else if errorClass == Int32(GIT_ERROR_ZLIB.rawValue)
      || text.contains("corrupt") || text.contains("failed to parse")
    {
      // Damaged bytes: zlib cannot inflate them, or the object does not parse.
      code = .corrupt
    } else {
      code = .other
    }
  }
  return GitError(code: code, function: function, path: path, message: text, status: status)
}
