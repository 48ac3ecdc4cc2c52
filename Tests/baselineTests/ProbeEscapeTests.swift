import BaselineTestSupport
import Foundation
import Testing

/// Nothing a probe started outlives `baseline`: not what it left in its process group, not
/// what left the group with `setsid`; and such a process cannot stretch the time limit
/// (issue 9, item 8).
@Suite("baseline, probes that leave processes behind")
struct ProbeEscapeTests {
  @Test("background, setsid and nested setsid children of a probe are gone when baseline exits")
  func nothingOutlivesBaseline() throws {
    let estate = try exampleEstate()
    try FileManager.default.moveItem(
      atPath: estate.path("Probes/inventory"), toPath: estate.path("inventory.orig"))
    try estate.write(
      "Probes/inventory",
      """
      #!/usr/bin/env bash
      pids="$PWD/pids"
      sleep 300 &
      echo $! >> "$pids"
      sleep 300 >/dev/null 2>&1 &
      echo $! >> "$pids"
      setsid sleep 300 >/dev/null 2>&1 &
      echo $! >> "$pids"
      setsid bash -c 'sleep 300 & echo $! >> "$1"; echo $$ >> "$1"; wait' - "$pids" \\
        >/dev/null 2>&1 &
      sleep 0.5
      exec "$PWD/inventory.orig" "$@"
      """, executable: true)
    let run = try CommandRun.baseline(["probe", "--env", "SIT-B"], in: estate.url)
    let pids = try Self.pids(in: estate.url.appendingPathComponent("pids"))
    defer { for pid in pids { kill(pid, SIGKILL) } }
    #expect(run.status == 0, "\(run.stderr)")
    #expect(pids.count == 5)
    let alive = pids.filter { !Self.isGone($0) }
    #expect(alive.isEmpty, "still running after baseline exited: \(alive)")
  }

  @Test("a setsid grandchild that holds the pipes does not stretch --probe-timeout 5 past 7 s")
  func grandchildKeepsTheLimit() throws {
    let estate = try exampleEstate()
    try estate.write(
      "Probes/inventory",
      """
      #!/usr/bin/env bash
      setsid sleep 300 &
      echo $! >> "$PWD/pids"
      sleep 60
      """, executable: true)
    let started = Date()
    let run = try CommandRun.baseline(
      ["probe", "--env", "SIT-B", "--probe-timeout", "5"], in: estate.url)
    let elapsed = Date().timeIntervalSince(started)
    let pids = try Self.pids(in: estate.url.appendingPathComponent("pids"))
    defer { for pid in pids { kill(pid, SIGKILL) } }
    #expect(run.status == 1)
    #expect(run.stderr.contains("timed out after 5 s"), "\(run.stderr)")
    // The contract: the limit plus two seconds; the rest is slack for a loaded machine
    // (before, the run took nine seconds).
    #expect(elapsed < 8.5, "the run took \(elapsed) s")
    #expect(pids.count == 1 && pids.allSatisfy(Self.isGone), "the grandchild outlived baseline")
  }

  /// The process ids a probe wrote, one a line.
  static func pids(in file: URL) throws -> [pid_t] {
    try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline)
      .compactMap { pid_t($0) }
  }

  /// Whether `pid` is gone, or a zombie that nothing runs in, within three seconds.
  static func isGone(_ pid: pid_t) -> Bool {
    let deadline = Date().addingTimeInterval(3)
    repeat {
      if kill(pid, 0) != 0 && errno == ESRCH { return true }
      if InterruptedTests.isZombie(pid) { return true }
      usleep(50_000)
    } while Date() < deadline
    return false
  }
}
