public import Foundation

/// RFC 3339 times in and out; Baseline prints every time in UTC.
public enum Timestamp {
  /// What comes before the month, day, hour, minute and second in ``string(_:)``.
  private static let separators = Array("--T::".utf8)

  /// Reads `2026-11-29T01:00:00Z`, with fractional seconds or a numeric offset too; `t` and
  /// `z` may be lower case (RFC 3339 allows it). A date that is not in the calendar
  /// (`2026-02-30`, `24:00:00`) is refused rather than rolled over.
  public static func parse(_ input: String) -> Date? {
    let text = input.uppercased()
    let fields = text.prefix(19).split(whereSeparator: { "-T:".contains($0) }).compactMap {
      Int($0)
    }
    guard text.count >= 20, fields.count == 6 else { return nil }
    let (year, month, day) = (fields[0], fields[1], fields[2])
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard (1...12).contains(month), (1...days[month - 1]).contains(day),
      (0...23).contains(fields[3]),
      (0...59).contains(fields[4]), (0...59).contains(fields[5])
    else { return nil }
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    if let date = plain.date(from: text) { return date }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return fractional.date(from: text)
  }

  /// `2026-11-29T01:00:00Z`: whole seconds (rounded down), UTC, from `gmtime_r` (a date
  /// formatter per call cost a third of `baseline tags` on 10,000 tags).
  public static func string(_ date: Date) -> String {
    // A date beyond what gmtime can read (a forged commit time, a damaged cache) is written
    // as the nearest it can: never a crash.
    let limit = 253_402_300_799.0  // 9999-12-31T23:59:59Z
    let raw = date.timeIntervalSince1970
    let clamped = raw.isNaN ? 0 : min(max(raw, -limit), limit)
    var seconds = time_t(clamped.rounded(.down))
    var parts = tm()
    guard gmtime_r(&seconds, &parts) != nil else { return "1970-01-01T00:00:00Z" }
    let fullYear = Int(parts.tm_year) + 1900
    if (0...9999).contains(fullYear) {
      // Written digit by digit: a nightly report writes 100,000 dates.
      let fields = [
        fullYear / 100, fullYear % 100, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
        Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec),
      ]
      return String(unsafeUninitializedCapacity: 20) { buffer in
        var at = 0
        for (index, field) in fields.enumerated() {
          if index > 1 {
            buffer[at] = Self.separators[index - 2]
            at += 1
          }
          buffer[at] = UInt8(ascii: "0") + UInt8(field / 10 % 10)
          buffer[at + 1] = UInt8(ascii: "0") + UInt8(field % 10)
          at += 2
        }
        buffer[at] = UInt8(ascii: "Z")
        return at + 1
      }
    }
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let year = String(parts.tm_year + 1900)
    let padded = String(repeating: "0", count: max(0, 4 - year.count)) + year
    return "\(padded)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
      + "\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
  }

  /// Whole seconds of an interval, rounded toward zero; 0 for NaN, and at most ±10^15 (an
  /// interval read from a damaged or forged file never traps a conversion).
  public static func wholeSeconds(_ interval: TimeInterval) -> Int {
    guard !interval.isNaN else { return 0 }
    return Int(min(max(interval, -1e15), 1e15))
  }

  /// `2026-11-29 01:00 UTC`, for people.
  public static func human(_ date: Date) -> String {
    let text = string(date)
    return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
  }
}
