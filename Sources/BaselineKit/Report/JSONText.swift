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

  /// Seconds rounded to the millisecond, for `duration_seconds`; a duration so large that
  /// the rounding would overflow (read from a saved inventory) is written as it is, since
  /// `JSONEncoder` refuses infinity and the document would be lost.
  static func seconds(_ value: Double) -> Double {
    let rounded = (value * 1000).rounded() / 1000
    return rounded.isFinite ? rounded : value
  }
}
