extension JSONReader {
  /// An error at `index`: `not valid JSON: <problem>` with its line and column.
  /// - Parameters:
  ///   - problem: what is wrong and what was expected.
  ///   - syntax: `false` for a problem that is not one of syntax (a duplicate key), which
  ///     then has no "not valid JSON" before it.
  /// - Returns: the error, naming the source, line and column.
  func error(_ problem: String, syntax: Bool = true) -> InputError {
    let (line, column) = position(of: index)
    return InputError(
      file: source, line: line, column: column,
      message: syntax ? "not valid JSON: \(problem)" : problem)
  }

  /// The 1-based line and column (in Unicode scalars) of the byte at `offset`.
  func position(of offset: Int) -> (line: Int, column: Int) {
    let before = bytes[0..<min(offset, bytes.count)]
    // The first line starts after a byte order mark, as the reader's columns do.
    let firstLine = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? min(3, before.endIndex) : 0
    let lineStart = (before.lastIndex(of: 0x0A).map { $0 + 1 }) ?? firstLine
    let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    let column = bytes[lineStart..<before.endIndex].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    return (line, column)
  }

  /// What is at `index`, as "found …": a comment, a single-quoted string, a character, or
  /// the end of the input.
  var found: String {
    guard let byte = current else { return "found the end of the input" }
    if byte == UInt8(ascii: "/") { return "found a comment (JSON has none)" }
    if byte == UInt8(ascii: "'") {
      return "found a single-quoted string (JSON strings are in double quotes)"
    }
    return "found '\(foundCharacter(at: index))'"
  }

  /// The character at `offset`, control and invisible characters as `U+XXXX`.
  func foundCharacter(at offset: Int) -> String {
    guard offset < bytes.count else { return "" }
    var iterator = bytes[offset...].makeIterator()
    var decoder = UTF8()
    guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return "?" }
    if scalar.value < 0x21 || (0x7F...0xA0).contains(scalar.value)
      || scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
    {
      return "U+" + Self.hex(scalar.value)
    }
    return String(scalar)
  }
}
