public import Foundation

/// A time limit on the work done in one repository, so that a nightly job never hangs on a
/// damaged clone.
///
/// libgit2 1.5 can spin for ever inside one call (inflating a truncated loose object), and a
/// call into C cannot be cancelled: when work in one repository runs past the limit, the
/// watch gives up on the whole run through ``expiry`` (the command stops its probes, says
/// which repository and what it was doing, and exits 2). Work is watched by ``during(_:_:_:)``
/// around each unit of work in one repository (opening it, reading its tags, resolving an
/// inventory's commits, analysing its hotfixes); units may nest and run on several threads,
/// and each is timed from its own start.
public final class RepositoryWatch: @unchecked Sendable {
  /// The watch every command uses.
  public static let shared = RepositoryWatch()

  /// The default limit, in seconds: generous, far above any healthy repository's work
  /// (`--repository-timeout` changes it).
  public static let defaultLimit: TimeInterval = 600

  private let lock = NSLock()
  private var limit: TimeInterval = defaultLimit
  private var units: [UInt64: Unit] = [:]
  private var nextID: UInt64 = 0
  private var timer: (any DispatchSourceTimer)?
  private var expiry: @Sendable (String) -> Void = { message in
    FileHandle.standardError.write(Data("baseline: error: \(message)\n".utf8))
    _exit(2)
  }

  /// One unit of work in progress.
  private struct Unit {
    let repository: String
    let activity: String
    let started: Date
    /// Why this unit may be slow when it is not libgit2's doing, for the message.
    var cause: String? = nil
  }

  /// Sets the limit and what happens when it is passed.
  /// - Parameters:
  ///   - limit: seconds one unit of work in one repository may take.
  ///   - expiry: called once, on a background thread, with the message naming the repository
  ///     and the work; it must end the process (the stuck call cannot be stopped). The default
  ///     prints the message and exits 2.
  public func configure(limit: TimeInterval, expiry: (@Sendable (String) -> Void)? = nil) {
    lock.lock()
    defer { lock.unlock() }
    self.limit = limit
    if let expiry { self.expiry = expiry }
  }

  /// Runs `body`, one unit of work in `repository`, under the time limit.
  /// - Parameters:
  ///   - repository: the repository as the user wrote it (`repository:` in components.yaml).
  ///   - activity: what the work is, for the message: `reading its tags`.
  ///   - cause: what to blame when the work (the innermost when units nest) runs past the
  ///     limit, when it is not libgit2 (a bookkeeping pattern); `nil`: a damaged repository.
  ///   - body: the work.
  /// - Returns: what `body` returns.
  /// - Throws: what `body` throws.
  public func during<Result, Failure: Error>(
    _ repository: String, _ activity: String, cause: String? = nil,
    _ body: () throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let id = begin(
      Unit(repository: repository, activity: activity, started: Date(), cause: cause))
    defer { end(id) }
    return try body()
  }

  private func begin(_ unit: Unit) -> UInt64 {
    lock.lock()
    defer { lock.unlock() }
    nextID += 1
    units[nextID] = unit
    if timer == nil { startTimer() }
    return nextID
  }

  private func end(_ id: UInt64) {
    lock.lock()
    defer { lock.unlock() }
    units[id] = nil
  }

  /// Checks four times a second, on a background queue, for a unit past the limit.
  private func startTimer() {
    let timer = DispatchSource.makeTimerSource(queue: .global())
    timer.schedule(deadline: .now() + 0.25, repeating: 0.25)
    timer.setEventHandler { [weak self] in self?.check() }
    timer.resume()
    self.timer = timer
  }

  private func check() {
    lock.lock()
    let now = Date()
    let allowed = limit
    let late = units.values.filter { now.timeIntervalSince($0.started) > allowed }
      .min { $0.started < $1.started }
    // The innermost unit running now says what the work was stuck in.
    let innermost = units.values.max { $0.started < $1.started }
    let expiry = self.expiry
    if late != nil { timer?.cancel() }
    lock.unlock()
    guard let late else { return }
    let cause =
      innermost?.cause
      ?? "libgit2 did not return, so the repository is probably damaged (a truncated object, "
      + "or a file that blocks); check it with `git fsck`"
    expiry(
      "repository \(late.repository): gave up after \(Self.seconds(allowed)) \(late.activity) "
        + "(--repository-timeout): \(cause)")
  }

  /// `600 s`, `2.5 s`.
  static func seconds(_ value: TimeInterval) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}
