/// One file of a commit's tree, as `git ls-tree -r -l` lists it.
public struct TreeFile: Hashable, Sendable {
  /// The path from the repository's root, `/`-separated, as UTF-8; a byte that is no part of
  /// UTF-8 is written `\x{e9}`, so that two names that differ only there stay two names
  /// (``pathBytes`` keeps the bytes).
  public var path: String {
    if let text = String(validating: pathBytes, as: UTF8.self) { return text }
    var out = ""
    var index = 0
    while index < pathBytes.count {
      // The longest valid UTF-8 sequence starting here (1 to 4 bytes), else one byte escaped.
      var taken = false
      for length in stride(from: min(4, pathBytes.count - index), through: 1, by: -1) {
        if let text = String(validating: pathBytes[index..<(index + length)], as: UTF8.self) {
          out += text
          index += length
          taken = true
          break
        }
      }
      if !taken {
        out += "\\x{" + String(pathBytes[index], radix: 16) + "}"
        index += 1
      }
    }
    return out
  }
  /// The path exactly as the tree records it.
  public let pathBytes: [UInt8]
  /// The blob id (for a submodule, the commit it names).
  public let id: ObjectID
  /// git's file mode: `0o100644` a file, `0o100755` an executable, `0o120000` a symbolic
  /// link, `0o160000` a submodule.
  public let mode: UInt32
  /// The blob's size in bytes (`git_odb_read_header`); `nil` for a submodule, whose commit is
  /// in another repository.
  public let size: Int?

  /// Makes an entry.
  public init(pathBytes: [UInt8], id: ObjectID, mode: UInt32, size: Int?) {
    self.pathBytes = pathBytes
    self.id = id
    self.mode = mode
    self.size = size
  }

  /// The mode as git prints it, six octal digits (`100644`).
  public var modeText: String {
    let octal = String(mode, radix: 8)
    return String(repeating: "0", count: max(0, 6 - octal.count)) + octal
  }

  /// Whether the entry is a submodule (a commit of another repository).
  public var isSubmodule: Bool { mode == 0o160000 }
}
