import BaselineKit
import Foundation

/// Standard output and standard error.
enum Console {
  /// Writes to standard output, unless a signal has closed the output gate.
  /// - Throws: ``OutputError`` when it is closed or full, or the gate is closed.
  static func output(_ text: String) throws(OutputError) {
    guard OutputGate.shared.isOpen else {
      throw OutputError("standard output: not written: baseline was interrupted by a signal")
    }
    do {
      try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    } catch {
      throw OutputError("standard output cannot be written: \(error.localizedDescription)")
    }
  }

  /// Writes to standard error without ever trapping: if it is closed there is nobody to tell.
  static func error(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
  }
}
