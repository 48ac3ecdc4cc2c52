import Foundation

// Every escape that output applies to text from outside (probes, estate files, repositories),
// one enum per form, so that each renderer uses the same rules: `Terminal` for text on a
// terminal or in a text file, `Markdown` for Markdown pages, `XML` for JUnit documents.
// (JSON needs none of its own: `JSONEncoder` escapes, see ``JSONText``.)

/// Text that came from outside (probes, files, repositories) made safe to print on a
/// terminal: control characters (escape sequences could recolour, hide or rewrite lines) and
/// bidirectional overrides are shown as `\u{…}` instead of acting.
public enum Terminal {
  /// `text` with every control character but the line feed, and every bidirectional
  /// override, written as a visible escape.
  public static func safe(_ text: String) -> String {
    // Nearly all text is printable ASCII: nothing to escape, no copy.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x0A }) { return text }
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      let value = scalar.value
      let control = (value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(value)
      let bidi = (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
      if control || bidi {
        out += "\\u{" + String(value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `text` as ``safe(_:)`` makes it, with line feeds shown as `\u{a}` too: for one line of a
  /// report that holds text from outside (a probe's failure, a reported value), so that a
  /// hostile probe or file cannot add lines that look like Baseline's own.
  public static func line(_ text: String) -> String {
    // U+2028 and U+2029 end a line in many editors and viewers, if not on a terminal.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
    return safe(text).replacingOccurrences(of: "\n", with: "\\u{a}")
      .replacingOccurrences(of: "\u{2028}", with: "\\u{2028}")
      .replacingOccurrences(of: "\u{2029}", with: "\\u{2029}")
  }
}

/// Text made safe inside Markdown: active characters escaped, on one line, control
/// characters shown as `\u{…}` (through ``Terminal/safe(_:)``).
enum Markdown {
  /// A bulleted list, one item a line (each item already made safe).
  static func bullets(_ items: [String]) -> String {
    items.map { "- \($0)\n" }.joined()
  }

  /// Text as a code span (a tag, a command), safe in a table cell: on one line, control
  /// characters shown; text holding a backtick is written as escaped text instead.
  static func code(_ text: String) -> String {
    let line = Terminal.line(text)
    guard !line.utf8.contains(UInt8(ascii: "`")) else { return cell(text) }
    guard line.utf8.contains(UInt8(ascii: "|")) else { return "`" + line + "`" }
    return "`" + line.replacingOccurrences(of: "|", with: "\\|") + "`"
  }

  /// Text safe inside a table cell: as ``text(_:)``, with `|` escaped too.
  static func cell(_ text: String) -> String {
    escaped(text, active: "\\`*_[]<>#|")
  }

  /// Text with Markdown's active characters escaped, on one line (a line break inside a
  /// list item or a cell would end it), and control characters shown, not obeyed.
  static func text(_ text: String) -> String {
    escaped(text, active: "\\`*_[]<>#")
  }

  /// One pass over the text: line feeds as spaces, each of `active` after a backslash, the
  /// rest as ``Terminal/safe(_:)`` shows it. Plain text (letters, digits, `.`, `/`, `-`,
  /// space) is returned as it is, without a copy: a bill of materials has tens of thousands
  /// of cells.
  private static func escaped(_ text: String, active: String) -> String {
    let marks = Set(active.utf8)
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && !marks.contains($0) }) { return text }
    var out = ""
    out.unicodeScalars.reserveCapacity(text.utf8.count + 8)
    for scalar in Terminal.safe(text).unicodeScalars {
      if scalar == "\n" {
        out.unicodeScalars.append(" ")
        continue
      }
      if scalar.isASCII, marks.contains(UInt8(scalar.value)) { out.unicodeScalars.append("\\") }
      out.unicodeScalars.append(scalar)
    }
    return out
  }
}

/// Text made safe inside HTML text and attributes: as XML escapes it (`&<>"'` as entities).
enum HTML {
  /// Markup escaped as XML escapes it; bidirectional controls (U+202A-U+202E,
  /// U+2066-U+2069), which would reorder the text around them on the page, written visibly as
  /// `\u{202e}`, as the text form writes them.
  static func text(_ text: String) -> String {
    var out = ""
    for scalar in XML.escape(text).unicodeScalars {
      if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// Text made safe inside XML 1.0 attributes and text content.
enum XML {
  /// Text content: like an attribute, but line breaks stay line breaks.
  static func text(_ text: String) -> String {
    escape(text).replacingOccurrences(of: "&#10;", with: "\n")
  }

  /// An attribute value: markup characters as entities, tab and line breaks as character
  /// references, other control characters (which XML 1.0 cannot hold) as U+FFFD.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out += "&#\(scalar.value);"
      default:
        // XML 1.0 has no place for other control characters or for U+FFFE and U+FFFF.
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}

/// Command lines written so that a POSIX shell reads the same words back (the command of
/// `verify`'s evidence).
enum Shell {
  /// A command line as a shell would take it back: words with spaces or quotes are quoted;
  /// words with control characters or bidirectional overrides (which the text and Markdown
  /// forms would otherwise show as `\u{…}` or as a space, so that the line would name another
  /// file) are written in ANSI-C quotes, `$'…'`, as bash, zsh and ksh read them.
  static func quoted(_ words: [String]) -> String {
    words.map { word in
      let plain =
        !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@+,".contains($0) }
      if plain { return word }
      guard word.unicodeScalars.contains(where: needsEscape) else {
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
      }
      var quoted = "$'"
      for scalar in word.unicodeScalars {
        switch scalar {
        case "\\": quoted += "\\\\"
        case "'": quoted += "\\'"
        case "\n": quoted += "\\n"
        case "\t": quoted += "\\t"
        case "\r": quoted += "\\r"
        default:
          if needsEscape(scalar) {
            quoted +=
              scalar.value < 0x80
              ? "\\x" + String(format: "%02x", scalar.value)
              : "\\u" + String(format: "%04x", scalar.value)
          } else {
            quoted.unicodeScalars.append(scalar)
          }
        }
      }
      return quoted + "'"
    }.joined(separator: " ")
  }

  /// Whether a character of a command line cannot be shown as it is (see ``Terminal``).
  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
      || (0x2066...0x2069).contains(value)
  }
}

/// JSON strings, escaped as `JSONEncoder` escapes them (RFC 8259): `"` and `\`, the short
/// forms `\b \f \n \r \t`, other control characters as `\u00XX` in lower-case hex, and
/// everything else, `/` included, as its UTF-8 bytes. Every hand-written document uses it.
enum JSONString {
  /// Appends `text` in double quotes to `bytes`.
  static func append(_ text: String, to bytes: inout [UInt8]) {
    var text = text
    text.withUTF8 { append(utf8: $0, to: &bytes) }
  }

  /// Appends UTF-8 text in double quotes to `bytes`: runs that need no escape (most text:
  /// ids, versions, names, dates) copied whole.
  private static func append(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    var copied = 0
    for index in 0..<utf8.count {
      let byte = utf8[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
        continue
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index]))
      copied = index + 1
      switch byte {
      case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
      case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
      case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
      case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
      case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
      case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
      case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
      default:
        let hex = Array("0123456789abcdef".utf8)
        bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
      }
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied...]))
    bytes.append(UInt8(ascii: "\""))
  }
}
