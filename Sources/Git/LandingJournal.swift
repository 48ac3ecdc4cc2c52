import Foundation

/// The tag changes of a landing in progress, written into the mirror (`baseline-landing`)
/// before any reference is changed and removed once all are: a landing cut short leaves them
/// for the next one to report, so that a move on the server is never taken silently.
/// One line per tag: `NAME OLD NEW`, `-` for none.
struct LandingJournal {
  let file: String

  init(mirror: String) { file = mirror + "/baseline-landing" }

  /// What an earlier landing cut short had found, by tag: the value before it.
  func read() -> [String: (old: ObjectID?, new: ObjectID?)] {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [:] }
    var result: [String: (old: ObjectID?, new: ObjectID?)] = [:]
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 3 else { continue }
      result[String(fields[0])] = (
        ObjectID(hex: String(fields[1])), ObjectID(hex: String(fields[2]))
      )
    }
    return result
  }

  /// Writes `changes` (atomically: whole or not at all).
  /// - Throws: ``GitError`` when the file cannot be written: then nothing is landed.
  func write(_ changes: [TagChange]) throws(GitError) {
    let text = changes.map { "\($0.name) \($0.old?.hex ?? "-") \($0.new?.hex ?? "-")\n" }.joined()
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
    } catch {
      throw GitError(
        code: .other, function: "write", path: file,
        message: "cannot write \(file) before landing a fetch: \(error.localizedDescription)")
    }
  }

  /// Removes the journal once every reference is landed.
  func remove() { try? FileManager.default.removeItem(atPath: file) }
}
