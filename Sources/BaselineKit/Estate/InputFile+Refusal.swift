import Foundation

extension InputFile {
  /// What a file that is not a regular file is, for a message: `nil` for a regular file.
  /// - Parameter mode: `st_mode` from `stat` or `fstat`.
  /// - Returns: e.g. "is a FIFO, not a file".
  static func refusal(mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "is a folder, not a file"
    case S_IFIFO: return "is a FIFO, not a file"
    case S_IFCHR, S_IFBLK: return "is a device, not a file"
    case S_IFSOCK: return "is a socket, not a file"
    default: return "is not a regular file"
    }
  }

  /// Why a file could not be looked at or opened, for a message.
  /// - Parameters:
  ///   - code: the `errno` of `stat`, `open` or `read`.
  ///   - path: the file's path, to tell a dangling link (`ENOENT` from `stat` with something
  ///     there for `lstat`) from a missing folder on the way.
  /// - Returns: e.g. "is a symbolic link loop" or "cannot be read: permission denied".
  static func refusal(errno code: Int32, path: String) -> String {
    switch code {
    case ENOENT:
      var info = stat()
      if !path.isEmpty, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
        return "is a symbolic link to nothing (dangling)"
      }
      return "cannot be read: no such file"
    case ELOOP: return "is a symbolic link loop"
    case EACCES, EPERM: return "cannot be read: permission denied"
    case ENOTDIR: return "cannot be read: a part of its path is not a folder"
    case ENAMETOOLONG: return "cannot be read: its path is too long"
    case ENXIO: return "is a socket or a device that is not there, not a file"
    case EISDIR: return "is a folder, not a file"
    default: return "cannot be read: " + String(cString: strerror(code)).lowercased()
    }
  }
}
