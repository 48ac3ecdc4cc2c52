import Foundation

/// The process groups of the probes running now, so that `baseline` can stop them when it is
/// itself interrupted or terminated (``ProbeRunner/stopAll()``).
final class RunningProbes: @unchecked Sendable {
  static let shared = RunningProbes()
  private let lock = NSLock()
  private var groups: Set<pid_t> = []
  private var stopping = false

  var isStopping: Bool {
    get { lock.withLock { stopping } }
    set { lock.withLock { stopping = newValue } }
  }

  func insert(_ group: pid_t) { _ = lock.withLock { groups.insert(group) } }
  func remove(_ group: pid_t) { _ = lock.withLock { groups.remove(group) } }
  var all: Set<pid_t> { lock.withLock { groups } }
}
