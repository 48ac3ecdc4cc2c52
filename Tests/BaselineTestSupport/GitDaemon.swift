public import Foundation

/// A real `git daemon` on a loopback port, for tests of `git://` URLs: started on a free port
/// (tried until one is had), stopped with the value (SIGKILL: git-daemon may outlive a SIGTERM
/// whose disposition it inherited).
public final class GitDaemon {
  private let process: RunningCommand
  /// The loopback port it listens on.
  public let port: Int
  private var stopped = false

  /// Starts a daemon serving every repository below `base` (`--export-all`), and waits until
  /// it answers for `base/<ready>` (which must exist).
  /// - Throws: when no port could be had in twenty tries.
  public init(serving base: URL, ready: String = "src") throws {
    var started: (RunningCommand, Int)?
    for attempt in 0..<20 where started == nil {
      let port = 20_000 + Int.random(in: 0..<20_000) + attempt
      // The daemon itself, not the `git` wrapper, so that stopping it stops the server.
      let process = try CommandRun.start(
        executable: Self.daemonProgram,
        arguments: [
          "--reuseaddr", "--export-all", "--base-path=\(base.path)",
          "--listen=127.0.0.1", "--port=\(port)", "--informative-errors", base.path,
        ])
      // Ready when it answers; gone when the port was taken.
      for _ in 0..<100 {
        let probe = try CommandRun.run(
          executable: URL(fileURLWithPath: "/usr/bin/env"),
          arguments: ["git", "ls-remote", "git://127.0.0.1:\(port)/\(ready)"])
        if probe.status == 0 {
          started = (process, port)
          break
        }
        if kill(process.processIdentifier, 0) != 0 { break }
        usleep(50_000)
      }
      if started == nil {
        kill(process.processIdentifier, SIGKILL)
        _ = process.wait()
      }
    }
    guard let started else { throw CocoaError(.featureUnsupported) }
    (process, port) = started
  }

  deinit { stop() }

  /// Stops the server (a host gone down); later calls do nothing.
  public func stop() {
    guard !stopped else { return }
    stopped = true
    // SIGKILL: git-daemon may outlive a SIGTERM whose disposition it inherited.
    kill(process.processIdentifier, SIGKILL)
    _ = process.wait()
  }

  /// `git-daemon` in git's exec path (`git --exec-path`).
  static var daemonProgram: URL {
    let path =
      (try? CommandRun.run(
        executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["git", "--exec-path"]))?
      .stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? "/usr/lib/git-core"
    return URL(fileURLWithPath: path).appendingPathComponent("git-daemon")
  }

  /// The `git://` URL of the repository `name` below the base.
  public func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }
}
