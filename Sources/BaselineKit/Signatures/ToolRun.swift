import Foundation

/// One run of an outside program that checks a signature (`ssh-keygen`, `gpgv`), found on
/// `PATH`, with standard input from a file and both outputs read to their end.
struct ToolRun {
  /// The exit status; 127 when the program is not installed.
  let status: Int32
  let stdout: String
  let stderr: String

  /// Runs `program` with `arguments`, its input read from `input` (else nothing).
  static func run(_ program: String, _ arguments: [String], input: URL? = nil) -> ToolRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "C"
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do {
      process.standardInput =
        try input.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
      try process.run()
    } catch {
      return ToolRun(status: 127, stdout: "", stderr: "\(error.localizedDescription)")
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
