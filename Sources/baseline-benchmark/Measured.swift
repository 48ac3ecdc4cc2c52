import CProbeSpawn
import Foundation

/// One whole process, measured: wall time and its own peak resident memory (`wait4`'s
/// `ru_maxrss`, KiB on Linux), standard output to `output` (else `/dev/null`).
struct Measured {
  let milliseconds: Double
  let peakKiB: Int
  let status: Int32

  var peakMiB: Double { Double(peakKiB) / 1024 }

  /// Runs `arguments` (the first is the program, looked up in `PATH` when it has no `/`) in
  /// `directory`, with `environment` added to this process's, standard input from `input`.
  static func run(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:],
    input: URL? = nil, output: URL? = nil
  ) -> Measured {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input?.path ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, output?.path ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    _ = baseline_spawn_chdir(&actions, directory.path)
    var variables = ProcessInfo.processInfo.environment
    variables.merge(environment) { _, new in new }
    var envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    var argv = arguments.map { strdup($0) } + [nil]
    defer { (envp + argv).forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawnp(&pid, arguments[0], &actions, nil, &argv, &envp) == 0 else {
      fatalError("cannot run \(arguments[0])")
    }
    // The peak is read from /proc (VmHWM) while the process runs: the rusage of a process
    // started by posix_spawn counts the spawning process's memory too (vfork shares it until
    // exec), so this benchmark's own size would be every small command's floor.
    var status: Int32 = 0
    var peak = 0
    var elapsed = 0.0
    while true {
      let done = waitpid(pid, &status, WNOHANG)
      if done == pid { break }
      if done < 0 && errno != EINTR { break }
      peak = max(peak, highWater(of: pid))
      usleep(10_000)
    }
    elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    let exited = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Measured(milliseconds: elapsed, peakKiB: peak, status: exited)
  }

  /// `VmHWM` of a running process, KiB (0 once it is gone).
  static func highWater(of pid: pid_t) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
      ?? 0
  }

  /// The run with the median wall time of `count` (its memory is that run's).
  static func median(_ count: Int, _ body: () -> Measured) -> Measured {
    let runs = (0..<count).map { _ in body() }.sorted { $0.milliseconds < $1.milliseconds }
    return runs[runs.count / 2]
  }

  /// `ms (MiB)`, for the tables.
  var shown: String { String(format: "%7.0f ms %6.1f MiB", milliseconds, peakMiB) }
}
