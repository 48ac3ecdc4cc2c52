import Foundation

/// The one way every `baseline.*/1` document is written: pretty-printed, keys sorted,
/// slashes as they are, ending with a newline.
public enum JSONText {
  public static func encode(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// A `baseline.*/1` document written from its model's own `Codable` shape: keys in
  /// snake case (`last_change_date`), dates as UTC ISO 8601 (`2026-01-01T00:00:00Z`).
  public static func encodeModel(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(Timestamp.string(date))
    }
    guard let data = try? encoder.encode(value) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// `document` (an object as ``encode(_:)`` writes it) with a first member `key` whose
  /// value is the array of `items`, each a value set in two levels deep (each line indented
  /// by four more spaces than ``encode(_:)`` writes it alone, the first one included) and
  /// without its last line break: the text ``encode(_:)`` gives for the whole, when `key`
  /// sorts before every key of `document` (the caller's to ensure; tests compare the two).
  /// The report writes each environment so on its own core (``JSONWriter/init(base:)``).
  static func prepending(_ key: String, setIn items: [String], to document: String) -> String {
    var out = "{\n  \"\(key)\" : [\n"
    if items.isEmpty {
      out += "\n"
    } else {
      out += items.joined(separator: ",\n")
      out += "\n"
    }
    out += "  ]"
    let rest = document.dropFirst(2)
    out += rest.hasPrefix("\n}") || rest.hasPrefix("}") ? "\n}\n" : ",\n" + rest
    return out
  }

  /// Appends `item`, a value as ``encode(_:)`` writes it, without its last line break and
  /// with every line but the first `spaces` deeper.
  static func append(_ item: String, indentedBy spaces: Int, to bytes: inout [UInt8]) {
    // An empty line (inside an empty container) stays empty, as the encoder writes it.
    var lineStart = false
    for byte in item.utf8.dropLast() {
      if lineStart, byte != UInt8(ascii: "\n") {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces))
      }
      bytes.append(byte)
      lineStart = byte == UInt8(ascii: "\n")
    }
  }

  /// Seconds rounded to the millisecond, for `duration_seconds`; a duration so large that
  /// the rounding would overflow (read from a saved inventory) is written as it is, since
  /// `JSONEncoder` refuses infinity and the document would be lost.
  static func seconds(_ value: Double) -> Double {
    let rounded = (value * 1000).rounded() / 1000
    return rounded.isFinite ? rounded : value
  }
}
