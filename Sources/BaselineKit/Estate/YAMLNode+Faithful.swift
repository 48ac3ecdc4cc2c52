extension YAMLNode {
  /// The first character of `text` that the YAML reader would not keep as written, with its
  /// 1-based line and column (in Unicode scalars) and why; `nil` when there is none.
  ///
  /// Measured on Yams (libyaml) as Baseline calls it: a U+FEFF that starts a value, raw or
  /// written `\uFEFF`, is dropped; a raw U+0085 (NEL) inside quotes is folded to a space and
  /// outside them refused; raw U+2028 and U+2029 are line breaks to YAML 1.1. A baseline whose
  /// declared value silently lost such a character would show no drift where there is one, so
  /// the file is refused instead. `\N`, `\L` and `\P` in double quotes are kept.
  static func unfaithfulCharacter(in text: String) -> (line: Int, column: Int, message: String)? {
    guard mayHoldUnfaithful(text) else { return nil }
    let scalars = Array(text.unicodeScalars)
    var line = 1
    var column = 1
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if let found = problem(scalar) { return (line, column, found) }
      if scalar == "\\" {
        if index + 1 < scalars.count, scalars[index + 1] == "\\" {
          index += 2
          column += 2
          continue
        }
        let written = String(String.UnicodeScalarView(scalars[(index + 1)...].prefix(9)))
        if written.lowercased().hasPrefix("ufeff") || written.lowercased() == "u0000feff" {
          return (
            line, column,
            "\\\(written.hasPrefix("u") ? written.prefix(5) : written.prefix(9)) (U+FEFF), which "
              + "the YAML reader drops at the start of a value; remove it, or declare the "
              + "value without it"
          )
        }
      }
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += 1
    }
    return nil
  }

  private static func problem(_ scalar: Unicode.Scalar) -> String? {
    switch scalar.value {
    case 0xFEFF:
      return "a U+FEFF (zero width no-break space), which the YAML reader drops at the start "
        + "of a value; remove it, or declare the value without it"
    case 0x85, 0x2028, 0x2029:
      let name = scalar.value == 0x85 ? "\\N" : scalar.value == 0x2028 ? "\\L" : "\\P"
      return "a raw U+\(JSONReader.hex(scalar.value)), a line break to "
        + "YAML, which folds it; write it as \(name) in double quotes if the value holds it"
    default:
      return nil
    }
  }

  /// Whether `text`'s bytes hold any of the UTF-8 sequences ``unfaithfulCharacter(in:)``
  /// looks for (U+FEFF `EF BB BF`, U+0085 `C2 85`, U+2028 and U+2029 `E2 80 A8`/`A9`, a
  /// backslash before `u` or `U`): most files hold none, and are passed over in one read.
  private static func mayHoldUnfaithful(_ text: String) -> Bool {
    var utf8 = text
    return utf8.withUTF8 { bytes in
      guard bytes.count > 1 else { return false }
      for index in 0..<(bytes.count - 1) {
        switch (bytes[index], bytes[index + 1]) {
        case (0xEF, 0xBB), (0xC2, 0x85), (0xE2, 0x80), (0x5C, 0x75), (0x5C, 0x55): return true
        default: continue
        }
      }
      return false
    }
  }
}
