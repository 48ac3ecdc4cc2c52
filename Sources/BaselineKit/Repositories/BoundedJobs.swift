import Foundation

/// Runs blocking jobs on their own threads, at most `width` at once, each given `limit`
/// seconds from its own start.
///
/// A network call into libgit2 cannot be cancelled: a job past its limit is given up (its
/// result is the caller's `late` value, and its place goes to the next job) and its thread is
/// left to end with the process. Nothing it returns afterwards is used. `late` may decline
/// (return `nil`) for a job past the point where giving up is safe: it is then waited for.
struct BoundedJobs<Result: Sendable>: Sendable {
  /// How many jobs run at once (at least 1).
  let width: Int
  /// Seconds each job may take.
  let limit: TimeInterval

  /// Runs `jobs`.
  /// - Parameters:
  ///   - jobs: the work; each runs on a thread of its own (8 MiB of stack).
  ///   - late: the result of a job given up at the limit, by its index; `nil`: not given up
  ///     (asked again a moment later).
  /// - Returns: one result per job, in the order of `jobs`.
  func run(_ jobs: [@Sendable () -> Result], late: (Int) -> Result?) -> [Result] {
    let board = Board<Result>(count: jobs.count)
    var next = 0
    var running: [Int: Date] = [:]
    board.condition.lock()
    defer { board.condition.unlock() }
    while board.settled < jobs.count {
      while running.count < max(1, width), next < jobs.count {
        let index = next
        let job = jobs[index]
        let thread = Thread { board.finish(index, job()) }
        thread.stackSize = 8 << 20
        running[index] = Date()
        thread.start()
        next += 1
      }
      let soonest = running.values.min().map { $0.addingTimeInterval(limit) } ?? Date()
      _ = board.condition.wait(until: min(soonest, Date().addingTimeInterval(0.5)))
      for (index, started) in running {
        if board.results[index] != nil {
          running[index] = nil
        } else if Date().timeIntervalSince(started) >= limit, let given = late(index) {
          board.results[index] = given
          board.settled += 1
          running[index] = nil
        }
      }
    }
    return board.results.compactMap { $0 }
  }
}

/// The results of one ``BoundedJobs`` run, behind its condition.
private final class Board<Result: Sendable>: @unchecked Sendable {
  let condition = NSCondition()
  var results: [Result?]
  var settled = 0

  init(count: Int) { results = Array(repeating: nil, count: count) }

  /// Records what job `index` returned, unless it was given up; wakes the runner.
  func finish(_ index: Int, _ result: Result) {
    condition.lock()
    defer { condition.unlock() }
    guard results[index] == nil else { return }
    results[index] = result
    settled += 1
    condition.signal()
  }
}
