/// The entries of a git config file read as libgit2 1.5 reads them (`config_parse.c`), so
/// that the repository file check sees every `include.path` libgit2 will open: a byte order
/// mark skipped; a key on the section's line (`[include] path = x`); a comment (`;`, `#`)
/// ending the line outside quotes and unescaped, then the blanks before it dropped; quotes
/// removed wherever they are; escapes (`\"`, `\\`, `\t`, `\n`, `\b`); a backslash at the end
/// of a line continuing the value on the next, where a comment or blank line is skipped. The
/// value stays bytes (a path need not be UTF-8). A line libgit2 would reject is skipped
/// (libgit2 then refuses the config itself, and does not block).
struct ConfigEntries {
  /// One `key = value` of a section.
  struct Entry: Equatable {
    /// The section in lower case, with its subsection after a space as written
    /// (`includeif "gitdir:/x/"` → `includeif gitdir:/x/`).
    let section: String
    /// The key in lower case (`path`, `excludesfile`).
    let key: String
    /// The value as libgit2 reads it (a key with no `=` is the empty value).
    let value: [UInt8]
  }

  /// The entries in file order.
  private(set) var entries: [Entry] = []

  private var lines: [ArraySlice<UInt8>]
  private var next = 0
  private var section = ""

  /// Reads the entries of the config file text `bytes`.
  init(_ bytes: [UInt8]) {
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    lines = text.split(separator: 0x0A, omittingEmptySubsequences: false)
    while next < lines.count {
      var line = lines[next]
      next += 1
      while let rest = readLine(line) { line = rest }
    }
  }

  /// Reads one line; the rest of it after a section header, which is read as a line too.
  private mutating func readLine(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
    let start = line.drop(while: Self.isSpace)
    guard let first = start.first else { return nil }
    switch first {
    case UInt8(ascii: "["): return readHeader(start)
    case UInt8(ascii: ";"), UInt8(ascii: "#"): return nil
    default:
      readEntry(start)
      return nil
    }
  }

  /// `[name]`, `[name "subsection"]` (a backslash keeps the byte after it) or the old
  /// `[name.subsection]`; returns what follows the `]`.
  private mutating func readHeader(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
    var index = line.index(after: line.startIndex)
    var name: [UInt8] = []
    while index < line.endIndex, line[index] != UInt8(ascii: "]"), !Self.isSpace(line[index]) {
      guard Self.isNameByte(line[index]) || line[index] == UInt8(ascii: ".") else { return nil }
      name.append(line[index])
      index += 1
    }
    var subsection: [UInt8]?
    while index < line.endIndex, Self.isSpace(line[index]) { index += 1 }
    if index < line.endIndex, line[index] == UInt8(ascii: "\"") {
      var text: [UInt8] = []
      index += 1
      while index < line.endIndex, line[index] != UInt8(ascii: "\"") {
        if line[index] == UInt8(ascii: "\\") { index += 1 }
        guard index < line.endIndex else { return nil }
        text.append(line[index])
        index += 1
      }
      subsection = text
      index += 1
    }
    guard index < line.endIndex, line[index] == UInt8(ascii: "]") else { return nil }
    let lowered = String(decoding: name, as: UTF8.self).lowercased()
    section = subsection.map { lowered + " " + String(decoding: $0, as: UTF8.self) } ?? lowered
    return line[(index + 1)...]
  }

  /// `key`, `key = value`, the value continued on the lines after it while each ends in a
  /// backslash.
  private mutating func readEntry(_ whole: ArraySlice<UInt8>) {
    var (line, quotes) = Self.strippingComment(Self.cString(whole), quotes: 0)
    let key = line.prefix(while: Self.isNameByte)
    guard !key.isEmpty else { return }
    line = line.dropFirst(key.count).drop(while: Self.isSpace)
    var value: [UInt8] = []
    if line.first == UInt8(ascii: "=") {
      var continued: Bool
      (value, continued) = Self.unescaped(line.dropFirst().drop(while: Self.isSpace))
      // libgit2 reads lines as C strings: a continuation line that starts with a NUL ends it.
      while continued, next < lines.count, lines[next].first != 0 {
        let (more, count) = Self.strippingComment(Self.cString(lines[next]), quotes: quotes % 2)
        next += 1
        quotes = count
        // A comment or blank line inside a continued value is skipped.
        guard !more.isEmpty else { continue }
        let (text, again) = Self.unescaped(more)
        value += text
        continued = again
      }
    } else if !line.isEmpty {
      return
    }
    entries.append(
      Entry(
        section: section, key: String(decoding: key, as: UTF8.self).lowercased(), value: value))
  }

  /// The line up to its first NUL, as libgit2 sees it (it copies lines with `strndup`).
  private static func cString(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    line.prefix { $0 != 0 }
  }

  /// libgit2's `strip_comments`: the line up to a `;` or `#` outside quotes and not after an
  /// odd number of backslashes, blanks at its end dropped; and the quotes counted (one after
  /// a backslash is not counted; one that is the line's first byte is).
  private static func strippingComment(_ line: ArraySlice<UInt8>, quotes: Int)
    -> (ArraySlice<UInt8>, Int)
  {
    var count = quotes
    var backslashes = 0
    var end = line.endIndex
    for index in line.indices {
      let byte = line[index]
      if byte == UInt8(ascii: "\""),
        index == line.startIndex || line[index - 1] != UInt8(ascii: "\\")
      {
        count += 1
      }
      if byte == UInt8(ascii: ";") || byte == UInt8(ascii: "#"), count % 2 == 0,
        backslashes % 2 == 0
      {
        end = index
        break
      }
      backslashes = byte == UInt8(ascii: "\\") ? backslashes + 1 : 0
    }
    var kept = line[..<end]
    while let last = kept.last, isSpace(last) { kept = kept.dropLast() }
    return (kept, count)
  }

  /// libgit2's `unescape_line`: quotes removed, escapes read, and whether a backslash ends
  /// the line (the value goes on on the next one).
  private static func unescaped(_ text: ArraySlice<UInt8>) -> ([UInt8], continued: Bool) {
    var out: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
      let byte = text[index]
      index += 1
      if byte == UInt8(ascii: "\"") { continue }
      guard byte == UInt8(ascii: "\\") else {
        out.append(byte)
        continue
      }
      guard index < text.endIndex else { return (out, true) }
      let escaped = text[index]
      index += 1
      switch escaped {
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "b"): out.append(0x08)
      default: out.append(escaped)
      }
    }
    return (out, false)
  }

  /// A byte libgit2 takes in a name: a letter, a digit or `-`.
  private static func isNameByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
  }

  /// `git__isspace`: space, tab, CR, LF, vertical tab, form feed.
  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte)
  }
}
