public import Foundation

/// A small Python server on a loopback port, for the tests' servers (a git HTTP backend, a
/// server that never answers, a redirect): the program binds port 0, writes the port it got to
/// the file named by its last argument (through a rename, so it is never read half written),
/// and serves. Stopped (SIGKILL) with the value.
public final class LoopbackServer {
  private let process: RunningCommand
  /// The loopback port it listens on.
  public let port: Int

  /// Starts `python3 -c program arguments… PORTFILE` and waits for its port.
  /// - Parameters:
  ///   - program: the Python program.
  ///   - arguments: its arguments before the port file.
  ///   - folder: where the port file goes.
  /// - Throws: when it did not start within five seconds.
  public init(python program: String, arguments: [String] = [], in folder: URL) throws {
    let portFile = folder.appendingPathComponent("server-\(UUID().uuidString.prefix(8)).port")
    process = try CommandRun.start(
      executable: URL(fileURLWithPath: "/usr/bin/env"),
      arguments: ["python3", "-c", program] + arguments + [portFile.path])
    var port = 0
    for _ in 0..<200 where port == 0 {
      usleep(25_000)
      port = Int((try? String(contentsOf: portFile, encoding: .utf8)) ?? "") ?? 0
    }
    guard port != 0 else {
      kill(process.processIdentifier, SIGKILL)
      _ = process.wait()
      throw CocoaError(.featureUnsupported)
    }
    self.port = port
  }

  deinit {
    kill(process.processIdentifier, SIGKILL)
    _ = process.wait()
  }

  /// Python lines that write `port` to the port file (the last argument) through a rename.
  public static func announce(_ port: String) -> String {
    "import os, sys\nopen(sys.argv[-1] + '.tmp', 'w').write(str(\(port)))\n"
      + "os.rename(sys.argv[-1] + '.tmp', sys.argv[-1])\n"
  }
}
