import Foundation

/// The one place where output becomes final, shared by the writers and the signal handler, so
/// that a run cut short by a signal writes nothing.
///
/// A writer creates its temporary file through ``createTemporary(_:mode:)`` and renames it into
/// place through ``commit(_:rename:)``; both hold the gate's lock. The signal handler calls
/// ``close()``, which takes the same lock: from then on nothing is created or renamed, and the
/// temporary files being written are removed. So a signal is handled either before a rename
/// (nothing was written, the previous file stays) or after it (the file was whole before the
/// signal was seen), never in between. Standard output and files written in place check
/// ``isOpen`` before they write.
public final class OutputGate: @unchecked Sendable {
  /// The gate of the process, which `baseline`'s signal handler closes.
  public static let shared = OutputGate()

  private let lock = NSLock()
  private var closed = false
  private var temporaries: Set<String> = []

  /// Makes an open gate (tests make their own; the command uses ``shared``).
  public init() {}

  /// Whether output may still be written (no signal has closed the gate).
  public var isOpen: Bool { lock.withLock { !closed } }

  /// Closes the gate: nothing is created, renamed or printed after this returns, and every
  /// temporary file being written is removed.
  /// - Returns: whether the gate was open (the first signal handles the interruption).
  @discardableResult
  public func close() -> Bool {
    lock.withLock {
      guard !closed else { return false }
      closed = true
      for path in temporaries { unlink(path) }
      temporaries = []
      return true
    }
  }

  /// Creates `path` (which must not exist) for writing, and remembers it until it is renamed.
  /// - Parameters:
  ///   - path: the temporary file's path.
  ///   - mode: its permission bits before the umask (`0o666` for a new file).
  /// - Returns: the open descriptor (close-on-exec), or `nil` when the gate is closed.
  /// - Throws: `POSIXError` when the file cannot be created.
  func createTemporary(_ path: String, mode: mode_t) throws -> Int32? {
    try lock.withLock {
      guard !closed else { return nil }
      let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
      guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
      temporaries.insert(path)
      return descriptor
    }
  }

  /// Renames the temporary file `path` into place with `rename`, unless the gate is closed.
  /// - Parameters:
  ///   - path: a temporary file made by ``createTemporary(_:mode:)``.
  ///   - rename: does the rename; returns 0, or -1 with `errno` set.
  /// - Returns: whether it was renamed; `false` when the gate is closed (the file is gone).
  /// - Throws: `POSIXError` when the rename fails (the temporary file is then removed).
  func commit(_ path: String, rename: () -> Int32) throws -> Bool {
    try lock.withLock {
      guard !closed else { return false }
      temporaries.remove(path)
      guard rename() == 0 else {
        let code = errno
        unlink(path)
        throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
      }
      return true
    }
  }

  /// Removes the temporary file `path` after a failure, and forgets it.
  func discard(_ path: String) {
    lock.withLock {
      if temporaries.remove(path) != nil { unlink(path) }
    }
  }
}
