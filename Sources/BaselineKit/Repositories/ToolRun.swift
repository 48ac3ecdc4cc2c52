import Foundation

/// One run of an outside program (`ssh-keygen`, `gpgv`, `git credential`), found on `PATH`,
/// with standard input from a file or a short text, and both outputs read to their end.
struct ToolRun {
  /// The exit status; 127 when the program is not installed.
  let status: Int32
  let stdout: String
  let stderr: String

  /// Runs `program` with `arguments`.
  /// - Parameters:
  ///   - program: the program's name, found on `PATH`.
  ///   - arguments: its arguments.
  ///   - input: a file for its standard input.
  ///   - text: else a short text for it (a few hundred bytes at most: it is written before
  ///     the outputs are read); else nothing.
  ///   - extra: variables set or replaced for the program.
  /// - Returns: its status (127: not installed) and both outputs.
  static func run(
    _ program: String, _ arguments: [String], input: URL? = nil, text: String? = nil,
    environment extra: [String: String] = [:]
  ) -> ToolRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "C"
    environment.merge(extra) { $1 }
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let feed = text.map { _ in Pipe() }
    do {
      process.standardInput =
        try feed ?? input.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
      try process.run()
    } catch {
      return ToolRun(status: 127, stdout: "", stderr: "\(error.localizedDescription)")
    }
    if let feed, let text {
      try? feed.fileHandleForWriting.write(contentsOf: Data(text.utf8))
      try? feed.fileHandleForWriting.close()
    }
    // The error output on a thread of its own, so that neither pipe can fill and block.
    let collected = Collected()
    let reader = Thread { collected.set(errors.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: collected.wait(), as: UTF8.self))
  }
}

/// Bytes one thread reads and another waits for.
private final class Collected: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var data = Data()

  func set(_ value: Data) {
    data = value
    done.signal()
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
