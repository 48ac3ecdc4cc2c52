import Foundation
import Git

/// Each commit's ``CommitPatch``, shared by the threads of one component's analysis (a lock
/// guards the table) and kept across runs in one file per repository (``PatchStoreFile``), so
/// that the next night's run computes nothing it computed before. Nothing invalidates an
/// entry: a commit id names its trees, so its change never changes.
///
/// The file is read once, when the store is made, and written by ``save()`` through
/// ``AtomicFile`` (merged with what another run saved meanwhile). A file that cannot be read or
/// trusted is ignored and one that cannot be written is left: the cache costs speed, never a
/// verdict or a run.
final class PatchStore: @unchecked Sendable {
  private let lock = NSLock()
  private var table: [ObjectID: CommitPatch]
  private var inverses: [ObjectID: ObjectID?] = [:]
  private var bookkeepingRules: [ObjectID: String?] = [:]
  private var added = 0
  /// The file, or `nil` for a store that lives only as long as the run.
  let file: URL?

  /// The repository's attributes fingerprint: a file made under another is not read.
  let fingerprint: UInt64

  /// A store backed by `file` (read now, when it exists, is intact and was made under the same
  /// attributes fingerprint), or in memory only.
  init(file: URL?, fingerprint: UInt64 = 0) {
    self.file = file
    self.fingerprint = fingerprint
    table = [:]
    if let file, let bytes = Self.contents(of: file, sized: PatchStoreFile.plausible) {
      table = PatchStoreFile.decode(bytes, fingerprint: fingerprint) ?? [:]
    }
  }

  subscript(id: ObjectID) -> CommitPatch? {
    get { lock.withLock { table[id] } }
    set {
      guard let newValue else { return }
      lock.withLock {
        // Threads may complete different ids of one commit at once: keep both.
        var merged = newValue
        if let old = table[id] { merged = Self.merge(newValue, old) }
        if table.updateValue(merged, forKey: id) != merged { added += 1 }
      }
    }
  }

  /// What two readings of one commit know together: values never disagree, so whatever
  /// either computed is kept; a root key that one found to change no path is gone.
  static func merge(_ ours: CommitPatch, _ other: CommitPatch) -> CommitPatch {
    var merged = ours
    merged.rootKey = ours.rootKey == nil || other.rootKey == nil ? nil : ours.rootKey
    merged.pathsKey = ours.pathsKey ?? other.pathsKey
    merged.patchID = ours.patchID ?? other.patchID
    merged.linesID = ours.linesID ?? other.linesID
    return merged
  }

  /// The patch-id of a commit's inverse change (what a revert has), computed by `compute` the
  /// first time it is asked for. Kept for the run only: only a hotfix's own commits need it.
  func inversePatchID(
    of id: ObjectID, _ compute: () throws(GitError) -> ObjectID?
  ) throws(GitError) -> ObjectID? {
    try remember(id, in: \.inverses, compute)
  }

  /// The bookkeeping rule a commit falls under (text for people), or `nil`, computed by
  /// `compute` the first time it is asked for. Kept for the run only: it depends on the
  /// estate's rules, which the next run may change.
  func bookkeepingRule(
    of id: ObjectID, _ compute: () throws(GitError) -> String?
  ) throws(GitError) -> String? {
    try remember(id, in: \.bookkeepingRules, compute)
  }

  private func remember<Value>(
    _ id: ObjectID, in table: ReferenceWritableKeyPath<PatchStore, [ObjectID: Value?]>,
    _ compute: () throws(GitError) -> Value?
  ) throws(GitError) -> Value? {
    if let known = lock.withLock({ self[keyPath: table][id] }) { return known }
    let computed = try compute()
    lock.withLock { self[keyPath: table][id] = computed }
    return computed
  }

  /// How many entries were added or completed since the store was made.
  var additions: Int { lock.withLock { added } }

  /// Writes the table to the file when anything was added, merged with what the file holds
  /// now (another run may have saved since). Failures are ignored, as the type explains.
  func save() {
    guard let file, additions > 0 else { return }
    let merged = lock.withLock {
      (Self.read(file, fingerprint: fingerprint) ?? [:]).merging(table) { stored, ours in
        Self.merge(ours, stored)
      }
    }
    let folder = file.deletingLastPathComponent()
    try? FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    try? AtomicFile.replaceFile(
      at: file, with: PatchStoreFile.encode(merged, fingerprint: fingerprint))
    lock.withLock { added = 0 }
  }

  /// The records of `file` when it is a regular file holding an intact store; `nil` otherwise
  /// (absent, a folder, a FIFO — opened without waiting —, of a size no store has, larger
  /// than ``PatchStoreFile/largest``, or failing its checksum), without reading such a file.
  static func read(_ file: URL, fingerprint: UInt64) -> [ObjectID: CommitPatch]? {
    contents(of: file, sized: PatchStoreFile.plausible).flatMap {
      PatchStoreFile.decode($0, fingerprint: fingerprint)
    }
  }

  /// The bytes of `file` when it is a regular file whose size `sized` accepts (opened
  /// without waiting, so a FIFO never blocks; the size checked before anything is read).
  static func contents(of file: URL, sized: (Int) -> Bool) -> [UInt8]? {
    let descriptor = open(file.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      sized(Int(status.st_size))
    else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
    var done = 0
    while done < bytes.count {
      let count = bytes.withUnsafeMutableBytes { buffer in
        guard let base = buffer.baseAddress else { return 0 }
        return Foundation.read(descriptor, base + done, buffer.count - done)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { return nil }
      done += count
    }
    return bytes
  }
}
