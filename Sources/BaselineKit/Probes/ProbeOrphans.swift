import CProbeSpawn
import Foundation

/// What probes leave behind after they exit: processes that left the probe's process group
/// (`setsid`, a double fork) and so escape the signals sent to the group.
///
/// The command line makes `baseline` a child subreaper (``adopt()``): every orphaned
/// descendant becomes its child instead of init's. Once all probes have finished (and when a
/// signal stops the run), ``endAll()`` kills every process descended from `baseline` and
/// reaps its children, so nothing a probe started outlives the run. Only a process whose
/// children are all probes may do this, which is why a library caller (or a test process,
/// whose other children are not probes) does not, unless it calls ``adopt()``.
public enum ProbeOrphans {
  /// Makes this process the subreaper of its descendants and turns on ``endAll()``.
  /// - Returns: whether the kernel accepted (`prctl(PR_SET_CHILD_SUBREAPER)`, Linux 3.4).
  @discardableResult
  public static func adopt() -> Bool {
    let accepted = baseline_become_subreaper() == 0
    lock.withLock { adopted = accepted }
    return accepted
  }

  /// Whether ``adopt()`` succeeded, so that ``endAll()`` ends the descendants.
  static var isAdopting: Bool { lock.withLock { adopted } }

  /// Kills (SIGKILL) every process descended from this one and reaps its children, round
  /// after round (the grandchildren of a killed child become children), at most 50 rounds;
  /// nothing when ``adopt()`` was not called.
  /// - Returns: how many processes were signalled.
  @discardableResult
  public static func endAll() -> Int {
    guard isAdopting else { return 0 }
    var signalled = 0
    // With no child at all (`waitid` says ECHILD) there is no descendant either: an orphan is
    // adopted as a child. The usual end of a run, and /proc need not be read.
    for _ in 0..<50 where hasChildren() {
      let (children, descendants) = family(of: getpid())
      guard !children.isEmpty else { break }
      for pid in descendants { if kill(pid, SIGKILL) == 0 { signalled += 1 } }
      for pid in children {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
      }
    }
    return signalled
  }

  /// Whether this process has a child, running or not yet reaped (`waitid(P_ALL)` with
  /// `WNOWAIT`, which reaps nothing); true when the kernel does not say (never a skipped
  /// round).
  static func hasChildren() -> Bool {
    var info = siginfo_t()
    while true {
      if waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) == 0 { return true }
      if errno != EINTR { return errno != ECHILD }
    }
  }

  /// The children of `root` and all its descendants, read from `/proc/PID/stat`.
  static func family(of root: pid_t) -> (children: [pid_t], descendants: [pid_t]) {
    var childrenOf: [pid_t: [pid_t]] = [:]
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    for entry in entries {
      guard let pid = pid_t(entry), let parent = parent(of: pid) else { continue }
      childrenOf[parent, default: []].append(pid)
    }
    var descendants: [pid_t] = []
    var queue = childrenOf[root] ?? []
    while let pid = queue.popLast() {
      descendants.append(pid)
      queue += childrenOf[pid] ?? []
    }
    return (childrenOf[root] ?? [], descendants)
  }

  /// The parent process id in `/proc/PID/stat` (the field after the state, which follows the
  /// command name in parentheses).
  static func parent(of pid: pid_t) -> pid_t? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = text.lastIndex(of: ")")
    else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    return fields.count > 1 ? pid_t(fields[1]) : nil
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var adopted = false
}
