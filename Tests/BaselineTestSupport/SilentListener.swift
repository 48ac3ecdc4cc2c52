public import Foundation

/// A TCP listener on loopback that accepts connections and never says anything: a server
/// that hangs. Stopped with the value.
public final class SilentListener {
  private let server: LoopbackServer
  /// The loopback port it listens on.
  public var port: Int { server.port }

  /// Starts the listener.
  /// - Parameter folder: where it writes its port.
  /// - Throws: when it did not start within five seconds.
  public init(in folder: URL) throws {
    server = try LoopbackServer(
      python: "import socket\ns=socket.socket();s.bind(('127.0.0.1',0));s.listen(8)\n"
        + LoopbackServer.announce("s.getsockname()[1]")
        + "conns=[]\nwhile True:\n  c,_=s.accept();conns.append(c)\n",
      in: folder)
  }

  /// A `git://` URL on this listener.
  public func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }
}
