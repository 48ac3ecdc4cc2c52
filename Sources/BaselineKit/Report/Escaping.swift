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
    safe(text).replacingOccurrences(of: "\n", with: "\\u{a}")
  }
}

/// Text made safe inside Markdown: active characters escaped, on one line, control
/// characters shown as `\u{…}` (through ``Terminal/safe(_:)``).
enum Markdown {
  /// Text safe inside a table cell.
  static func cell(_ text: String) -> String {
    self.text(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(
      of: "\n", with: " ")
  }

  /// Text with Markdown's active characters escaped, on one line (a line break inside a
  /// list item or a cell would end it), and control characters shown, not obeyed.
  static func text(_ text: String) -> String {
    var out = ""
    for character in Terminal.safe(text.replacingOccurrences(of: "\n", with: " ")) {
      if "\\`*_[]<>#".contains(character) { out.append("\\") }
      out.append(character)
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
