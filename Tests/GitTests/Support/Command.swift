import BaselineTestSupport
import Foundation

/// Runs programs other than `git` (`chown`), and `git` where the exit status is the answer.
enum Command {
  /// Runs `executable` with `arguments` and returns its exit status and standard output.
  @discardableResult
  static func run(_ executable: String, _ arguments: [String]) throws -> (
    status: Int32, output: String
  ) {
    let run = try CommandRun.run(
      executable: URL(fileURLWithPath: executable), arguments: arguments)
    return (run.status, run.stdout)
  }

  /// The exit status of `git arguments` in `directory` (0 when it succeeded).
  static func gitStatus(_ arguments: [String], in directory: URL) throws -> Int32 {
    do {
      try GitScript.git(arguments, in: directory)
      return 0
    } catch let error as GitScriptError {
      return error.status
    }
  }

  /// Whether the process runs as root (needed to give files to another user).
  static let isRoot = getuid() == 0
}
