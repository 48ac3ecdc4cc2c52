/// The entries of a git config file read as git reads them (`git help config`, "Syntax"), so
/// that the repository file check sees every `include.path` libgit2 will open: a key on the
/// section's line (`[include] path = x`), a comment after the value (`; x`, `# x`), quotes
/// anywhere in the value, escapes (`\"`, `\\`, `\t`, `\n`, `\b`) and a backslash that
/// continues the value on the next line. The value stays bytes (a path need not be UTF-8).
/// A line git would reject is skipped (libgit2 then refuses the config itself, and does not
/// block).
struct ConfigEntries {
  /// One `key = value` of a section.
  struct Entry: Equatable {
    /// The section in lower case, with its subsection after a space as written
    /// (`includeif "gitdir:/x/"` → `includeif gitdir:/x/`).
    let section: String
    /// The key in lower case (`path`, `excludesfile`).
    let key: String
    /// The value as git reads it (a key with no `=` is the empty value).
    let value: [UInt8]
  }

  /// The entries in file order.
  private(set) var entries: [Entry] = []

  private let bytes: [UInt8]
  private var index = 0
  private var section = ""

  /// Reads the entries of the config file text `bytes`.
  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
        index += 1
      case UInt8(ascii: "#"), UInt8(ascii: ";"):
        skipLine()
      case UInt8(ascii: "["):
        readHeader()
      case _ where Self.isKeyByte(byte):
        readEntry()
      default:
        skipLine()
      }
    }
  }

  private func peek(_ offset: Int = 0) -> UInt8? {
    index + offset < bytes.count ? bytes[index + offset] : nil
  }

  private mutating func skipLine() {
    while let byte = peek(), byte != UInt8(ascii: "\n") { index += 1 }
  }

  private static func isKeyByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
  }

  /// `[name]`, `[name "subsection"]` (with `\"` and `\\` in the subsection) or the old
  /// `[name.subsection]`; what follows on the line is read as entries.
  private mutating func readHeader() {
    index += 1
    var name: [UInt8] = []
    while let byte = peek(), byte != UInt8(ascii: "]"), byte != UInt8(ascii: "\n"),
      byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t")
    {
      name.append(byte)
      index += 1
    }
    var subsection: [UInt8] = []
    while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    if peek() == UInt8(ascii: "\"") {
      index += 1
      while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\n") {
        if byte == UInt8(ascii: "\\"), let escaped = peek(1), escaped != UInt8(ascii: "\n") {
          subsection.append(escaped)
          index += 2
        } else {
          subsection.append(byte)
          index += 1
        }
      }
      index += 1
    }
    guard peek() == UInt8(ascii: "]") else { return skipLine() }
    index += 1
    let lowered = String(decoding: name, as: UTF8.self).lowercased()
    section =
      subsection.isEmpty ? lowered : lowered + " " + String(decoding: subsection, as: UTF8.self)
  }

  /// `key`, `key = value`: the value up to an unquoted comment or the end of the line (a
  /// backslash before the newline continues it), blanks outside quotes at either end dropped.
  private mutating func readEntry() {
    var key: [UInt8] = []
    while let byte = peek(), Self.isKeyByte(byte) {
      key.append(byte)
      index += 1
    }
    while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    var value: [UInt8] = []
    if peek() == UInt8(ascii: "=") {
      index += 1
      value = readValue()
    } else if let byte = peek(), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r"),
      byte != UInt8(ascii: "#"), byte != UInt8(ascii: ";")
    {
      return skipLine()
    }
    entries.append(
      Entry(
        section: section, key: String(decoding: key, as: UTF8.self).lowercased(), value: value))
  }

  private mutating func readValue() -> [UInt8] {
    var value: [UInt8] = []
    var blanks: [UInt8] = []  // held until more follows: trailing blanks are dropped
    var started = false  // leading blanks are dropped too
    var quoted = false
    while let byte = peek(), byte != UInt8(ascii: "\n") {
      index += 1
      switch byte {
      case UInt8(ascii: "\\"):
        guard let escaped = peek() else { break }
        index += 1
        if escaped == UInt8(ascii: "\r"), peek() == UInt8(ascii: "\n") { index += 1 }
        if escaped == UInt8(ascii: "\n") || escaped == UInt8(ascii: "\r") { continue }
        let table: [UInt8: UInt8] = [
          UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "b"): 0x08,
        ]
        value += (started ? blanks : []) + [table[escaped] ?? escaped]
        blanks = []
        started = true
      case UInt8(ascii: "\""):
        quoted.toggle()
        value += started ? blanks : []
        blanks = []
        started = true
      case UInt8(ascii: " "), UInt8(ascii: "\t"),
        UInt8(ascii: "\r") where !quoted:
        blanks.append(byte)
      case UInt8(ascii: "#"),
        UInt8(ascii: ";") where !quoted:
        skipLine()
        return value
      default:
        value += (started ? blanks : []) + [byte]
        blanks = []
        started = true
      }
    }
    return value
  }
}
