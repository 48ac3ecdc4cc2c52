import Foundation

/// Whether one fetch may still land in its mirror, or was given up at its time limit: the two
/// are decided once, under a lock, so that a fetch given up never lands later and a fetch
/// landing is never given up half way.
final class FetchTurn: @unchecked Sendable {
  private enum State { case fetching, landing, givenUp }
  private let lock = NSLock()
  private var state = State.fetching

  /// Called by the fetch once its pack is in: `true` lets it land (and it can no longer be
  /// given up), `false` means it was given up.
  func land() -> Bool {
    lock.withLock {
      guard state == .fetching else { return false }
      state = .landing
      return true
    }
  }

  /// Called at the time limit: `true` when the fetch is given up (it will land nothing),
  /// `false` when it is landing already and must be waited for.
  func giveUp() -> Bool {
    lock.withLock {
      guard state == .fetching else { return state == .givenUp }
      state = .givenUp
      return true
    }
  }
}
