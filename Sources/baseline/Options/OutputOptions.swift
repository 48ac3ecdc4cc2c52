import ArgumentParser
import BaselineKit
import Foundation

/// Where a command writes what it prints: `--output FILE` (atomically) or standard output.
struct OutputOptions: ParsableArguments {
  @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
  var output: String?

  /// Checks the output file's folder before any probe runs, so that a bad path costs nothing.
  func validate() throws {
    guard let output else { return }
    if let problem = AtomicFile.problem(writing: URL(fileURLWithPath: output)) {
      throw ValidationError("--output \(output): \(problem)")
    }
  }

  /// Refuses an output file that is one of the command's input files (`--inventory`), by
  /// path or through a link: writing it would replace the saved inventory the report or the
  /// evidence cites by its sha256.
  func refuseOverwriting(_ inputs: [String]) throws {
    guard let output, let target = Self.identity(output) else { return }
    for input in inputs where Self.identity(input) == target {
      throw ValidationError(
        "--output \(output) is the file --inventory \(input) reads: writing it would replace "
          + "the saved inventory; write the output elsewhere")
    }
  }

  /// The device and inode a path names, following links; `nil` when it does not exist.
  private static func identity(_ path: String) -> [UInt64]? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return [UInt64(info.st_dev), UInt64(info.st_ino)]
  }

  /// A line on standard error saying what was written, for logs of jobs that write files;
  /// nothing once a signal has closed the output gate (what was cut short is not announced).
  func announce(_ summary: String) {
    guard let output, OutputGate.shared.isOpen else { return }
    Console.error("baseline: wrote \(output): \(summary)\n")
  }

  /// Writes `text` to the output file, or to standard output.
  /// - Throws: ``OutputError`` when it cannot be written, or when a signal has closed the
  ///   output gate (then nothing is written and the previous file stays).
  func emit(_ text: String) throws(OutputError) {
    guard let output else { return try Console.output(text) }
    try AtomicFile.write(text, to: URL(fileURLWithPath: output), named: output)
  }

  /// Colour only for text on a terminal, never in a file, and not when NO_COLOR is set.
  var colour: Bool {
    output == nil && isatty(STDOUT_FILENO) == 1
      && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }
}
