import BaselineKit
public import Foundation

/// Reads `--since`: a UTC day (`2026-11-01`, its midnight) or an RFC 3339 time.
public enum HistorySince {
  /// The time, or `nil` when `text` is neither form.
  public static func parse(_ text: String) -> Date? {
    if text.count == 10, let day = Timestamp.parse(text + "T00:00:00Z") { return day }
    return Timestamp.parse(text)
  }
}
