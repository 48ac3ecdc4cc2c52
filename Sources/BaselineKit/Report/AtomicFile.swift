public import Foundation

/// Writes files so that a reader never sees half of one: the text goes to a temporary file in
/// the target's folder, which is then renamed over the target (`rename(2)` is atomic within a
/// file system).
///
/// Where the text goes is ``OutputDestination``'s decision: a symbolic link is followed (the
/// file it names is replaced, or created when the link dangles, and the link stays); a device,
/// FIFO or socket is written in place (a FIFO only when something reads it: it is opened
/// without waiting); a folder, a link loop or a file with several hard links is refused. A
/// replaced file keeps its mode, and its owner and group where the writer may set them.
///
/// Every rename goes through an ``OutputGate``: once `baseline`'s signal handler has closed it,
/// nothing is written. Temporary files are named `.NAME.baseline-PID-RANDOM.tmp`, so that a
/// later write to `NAME` removes those that a killed process left (see
/// ``removeStaleTemporaries(in:for:)``).
public enum AtomicFile {
  /// Why `url` cannot be written, checked before any work is done (so that a bad `--output`
  /// costs nothing); `nil` when it can be, as far as can be told now.
  /// - Returns: `is a folder; give a file name`, `is a loop of symbolic links …`,
  ///   `has 2 hard links; …`, `the folder … does not exist`, or `the folder … is not
  ///   writable`. A device or FIFO (`/dev/null`, `/dev/stdout`) is written in place.
  public static func problem(writing url: URL) -> String? {
    do {
      _ = try OutputDestination.resolve(url.path)
      return nil
    } catch {
      return error.reason
    }
  }

  /// Writes `text` to `url` atomically.
  /// - Parameters:
  ///   - text: the whole file, written as UTF-8.
  ///   - url: the file; see ``AtomicFile`` for links, devices and FIFOs.
  ///   - name: how messages name the file (`--output`'s text, `Baselines/SIT-A.pins.yaml`);
  ///     `nil`: the path of `url`.
  ///   - gate: the gate every rename passes (tests make their own).
  /// - Throws: ``OutputError`` `NAME: cannot be written: REASON` (control characters in the
  ///   name escaped) when the file cannot be written, nothing reads a FIFO, or `gate` is
  ///   closed; the target is then left as it was, with no temporary file beside it.
  public static func write(
    _ text: String, to url: URL, named name: String? = nil, gate: OutputGate = .shared
  ) throws(OutputError) {
    try write(bytes: Array(text.utf8), to: url, named: name, gate: gate)
  }

  /// Writes `bytes` to `url` atomically, as ``write(_:to:named:gate:)`` writes text.
  /// - Throws: ``OutputError`` as ``write(_:to:named:gate:)``.
  public static func write(
    bytes: [UInt8], to url: URL, named name: String? = nil, gate: OutputGate = .shared
  ) throws(OutputError) {
    func failure(_ reason: String) -> OutputError {
      OutputError("\(Terminal.line(name ?? url.path)): cannot be written: \(reason)")
    }
    let destination: OutputDestination
    do {
      destination = try OutputDestination.resolve(url.path)
    } catch {
      throw failure(error.reason)
    }
    let written: Bool
    do {
      switch destination.kind {
      case .inPlace: written = try writeInPlace(bytes, to: destination, gate: gate)
      case .replace: written = try replace(destination, with: bytes, gate: gate)
      }
    } catch let error as NoReader {
      throw failure(error.reason)
    } catch {
      throw failure(error.localizedDescription)
    }
    guard written else { throw failure(interrupted) }
  }

  /// Replaces whatever is at `url` with a regular file (mode 0600) holding `bytes`,
  /// atomically: a file, a symbolic link (the link itself; the file it names is never
  /// written), a FIFO or a device there is replaced, never written into; a folder there makes
  /// it fail. For a cache, whose path nobody chose as a destination: unlike ``write(bytes:to:named:gate:)``,
  /// which writes where an `--output` link points.
  /// - Throws: ``OutputError`` when it cannot be written or `gate` is closed; nothing is left
  ///   beside it then.
  public static func replaceFile(at url: URL, with bytes: [UInt8], gate: OutputGate = .shared)
    throws(OutputError)
  {
    let folder = url.deletingLastPathComponent().path
    let name = url.lastPathComponent
    removeStaleTemporaries(in: folder, for: name)
    let temporary = (folder as NSString).appendingPathComponent(temporaryName(for: name))
    do {
      guard let descriptor = try gate.createTemporary(temporary, mode: 0o600) else {
        throw OutputError("\(Terminal.line(url.path)): cannot be written: \(interrupted)")
      }
      var renamed = false
      defer { if !renamed { gate.discard(temporary) } }
      do {
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor)
        guard fsync(descriptor) == 0 else { throw POSIXError.current }
      }
      renamed = try gate.commit(temporary) { rename(temporary, url.path) }
      guard renamed else {
        throw OutputError("\(Terminal.line(url.path)): cannot be written: \(interrupted)")
      }
    } catch let error as OutputError {
      throw error
    } catch {
      throw OutputError(
        "\(Terminal.line(url.path)): cannot be written: \(error.localizedDescription)")
    }
  }

  /// The reason given when the gate is closed.
  static let interrupted = "baseline was interrupted by a signal; nothing was written"

  /// Writes a device or FIFO in place. A FIFO is opened without blocking, so that one with no
  /// reader fails at once (`ENXIO`) instead of waiting for ever.
  /// - Returns: `false` when the gate is closed.
  private static func writeInPlace(
    _ bytes: [UInt8], to destination: OutputDestination, gate: OutputGate
  ) throws -> Bool {
    guard gate.isOpen else { return false }
    let descriptor = open(destination.path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      guard errno == ENXIO else { throw POSIXError.current }
      throw NoReader(fifo: destination.existing.map { $0.st_mode & S_IFMT == S_IFIFO } ?? false)
    }
    defer { close(descriptor) }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    try writeAll(bytes, to: descriptor)
    return true
  }

  /// Writes a temporary file beside the destination, with the destination's mode and owner,
  /// and renames it over the destination through `gate`.
  /// - Returns: `false` when the gate is closed (the temporary file is then gone too).
  private static func replace(
    _ destination: OutputDestination, with bytes: [UInt8], gate: OutputGate
  ) throws -> Bool {
    removeStaleTemporaries(in: destination.folder, for: destination.name)
    let temporary = (destination.folder as NSString).appendingPathComponent(
      temporaryName(for: destination.name))
    guard
      let descriptor = try gate.createTemporary(
        temporary, mode: destination.existing == nil ? 0o666 : 0o600)
    else { return false }
    var renamed = false
    defer { if !renamed { gate.discard(temporary) } }
    do {
      defer { close(descriptor) }
      if let existing = destination.existing { keepAttributes(of: existing, on: descriptor) }
      try writeAll(bytes, to: descriptor)
      guard fsync(descriptor) == 0 else { throw POSIXError.current }
    }
    renamed = try gate.commit(temporary) { rename(temporary, destination.path) }
    return renamed
  }

  /// Gives the open file the owner, group and mode of the file it replaces. The owner is kept
  /// where the writer may set it (root, or the same user), else the group where the writer
  /// belongs to it; the mode always.
  private static func keepAttributes(of existing: stat, on descriptor: Int32) {
    if fchown(descriptor, existing.st_uid, existing.st_gid) != 0 {
      _ = fchown(descriptor, uid_t.max, existing.st_gid)
    }
    _ = fchmod(descriptor, existing.st_mode & 0o7777)
  }

  /// Writes every byte, retrying after signals.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw POSIXError.current
      }
      offset += count
    }
  }

  /// A FIFO or socket that no process has open for reading.
  struct NoReader: Error {
    let fifo: Bool
    var reason: String {
      (fifo ? "is a FIFO that no process is reading" : "no process is reading it")
        + "; start the reader first (baseline does not wait for one)"
    }
  }
}
