/// A strict RFC 8259 syntax check of JSON text, run before it is parsed, that stops at the
/// first error with its line and column and says what was found and what was expected.
///
/// Foundation's `JSONSerialization` is lenient (it takes a trailing comma, for one), so an
/// inventory that the contract calls strict JSON is checked here first: no trailing commas, no
/// leading zeros, no unescaped control characters in strings, only JSON's escapes, no lone
/// surrogates, no `NaN` or `Infinity`, no comments, no single quotes, nothing after the value,
/// no key twice in one object (`"a"` and `"\u0061"` are the same key), at most 512 levels of
/// nesting. A UTF-8 byte order mark at the start is allowed, as RFC 8259 lets a parser do.
struct JSONSyntax {
  /// The text's UTF-8 bytes.
  let bytes: [UInt8]
  /// The source, as messages name it.
  let source: String
  /// The next byte to read.
  var index = 0

  /// The deepest nesting of objects and lists taken.
  static let maxDepth = 512

  /// Checks `text`.
  /// - Parameters:
  ///   - text: the JSON text.
  ///   - source: the file or probe, as shown in messages.
  /// - Throws: ``InputError`` at the line and column (in Unicode scalars) of the first error:
  ///   `not valid JSON: <what was found>; expected <what>`.
  static func check(_ text: String, source: String) throws(InputError) {
    var syntax = JSONSyntax(bytes: Array(text.utf8), source: source)
    if syntax.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { syntax.index = 3 }
    try syntax.value(depth: 0)
    syntax.skipWhitespace()
    if syntax.index < syntax.bytes.count {
      throw syntax.error("more after the end of the JSON value, \(syntax.found); expected nothing")
    }
  }

  /// The byte at `index`, if any.
  var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  /// Skips JSON's four whitespace characters (space, tab, line feed, carriage return).
  mutating func skipWhitespace() {
    while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
      index += 1
    }
  }

  /// Checks one value at `index`, after whitespace.
  mutating func value(depth: Int) throws(InputError) {
    skipWhitespace()
    guard let byte = current else { throw error("unexpected end of input; expected a value") }
    switch byte {
    case UInt8(ascii: "{"): try object(depth: depth + 1)
    case UInt8(ascii: "["): try array(depth: depth + 1)
    case UInt8(ascii: "\""): _ = try string(decoding: false)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
    default: try word()
    }
  }

  /// Checks an object at its `{`, each key once.
  mutating func object(depth: Int) throws(InputError) {
    if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    index += 1
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      return
    }
    var keys: [String: Int] = [:]
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else {
        throw error("\(found); expected a key in double quotes")
      }
      let start = index
      let key = try string(decoding: true)
      if let first = keys[key] {
        index = start
        throw error(
          "duplicate key \"\(key)\" (first at line \(position(of: first).line))", syntax: false)
      }
      // The offset, not the line: a line counted per key made a large object quadratic.
      keys[key] = start
      skipWhitespace()
      guard current == UInt8(ascii: ":") else {
        throw error("\(found); expected ':' after the key")
      }
      index += 1
      try value(depth: depth)
      guard try separator(closing: UInt8(ascii: "}")) else { return }
    }
  }

  /// Checks a list at its `[`.
  mutating func array(depth: Int) throws(InputError) {
    if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    index += 1
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      return
    }
    while true {
      try value(depth: depth)
      guard try separator(closing: UInt8(ascii: "]")) else { return }
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
