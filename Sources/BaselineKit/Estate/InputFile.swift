import Foundation

/// An estate file or a saved inventory, read whole, never blocking, and never mistaken for
/// absent: the one way Baseline reads a file it was given or expects.
///
/// A file is *absent* only when `lstat` says nothing is there (`ENOENT`). Anything else that
/// is not a regular file that can be read is an ``InputError`` that says what it is: a
/// dangling symbolic link or a link loop, a folder, a FIFO, a device, a socket, a file that
/// cannot be opened (permission denied). The file is checked with `stat`, opened with
/// `O_NONBLOCK` (a FIFO never hangs the read) and checked again with `fstat` on the open
/// descriptor, so that what is read is what was checked. Files are read up to 64 MiB.
struct InputFile {
  /// The file as messages name it (relative to the estate root where possible).
  let shown: String
  /// Its bytes, as read.
  let data: Data

  /// The most bytes read from one file: estate files and saved inventories are small, and a
  /// huge one is a mistake whose node tree would take gigabytes.
  static let limit = 64 << 20

  /// Reads the regular file at `url` whole.
  /// - Parameters:
  ///   - url: the file.
  ///   - shown: how messages name it.
  /// - Returns: the file; `nil` when nothing is there (`lstat` says `ENOENT`).
  /// - Throws: ``InputError`` naming `shown` and why, for anything there that is not a
  ///   regular file of at most 64 MiB that can be read.
  static func read(_ url: URL, shownAs shown: String) throws(InputError) -> InputFile? {
    let path = url.path
    if path.utf8.contains(0) {
      throw InputError(file: shown, message: "cannot be read: its path holds a NUL character")
    }
    var info = stat()
    if stat(path, &info) != 0 {
      let code = errno
      if code == ENOENT, !exists(path) { return nil }
      throw InputError(file: shown, message: refusal(errno: code, path: path))
    }
    if let kind = refusal(mode: info.st_mode) { throw InputError(file: shown, message: kind) }
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
    guard descriptor >= 0 else {
      throw InputError(file: shown, message: refusal(errno: errno, path: path))
    }
    defer { close(descriptor) }
    return InputFile(shown: shown, data: try readAll(descriptor, shownAs: shown))
  }

  /// Whether anything (a file, a folder, a link, even a dangling one) is at `path`.
  static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 || errno != ENOENT
  }

  /// The bytes of an open descriptor, after `fstat` says it is a regular file of at most
  /// ``limit`` bytes.
  private static func readAll(_ descriptor: Int32, shownAs shown: String) throws(InputError)
    -> Data
  {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw InputError(file: shown, message: refusal(errno: errno, path: ""))
    }
    if let kind = refusal(mode: info.st_mode) { throw InputError(file: shown, message: kind) }
    if info.st_size > limit { throw tooLarge(Int(info.st_size), shownAs: shown) }
    var data = Data()
    data.reserveCapacity(Int(info.st_size))
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes {
        Foundation.read(descriptor, $0.baseAddress, $0.count)
      }
      if count == 0 { return data }
      if count < 0 {
        if errno == EINTR { continue }
        throw InputError(file: shown, message: refusal(errno: errno, path: ""))
      }
      data.append(contentsOf: buffer[0..<count])
      if data.count > limit { throw tooLarge(data.count, shownAs: shown) }
    }
  }

  /// The error for a file over ``limit``.
  private static func tooLarge(_ size: Int, shownAs shown: String) -> InputError {
    InputError(
      file: shown,
      message: "is \(size >> 20) MiB or more; estate files and inventories are read up to 64 MiB")
  }
}
