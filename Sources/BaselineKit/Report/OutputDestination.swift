import Foundation

/// Where writing an output path really goes, after following symbolic links, and how.
///
/// - A regular file is replaced by renaming a temporary file over it; its mode and ownership
///   are kept (``existing`` holds them).
/// - A path that does not exist, or a symbolic link (or chain of links) to a name that does
///   not exist, creates that name: the link stays a link and now leads to the new file.
/// - A device, FIFO or socket (`/dev/null`, `/dev/stdout`) is written in place.
/// - A folder, a loop of symbolic links and a regular file with more than one hard link are
///   refused: renaming over a hard-linked file would split its links, and writing it in place
///   would let a reader see half of it.
struct OutputDestination {
  /// How the file is written.
  enum Kind {
    /// A temporary file is renamed over ``path`` (which may not exist yet).
    case replace
    /// ``path`` is opened and written (a device or FIFO).
    case inPlace
  }

  /// The file written: the path given, or the file its symbolic links lead to.
  let path: String
  /// How it is written.
  let kind: Kind
  /// What the file is now, when it exists (its mode, owner and group are kept).
  let existing: stat?

  /// The folder that holds ``path``.
  var folder: String { (path as NSString).deletingLastPathComponent.nonEmpty ?? "." }

  /// The file name of ``path``.
  var name: String { (path as NSString).lastPathComponent }

  /// Follows `path` to the file that writing it would change.
  /// - Parameter path: the path given (`--output`), relative to the working directory or
  ///   absolute.
  /// - Returns: where and how to write.
  /// - Throws: ``OutputDestination/Problem`` with the reason, for a folder, a link loop, a
  ///   file with several hard links, or a folder that is missing or not writable.
  static func resolve(_ path: String) throws(Problem) -> OutputDestination {
    var info = stat()
    if stat(path, &info) == 0 {
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        throw Problem("is a folder; give a file name")
      case S_IFREG:
        guard info.st_nlink <= 1 else {
          throw Problem(
            "has \(info.st_nlink) hard links; replacing it would split them and writing it in "
              + "place would not be atomic: remove the other links or write elsewhere")
        }
        let destination = OutputDestination(
          path: realPath(path), kind: .replace, existing: info)
        try destination.checkFolder()
        return destination
      default:
        return OutputDestination(path: path, kind: .inPlace, existing: info)
      }
    }
    let code = errno
    guard code == ENOENT else { throw Problem(code == ELOOP ? Problem.loop : describe(code)) }
    let destination = OutputDestination(path: try linkTarget(path), kind: .replace, existing: nil)
    try destination.checkFolder()
    return destination
  }

  /// The name a missing path or a dangling symbolic link leads to: each link is read and
  /// followed (relative to its folder) until a name that does not exist.
  private static func linkTarget(_ path: String) throws(Problem) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count > 0 else { throw Problem(describe(errno)) }
      let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current =
        link.hasPrefix("/")
        ? link
        : ((current as NSString).deletingLastPathComponent as NSString)
          .appendingPathComponent(link)
    }
    throw Problem(Problem.loop)
  }

  /// Refuses a folder that is missing, is no folder, or is not writable.
  private func checkFolder() throws(Problem) {
    var info = stat()
    guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      throw Problem("the folder \(folder) does not exist")
    }
    guard access(folder, W_OK) == 0 else {
      throw Problem("the folder \(folder) is not writable")
    }
  }

  /// The path with every symbolic link resolved (`realpath`), or the path when that fails.
  private static func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// `strerror` of `code`, as a reason.
  static func describe(_ code: Int32) -> String {
    String(cString: strerror(code))
  }

  /// Why a path cannot be written: a sentence without the path.
  struct Problem: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
    static let loop = "is a loop of symbolic links (or a chain of more than 40)"
  }
}

extension String {
  /// `nil` for the empty string.
  fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
