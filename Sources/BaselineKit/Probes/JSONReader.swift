import Git

/// A strict RFC 8259 reader of JSON text: it builds the document's nodes, each with its line
/// and column, and stops at the first error with its line and column, saying what was found
/// and what was expected.
///
/// Strict where Foundation's `JSONSerialization` is lenient (it takes a trailing comma, for
/// one): no trailing commas, no leading zeros, no unescaped control characters in strings, only
/// JSON's escapes, no lone surrogates, no `NaN` or `Infinity`, no comments, no single quotes,
/// nothing after the value, no key twice in one object (`"a"` and `"\u0061"` are the same key),
/// at most 512 levels of nesting and 4,000,000 values. A UTF-8 byte order mark at the start is allowed, as RFC 8259
/// lets a parser do. Every string keeps its text exactly (every scalar, escapes decoded), and
/// every number the digits written (`1.10` stays `1.10`).
struct JSONReader {
  /// The text's UTF-8 bytes.
  let bytes: [UInt8]
  /// The source, as messages name it.
  let source: String
  /// The next byte to read.
  var index = 0
  /// The 1-based line of `index`, counted as whitespace is skipped (only whitespace holds a
  /// line feed: a string cannot).
  var line = 1
  /// The offset where `line` starts (after a byte order mark on the first line).
  var lineStart = 0
  /// An offset on `line` whose column is known, so that columns are counted from there and
  /// a long line (a minified file) is read once, not once per node.
  var columnMark = (offset: 0, column: 1)

  /// The deepest nesting of objects and lists taken.
  static let maxDepth = 512

  /// The most values a document may hold: every value is a node of about 50 bytes, so a
  /// 64 MiB file of `[0,0,0,…]` would take 2 GiB; 4,000,000 take about 200 MiB, and an
  /// inventory of 2,000 components with 50 settings each holds about 200,000.
  static let maxValues = 4_000_000
  /// The values read so far.
  var values = 0
  /// The most values this reading takes (``maxValues``).
  var valueLimit = maxValues

  /// Reads `text` into its root node.
  /// - Parameters:
  ///   - text: the JSON text.
  ///   - source: the file or probe, as shown in messages.
  /// - Returns: the root node: strings as quoted scalars, numbers, `true`, `false` and `null`
  ///   as plain ones, each with its 1-based line and column (in Unicode scalars).
  /// - Throws: ``InputError`` at the line and column (in Unicode scalars) of the first error:
  ///   `not valid JSON: <what was found>; expected <what>`.
  static func read(_ text: String, source: String) throws(InputError) -> DocumentNode {
    try read(text, source: source, maxValues: maxValues)
  }

  /// ``read(_:source:)`` with another limit on the values (tests use a small one).
  static func read(_ text: String, source: String, maxValues: Int) throws(InputError)
    -> DocumentNode
  {
    var reader = JSONReader(bytes: Array(text.utf8), source: source)
    reader.valueLimit = maxValues
    if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      reader.index = 3
      reader.lineStart = 3
      reader.columnMark = (3, 1)
    }
    let root = try reader.value(depth: 0)
    reader.skipWhitespace()
    if reader.index < reader.bytes.count {
      throw reader.error("more after the end of the JSON value, \(reader.found); expected nothing")
    }
    return root
  }

  /// Checks `text` (see ``read(_:source:)``) without keeping its nodes.
  static func check(_ text: String, source: String) throws(InputError) {
    _ = try read(text, source: source)
  }

  /// The byte at `index`, if any.
  var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  /// Skips JSON's four whitespace characters (space, tab, line feed, carriage return),
  /// counting lines.
  mutating func skipWhitespace() {
    while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
      index += 1
      if byte == 0x0A {
        line += 1
        lineStart = index
        columnMark = (index, 1)
      }
    }
  }

  /// The line and column of `offset`, on the current line at or after the last one asked.
  mutating func mark(at offset: Int) -> (line: Int, column: Int) {
    var column = columnMark.column
    for byte in bytes[columnMark.offset..<offset] where byte & 0xC0 != 0x80 { column += 1 }
    columnMark = (offset, column)
    return (line, column)
  }

  /// A node holding `content` that starts at `offset`.
  mutating func node(_ content: DocumentNode.Content, at offset: Int) -> DocumentNode {
    let (line, column) = mark(at: offset)
    return DocumentNode(content: content, line: line, column: column)
  }

  /// Reads one value at `index`, after whitespace.
  mutating func value(depth: Int) throws(InputError) -> DocumentNode {
    skipWhitespace()
    values += 1
    if values > valueLimit {
      let limit = valueLimit.formatted(
        .number.grouping(.automatic).locale(.init(identifier: "en_US")))
      throw error(
        "more than \(limit) values; a JSON document is read up to \(limit) values (an "
          + "inventory of 2,000 components with 50 settings each holds about 200,000)",
        syntax: false)
    }
    guard let byte = current else { throw error("unexpected end of input; expected a value") }
    let start = index
    switch byte {
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "\""): return node(.scalar(try string(), quoted: true), at: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return node(.scalar(try number(), quoted: false), at: start)
    default: return node(.scalar(try word(), quoted: false), at: start)
    }
  }

  /// Reads an object at its `{`, each key once.
  mutating func object(depth: Int) throws(InputError) -> DocumentNode {
    if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    let opening = mark(at: index)
    index += 1
    skipWhitespace()
    var entries: [(key: DocumentNode, value: DocumentNode)] = []
    if current == UInt8(ascii: "}") {
      index += 1
      return DocumentNode(content: .mapping([]), line: opening.line, column: opening.column)
    }
    var keys: [String: Int] = [:]
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else {
        throw error("\(found); expected a key in double quotes")
      }
      let start = index
      let key = try string()
      if let found = keys.index(forKey: key) {
        index = start
        let (earlier, first) = keys[found]
        guard earlier.hasSameBytes(as: key) else {
          // Keys are kept as Unicode text, where the two are one: say so, not "duplicate".
          throw error(
            "key \"\(key)\" (\(Self.scalars(key))) is the key of line \(first) "
              + "(\(Self.scalars(earlier))) in another Unicode spelling; the two cannot both "
              + "be told apart: report one of them", syntax: false)
        }
        throw error("duplicate key \"\(key)\" (first at line \(first))", syntax: false)
      }
      let keyNode = node(.scalar(key, quoted: true), at: start)
      keys[key] = line
      skipWhitespace()
      guard current == UInt8(ascii: ":") else {
        throw error("\(found); expected ':' after the key")
      }
      index += 1
      entries.append((keyNode, try value(depth: depth)))
      guard try separator(closing: UInt8(ascii: "}")) else {
        return DocumentNode(content: .mapping(entries), line: opening.line, column: opening.column)
      }
    }
  }

  /// Reads a list at its `[`.
  mutating func array(depth: Int) throws(InputError) -> DocumentNode {
    if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    let opening = mark(at: index)
    index += 1
    skipWhitespace()
    var items: [DocumentNode] = []
    if current == UInt8(ascii: "]") {
      index += 1
      return DocumentNode(content: .sequence([]), line: opening.line, column: opening.column)
    }
    while true {
      items.append(try value(depth: depth))
      guard try separator(closing: UInt8(ascii: "]")) else {
        return DocumentNode(content: .sequence(items), line: opening.line, column: opening.column)
      }
    }
  }

  /// After a member: a comma (then another member must follow, not the closing bracket) or
  /// the closing bracket.
  /// - Returns: `true` after a comma, `false` after the closing bracket.
  mutating func separator(closing: UInt8) throws(InputError) -> Bool {
    skipWhitespace()
    let close = String(UnicodeScalar(closing))
    if current == closing {
      index += 1
      return false
    }
    guard current == UInt8(ascii: ",") else {
      if current == nil { throw error("unexpected end of input; expected ',' or '\(close)'") }
      throw error("\(found); expected ',' or '\(close)' after a value")
    }
    let comma = index
    index += 1
    skipWhitespace()
    if current == closing {
      index = comma
      throw error("a trailing comma before '\(close)'; expected another value after ','")
    }
    return true
  }
}
