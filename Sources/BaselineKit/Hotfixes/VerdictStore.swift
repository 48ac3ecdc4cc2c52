import Foundation
import Git

/// The verdicts of one component's (hotfix, target) pairs and the ancestry answers behind its
/// bases, kept across runs so that a night on which no tag and no mainline moved judges
/// nothing again.
///
/// A pair's verdict is a function of three commits (the hotfix, the release it patches, the
/// target), the component's `bookkeeping:` and `reviewed:` entries, the repository's
/// attributes (patch-ids depend on them) and the analysis itself: an entry is keyed by the
/// three commit ids, and the file by a *policy* fingerprint of the rest (``policy(of:attributes:)``).
/// A file made under another policy is not used. A moved target (tonight's mainline head) is a
/// new key: it is judged again, from the patch-ids ``PatchStore`` kept.
///
/// The file is JSON (`baseline.verdicts/1`: `policy`, `verdicts` keyed `HOTFIX BASE TARGET`,
/// `-` for no base, and `ancestry` keyed `ANCESTOR DESCENDANT`), read once and written
/// atomically with only the entries this run used or made, so that it does not grow with
/// every night's mainline head. One that cannot be read or trusted is ignored and one that
/// cannot be written is left: the cache costs speed, never a verdict or a run.
final class VerdictStore: @unchecked Sendable {
  private let lock = NSLock()
  private var stored = Contents()
  private var used = Contents()
  private var added = 0
  /// The file, or `nil` for a store that lives only as long as the run.
  let file: URL?
  let policy: String

  /// The largest file read (a file claiming more is not trusted, and is not read).
  static let largest = 256 << 20

  /// What the file holds.
  struct Contents: Codable {
    var schema = "baseline.verdicts/1"
    var policy = ""
    var verdicts: [String: HotfixTarget] = [:]
    var ancestry: [String: Bool] = [:]
  }

  /// A store backed by `file` (read now when it exists, is intact and was made under
  /// `policy`), or in memory only.
  init(file: URL?, policy: String) {
    self.file = file
    self.policy = policy
    used.policy = policy
    if let file, let read = Self.read(file), read.policy == policy { stored = read }
  }

  /// The fingerprint of everything besides the three commits that a verdict depends on: the
  /// analysis (Baseline's version), the component's bookkeeping rules and reviews, and the
  /// repository's attributes fingerprint.
  static func policy(of component: Component, attributes: UInt64) -> String {
    // JSON, so that no entry's text can forge another (a newline in a subject pattern).
    let reviews = component.reviews.map {
      [$0.commit.hex, $0.equivalent.hex, $0.reason, $0.reference]
    }
    let parts: [[String]] =
      [
        ["baseline \(BaselineTool.version)", "analysis \(HotfixAnalysis.revision)"],
        ["attributes \(attributes)"], component.bookkeeping.paths.map(\.text),
        component.bookkeeping.subjects,
      ] + reviews
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let text = (try? encoder.encode(parts)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    let hex = String(FNV1a.hash(text.utf8), radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The key of a pair.
  static func key(hotfix: ObjectID, base: ObjectID?, target: ObjectID) -> String {
    "\(hotfix.hex) \(base?.hex ?? "-") \(target.hex)"
  }

  /// The verdict kept for `key`, renamed `name` (a target's name is not part of its verdict).
  func verdict(_ key: String, named name: String) -> HotfixTarget? {
    lock.withLock {
      guard let found = used.verdicts[key] ?? stored.verdicts[key] else { return nil }
      used.verdicts[key] = found
      return found.renamed(name)
    }
  }

  /// Whether a verdict is kept for `key`.
  func knows(_ key: String) -> Bool {
    lock.withLock { used.verdicts[key] != nil || stored.verdicts[key] != nil }
  }

  /// Keeps `verdict` for `key`.
  func keep(_ verdict: HotfixTarget, for key: String) {
    lock.withLock {
      used.verdicts[key] = verdict
      added += 1
    }
  }

  /// Whether `ancestor` is an ancestor of `descendant`, kept or read by `compute` now.
  func isAncestor(
    _ ancestor: ObjectID, of descendant: ObjectID, _ compute: () throws(GitError) -> Bool
  ) throws(GitError) -> Bool {
    let key = "\(ancestor.hex) \(descendant.hex)"
    let known = lock.withLock {
      let found = used.ancestry[key] ?? stored.ancestry[key]
      if let found { used.ancestry[key] = found }
      return found
    }
    if let known { return known }
    let computed = try compute()
    lock.withLock {
      used.ancestry[key] = computed
      added += 1
    }
    return computed
  }

  /// Writes what this run used and made, when it made anything or used less than the file
  /// holds. Failures are ignored, as the type explains.
  func save() {
    guard let file else { return }
    let contents = lock.withLock { () -> Contents? in
      let shrunk =
        used.verdicts.count < stored.verdicts.count || used.ancestry.count < stored.ancestry.count
      return added > 0 || shrunk ? used : nil
    }
    guard let contents, let data = try? JSONEncoder().encode(contents) else { return }
    try? FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o700])
    try? AtomicFile.replaceFile(at: file, with: [UInt8](data))
    lock.withLock { added = 0 }
  }

  /// The contents of `file` when it is a regular file of at most ``largest`` bytes holding
  /// this form; `nil` otherwise (read without waiting on a FIFO).
  static func read(_ file: URL) -> Contents? {
    guard let bytes = PatchStore.contents(of: file, sized: { $0 <= largest }),
      let contents = try? JSONDecoder().decode(Contents.self, from: Data(bytes)),
      contents.schema == Contents().schema
    else { return nil }
    return contents
  }
}
