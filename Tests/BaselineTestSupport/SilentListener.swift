public import Foundation

/// A TCP listener on loopback that accepts connections and never says anything: a server
/// that hangs. Stopped with the value.
public final class SilentListener {
  private let process: RunningCommand
  /// The loopback port it listens on.
  public let port: Int

  /// Starts the listener (Python's socket module) and waits for its port.
  /// - Parameter folder: where it writes its port.
  /// - Throws: when it did not start within five seconds.
  public init(in folder: URL) throws {
    let portFile = folder.appendingPathComponent("listener-\(UUID().uuidString).port").path
    process = try CommandRun.start(
      executable: URL(fileURLWithPath: "/usr/bin/env"),
      arguments: [
        "python3", "-c",
        "import socket,sys,os\ns=socket.socket();s.bind(('127.0.0.1',0));s.listen(8)\n"
          + "open(sys.argv[1]+'.tmp','w').write(str(s.getsockname()[1]))\n"
          + "os.rename(sys.argv[1]+'.tmp',sys.argv[1])\nconns=[]\n"
          + "while True:\n  c,_=s.accept();conns.append(c)\n",
        portFile,
      ])
    var port = 0
    for _ in 0..<200 where port == 0 {
      usleep(25_000)
      port = Int((try? String(contentsOfFile: portFile, encoding: .utf8)) ?? "") ?? 0
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

  /// A `git://` URL on this listener.
  public func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }
}
