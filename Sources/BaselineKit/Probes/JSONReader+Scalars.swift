extension JSONReader {
  /// Reads a string at its `"`: no unescaped control characters, only JSON's escapes, no
  /// lone surrogates.
  /// - Returns: the string's text, escapes decoded, every other byte as written.
  /// - Throws: ``InputError`` at the first character that is not allowed, or at the end.
  mutating func string() throws(InputError) -> String {
    let start = index
    index += 1
    var text: [UInt8] = []
    var copied = index
    while let byte = current {
      switch byte {
      case UInt8(ascii: "\""):
        defer { index += 1 }
        if copied == start + 1 { return String(decoding: bytes[copied..<index], as: UTF8.self) }
        text.append(contentsOf: bytes[copied..<index])
        return String(decoding: text, as: UTF8.self)
      case UInt8(ascii: "\\"):
        text.append(contentsOf: bytes[copied..<index])
        text.append(contentsOf: String(try escape()).utf8)
        copied = index
      case 0..<0x20:
        throw error(
          "an unescaped control character U+\(Self.hex(UInt32(byte))) in a string; expected "
            + "it escaped (\\n, \\t, \\u00XX)")
      default:
        index += 1
      }
    }
    let opened = position(of: start)
    throw error(
      "unexpected end of input in the string that starts at line \(opened.line), column "
        + "\(opened.column); expected '\"'")
  }

  /// Reads an escape at its backslash.
  /// - Returns: the character it stands for.
  mutating func escape() throws(InputError) -> UnicodeScalar {
    let start = index
    index += 1
    guard let byte = current else {
      throw error("unexpected end of input in an escape; expected a character after '\\'")
    }
    let simple: [UInt8: UnicodeScalar] = [
      UInt8(ascii: "\""): "\"", UInt8(ascii: "\\"): "\\", UInt8(ascii: "/"): "/",
      UInt8(ascii: "b"): "\u{8}", UInt8(ascii: "f"): "\u{c}", UInt8(ascii: "n"): "\n",
      UInt8(ascii: "r"): "\r", UInt8(ascii: "t"): "\t",
    ]
    if let scalar = simple[byte] {
      index += 1
      return scalar
    }
    guard byte == UInt8(ascii: "u") else {
      index = start
      throw error(
        "an invalid escape '\\\(foundCharacter(at: start + 1))' in a string; expected one of "
          + "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
    }
    let high = try hexEscape(at: start)
    if (0xDC00...0xDFFF).contains(high) {
      index = start
      throw error("a lone surrogate \\u\(Self.hex(high)) (a low surrogate with no high one)")
    }
    guard (0xD800...0xDBFF).contains(high) else {
      return UnicodeScalar(high) ?? "\u{FFFD}"
    }
    let second = index
    guard current == UInt8(ascii: "\\"), index + 1 < bytes.count,
      bytes[index + 1] == UInt8(ascii: "u")
    else {
      index = start
      throw error("a lone surrogate \\u\(Self.hex(high)) (a high surrogate with no low one)")
    }
    index += 1
    let low = try hexEscape(at: second)
    guard (0xDC00...0xDFFF).contains(low) else {
      index = start
      throw error("a lone surrogate \\u\(Self.hex(high)) (a high surrogate with no low one)")
    }
    return UnicodeScalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
  }

  /// The four hex digits after `\u` (at `index`, on the `u`).
  mutating func hexEscape(at start: Int) throws(InputError) -> UInt32 {
    index += 1
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current, let digit = UInt32(String(UnicodeScalar(byte)), radix: 16) else {
        index = start
        throw error("an invalid escape in a string; expected four hex digits after \\u")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// Reads a number at its first character: no leading zero, digits after the point and
  /// in the exponent.
  /// - Returns: the number's text as written.
  mutating func number() throws(InputError) -> String {
    let start = index
    if current == UInt8(ascii: "-") { index += 1 }
    if current == UInt8(ascii: "I") {
      index = start
      _ = try word()
    }
    if current == UInt8(ascii: "0") {
      index += 1
      if let byte = current, Self.isDigit(byte) {
        index = start
        throw error("a number with a leading zero; expected 0, or a number not starting with 0")
      }
    } else {
      try digits(after: "'-'")
    }
    if current == UInt8(ascii: ".") {
      index += 1
      try digits(after: "the decimal point")
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      try digits(after: "the exponent's 'e'")
    }
    // Syntax allows any magnitude; a reader holds numbers as doubles.
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    let mantissa = text.prefix { $0 != "e" && $0 != "E" }
    let underflows = mantissa.contains { ("1"..."9").contains($0) }
    if let value = Double(text), !value.isFinite || (value == 0 && underflows) {
      index = start
      throw error(
        "the number \"\(text)\" is out of range; expected a number within ±1.7976931348623157e308 "
          + "that does not round to 0")
    }
    return text
  }

  /// One or more digits.
  mutating func digits(after what: String) throws(InputError) {
    guard let byte = current, Self.isDigit(byte) else {
      throw error("\(found); expected a digit after \(what)")
    }
    while let byte = current, Self.isDigit(byte) { index += 1 }
  }

  /// Reads a bare word where a value belongs: `true`, `false` or `null`, else an error that says
  /// what it is (`NaN`, `Infinity`, a comment, a single-quoted string, a word).
  /// - Returns: the word.
  mutating func word() throws(InputError) -> String {
    let start = index
    if current == UInt8(ascii: "-") { index += 1 }
    while let byte = current, Self.isWordByte(byte) { index += 1 }
    let word = String(decoding: bytes[start..<index], as: UTF8.self)
    if ["true", "false", "null"].contains(word) { return word }
    index = start
    if ["NaN", "Infinity", "-Infinity"].contains(word) {
      throw error("\(word), which JSON does not have; expected a number, or null")
    }
    if word.isEmpty || word == "-" {
      throw error(
        "\(found); expected a value (an object, list, string, number, true, false or null)")
    }
    throw error("the bare word \(word); expected a value (strings are in double quotes)")
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  static func isWordByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_")
  }

  /// Four upper-case hex digits.
  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}

extension JSONReader {
  /// A text's Unicode scalars as code points (`U+0061 U+037E U+0062`), for a message about
  /// two texts that look the same.
  static func scalars(_ text: String) -> String {
    text.unicodeScalars.map { "U+" + hex($0.value) }.joined(separator: " ")
  }
}
