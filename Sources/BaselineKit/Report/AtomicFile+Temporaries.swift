import Foundation

extension AtomicFile {
  /// The temporary file name for a target named `name`: `.NAME.baseline-PID-RANDOM.tmp`, with
  /// this process's id and 16 random hexadecimal digits (`NAME` cut to 200 bytes).
  static func temporaryName(for name: String) -> String {
    let random = String(UInt64.random(in: .min ... .max), radix: 16)
    let padded = String(repeating: "0", count: 16 - random.count) + random
    return temporaryPrefix(for: name) + "\(getpid())-\(padded).tmp"
  }

  /// `.NAME.baseline-`, the start of every temporary name of a target named `name`.
  static func temporaryPrefix(for name: String) -> String {
    let cut = name.utf8.count > 200 ? String(decoding: name.utf8.prefix(200), as: UTF8.self) : name
    return ".\(cut).baseline-"
  }

  /// Removes the temporary files that a process writing `name` in `folder` left when it was
  /// killed (`kill -9`, a power cut) before it could rename or remove them.
  ///
  /// Only regular files named exactly as ``temporaryName(for:)`` names them for `name` (or as
  /// earlier versions did, `.NAME.PID-UUID.tmp`) are candidates, and only those whose process
  /// is gone (`kill(pid, 0)` fails with `ESRCH`): a temporary file of a run still writing is
  /// never touched. A process in another pid namespace (another container sharing the
  /// folder) cannot be seen, so do not share an output folder between containers.
  /// - Parameters:
  ///   - folder: the folder of the target.
  ///   - name: the target's file name.
  /// - Returns: the names removed.
  @discardableResult
  static func removeStaleTemporaries(in folder: String, for name: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    var removed: [String] = []
    for entry in entries {
      guard let pid = writer(of: entry, for: name), pid != getpid(),
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      let path = (folder as NSString).appendingPathComponent(entry)
      var info = stat()
      guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
      if unlink(path) == 0 { removed.append(entry) }
    }
    return removed
  }

  /// The process id in `entry` when it is a temporary name of the target `name`:
  /// `.NAME.baseline-PID-HEX16.tmp`, or the earlier `.NAME.PID-UUID.tmp`.
  static func writer(of entry: String, for name: String) -> pid_t? {
    guard entry.hasSuffix(".tmp") else { return nil }
    let current = temporaryPrefix(for: name)
    let earlier = ".\(name)."
    if entry.hasPrefix(current) {
      let middle = entry.dropFirst(current.count).dropLast(4).split(
        separator: "-", omittingEmptySubsequences: false)
      guard middle.count == 2, middle[1].count == 16,
        middle[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
      else { return nil }
      return processID(middle[0])
    }
    guard entry.hasPrefix(earlier) else { return nil }
    let middle = entry.dropFirst(earlier.count).dropLast(4)
    guard let dash = middle.firstIndex(of: "-"),
      UUID(uuidString: String(middle[middle.index(after: dash)...])) != nil
    else { return nil }
    return processID(middle[..<dash])
  }

  /// A process id written in decimal digits only, greater than 0.
  private static func processID(_ digits: Substring) -> pid_t? {
    guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy(\.isASCII),
      digits.allSatisfy(\.isNumber), let pid = pid_t(digits), pid > 0
    else { return nil }
    return pid
  }
}
