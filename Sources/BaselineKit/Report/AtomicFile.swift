public import Foundation

/// Writes files so that a reader never sees half of one: the text goes to a temporary file in
/// the same folder, which is then renamed over the target (`rename(2)` is atomic within a
/// file system).
///
/// A target that is a symbolic link is followed: the file it names is replaced and the link
/// stays. A target that exists and is no regular file (`/dev/null`, `/dev/stdout`, a FIFO) is
/// written in place, because renaming over it would replace the device with a file.
public enum AtomicFile {
  /// Why `url` cannot be written, checked before any work is done (so that a bad `--output`
  /// costs nothing); `nil` when it can be, as far as can be told now.
  /// - Returns: `is a folder; give a file name`, `the folder … does not exist`, or `the folder
  ///   … is not writable`. A device or FIFO (`/dev/null`, `/dev/stdout`) is written in place.
  public static func problem(writing url: URL) -> String? {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return "is a folder; give a file name"
    }
    var status = stat()
    if stat(url.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
      return nil
    }
    let folder = url.deletingLastPathComponent()
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      return "the folder \(folder.path) does not exist"
    }
    guard FileManager.default.isWritableFile(atPath: folder.path) else {
      return "the folder \(folder.path) is not writable"
    }
    return nil
  }

  /// Writes `text` to `url` atomically.
  /// - Throws: `CocoaError` or `POSIXError` when the folder is missing or not writable; the
  ///   target is then left as it was.
  public static func write(_ text: String, to url: URL) throws {
    var status = stat()
    if stat(url.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
      if status.st_mode & S_IFMT == S_IFDIR {
        throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: url.path])
      }
      let handle = try FileHandle(forWritingTo: url)
      defer { try? handle.close() }
      try handle.write(contentsOf: Data(text.utf8))
      return
    }
    let target = realTarget(url)
    let folder = target.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
      ".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).tmp"
    )
    do {
      try Data(text.utf8).write(to: temporary)
      if rename(temporary.path, target.path) != 0 {
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  /// The file a path names after following symbolic links (`realpath`), or the path itself
  /// when it does not exist yet.
  static func realTarget(_ url: URL) -> URL {
    guard let resolved = realpath(url.path, nil) else { return url }
    defer { free(resolved) }
    return URL(fileURLWithPath: String(cString: resolved))
  }
}
