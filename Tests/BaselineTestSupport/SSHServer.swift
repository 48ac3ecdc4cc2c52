public import Foundation

/// A real OpenSSH `sshd` on a loopback port, for tests of `ssh://` URLs: a throwaway host key
/// and client key made with `ssh-keygen` in a temporary folder, only public-key
/// authentication, and a home folder whose `.ssh/known_hosts` holds the host key (libgit2
/// checks it there, as `ssh` does). Stopped with the value.
public final class SSHServer {
  private let process: RunningCommand
  /// The loopback port it listens on.
  public let port: Int
  /// The private key the server accepts (its `.pub` beside it).
  public let clientKey: String
  /// A key the server does not accept.
  public let strangerKey: String
  /// A home folder (`HOME`) whose `.ssh/known_hosts` knows the server.
  public let home: URL
  /// The user the server lets in: the one running the tests.
  public let user: String
  private let pidFile: URL

  /// Starts `sshd -D` on a free port (tried until one is had).
  /// - Parameter folder: where its keys, configuration and home folder go.
  /// - Throws: when `sshd` is not installed or no port could be had.
  public init(in folder: URL) throws {
    let base = folder.appendingPathComponent("sshd-\(UUID().uuidString.prefix(8))")
    home = base.appendingPathComponent("home")
    try FileManager.default.createDirectory(
      at: home.appendingPathComponent(".ssh"), withIntermediateDirectories: true)
    for name in ["host", "client", "stranger"] {
      _ = try CommandRun.run(
        executable: URL(fileURLWithPath: "/usr/bin/ssh-keygen"),
        arguments: [
          "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", base.appendingPathComponent(name).path,
        ])
    }
    pidFile = base.appendingPathComponent("sshd.pid")
    clientKey = base.appendingPathComponent("client").path
    strangerKey = base.appendingPathComponent("stranger").path
    try FileManager.default.copyItem(
      atPath: clientKey + ".pub", toPath: base.appendingPathComponent("authorized_keys").path)
    user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
    // The privilege separation folder sshd needs when it runs as root.
    try? FileManager.default.createDirectory(
      atPath: "/run/sshd", withIntermediateDirectories: true)
    let hostKey = try String(
      contentsOf: base.appendingPathComponent("host.pub"), encoding: .utf8
    ).split(separator: " ").prefix(2).joined(separator: " ")
    var started: (RunningCommand, Int)?
    for attempt in 0..<20 where started == nil {
      let port = 20_000 + Int.random(in: 0..<20_000) + attempt
      let config = base.appendingPathComponent("sshd_config")
      try """
      Port \(port)
      ListenAddress 127.0.0.1
      HostKey \(base.appendingPathComponent("host").path)
      AuthorizedKeysFile \(base.appendingPathComponent("authorized_keys").path)
      PidFile \(base.appendingPathComponent("sshd.pid").path)
      StrictModes no
      UsePAM no
      PasswordAuthentication no
      KbdInteractiveAuthentication no
      PermitRootLogin prohibit-password

      """.write(to: config, atomically: true, encoding: .utf8)
      // Under a shell that waits for it: sshd closes every inherited descriptor, which
      // Foundation would take for its exit (and then wait for it, blocking every other
      // child's reaping).
      let process = try CommandRun.start(
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", "/usr/sbin/sshd -D -e -f \"$0\" & wait", config.path])
      for _ in 0..<100 {
        if Self.accepts(port) {
          started = (process, port)
          break
        }
        if kill(process.processIdentifier, 0) != 0 { break }
        usleep(50_000)
      }
      if started == nil {
        Self.stop(named: pidFile)
        kill(process.processIdentifier, SIGKILL)
        _ = process.wait()
      }
    }
    guard let started else { throw CocoaError(.featureUnsupported) }
    (process, port) = started
    try "[127.0.0.1]:\(port) \(hostKey)\n".write(
      to: home.appendingPathComponent(".ssh/known_hosts"), atomically: true, encoding: .utf8)
  }

  deinit {
    // sshd first (its pid file), then the shell that waits for it.
    Self.stop(named: pidFile)
    kill(process.processIdentifier, SIGKILL)
    _ = process.wait()
  }

  /// The `ssh://` URL of the repository at `path` (absolute) on this server.
  public func url(_ path: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(path)" }

  /// Kills (SIGKILL) the process whose id `file` holds, if any.
  static func stop(named file: URL) {
    guard let text = try? String(contentsOf: file, encoding: .utf8),
      let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    else { return }
    Glibc.kill(pid, SIGKILL)
  }

  /// Whether something accepts TCP connections on the loopback `port`.
  static func accepts(_ port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }
}
