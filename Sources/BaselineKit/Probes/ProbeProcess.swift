import CProbeSpawn
import Foundation

/// A probe started with `posix_spawn`, the leader of a new process group, with standard input
/// from `/dev/null`, standard output and error on pipes, every other descriptor closed, and
/// the signals Baseline itself ignores (SIGINT, SIGTERM, SIGHUP while probes run) reset to
/// their defaults.
///
/// Baseline spawns probes itself rather than through Foundation's `Process`, whose Linux
/// implementation hands every child a socket of its own and counts the child as running until
/// that socket closes: a probe that leaves a background process behind would then hold the
/// report until that process ends. Here the probe's exit is seen with `waitpid`, at once.
struct ProbeProcess {
  /// The probe's process id, which is also its process group id.
  let pid: pid_t
  /// The read end of the probe's standard output.
  let output: Int32
  /// The read end of the probe's standard error.
  let errors: Int32

  /// How a probe ended.
  enum Termination: Equatable {
    case exited(Int32)
    case signalled(Int32)
  }

  /// Starts `executable` with `arguments` in `directory`.
  /// - Throws: `POSIXError` when the pipes cannot be made or the program cannot be started.
  static func spawn(
    _ executable: String, arguments: [String], environment: [String: String], directory: String
  ) throws -> ProbeProcess {
    var outputPipe: [Int32] = [-1, -1]
    var errorPipe: [Int32] = [-1, -1]
    guard baseline_pipe_cloexec(&outputPipe) == 0 else { throw POSIXError.current }
    guard baseline_pipe_cloexec(&errorPipe) == 0 else {
      close(outputPipe[0])
      close(outputPipe[1])
      throw POSIXError.current
    }
    let nullInput = open("/dev/null", O_RDONLY | O_CLOEXEC)
    defer {
      close(outputPipe[1])
      close(errorPipe[1])
      if nullInput >= 0 { close(nullInput) }
    }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, nullInput, 0)
    posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
    baseline_spawn_closefrom(&actions, 3)
    baseline_spawn_chdir(&actions, directory)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    posix_spawnattr_setsigmask(&attributes, &emptyMask)

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard status == 0 else {
      close(outputPipe[0])
      close(errorPipe[0])
      throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO)
    }
    return ProbeProcess(pid: pid, output: outputPipe[0], errors: errorPipe[0])
  }

  /// Collects the exit status if the probe has ended (`waitpid` with `WNOHANG`).
  /// - Returns: how it ended, or `nil` while it runs.
  func poll() -> Termination? {
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    guard result == pid else { return nil }
    return Self.decode(status)
  }

  /// Waits for the probe to end (`waitpid`).
  func wait() -> Termination {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return .signalled(SIGKILL) }
    }
    return Self.decode(status)
  }

  /// The wait status, decoded as the `WIFEXITED` family of macros does (which Swift cannot
  /// import).
  static func decode(_ status: Int32) -> Termination {
    let signal = status & 0x7f
    return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
  }

  /// Closes the read ends.
  func closePipes() {
    close(output)
    close(errors)
  }
}

extension POSIXError {
  static var current: POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}
