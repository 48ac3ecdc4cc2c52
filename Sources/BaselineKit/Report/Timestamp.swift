public import Foundation

/// RFC 3339 times in and out; Baseline prints every time in UTC.
public enum Timestamp {
  /// What comes before the month, day, hour, minute and second in ``string(_:)``.
  private static let separators = Array("--T::".utf8)

  /// Reads `2026-11-29T01:00:00Z`, with fractional seconds or a numeric offset (`+01:00`)
  /// too; `t` and `z` may be lower case (RFC 3339 allows it). A date that is not in the
  /// calendar (`2026-02-30`, `24:00:00`) is refused rather than rolled over, and so is an
  /// instant outside years 0000 to 9999 in UTC (`0000-01-01T00:00:00+00:01`), which
  /// ``string(_:)`` could not write back. Fractions are kept to the millisecond. Read by hand,
  /// not with a date formatter: the first one loads ICU's time zones, a tenth of a small run.
  public static func parse(_ input: String) -> Date? {
    let bytes = Array(input.utf8)
    func number(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[from..<(from + count)] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    func byte(_ at: Int, is allowed: String) -> Bool {
      at < bytes.count && allowed.utf8.contains(bytes[at])
    }
    guard bytes.count >= 20, let year = number(0, 4), byte(4, is: "-"), let month = number(5, 2),
      byte(7, is: "-"), let day = number(8, 2), byte(10, is: "Tt"), let hour = number(11, 2),
      byte(13, is: ":"), let minute = number(14, 2), byte(16, is: ":"),
      let second = number(17, 2)
    else { return nil }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard (1...12).contains(month), (1...days[month - 1]).contains(day), (0...23).contains(hour),
      (0...59).contains(minute), (0...59).contains(second)
    else { return nil }
    var at = 19
    var fraction = 0.0
    if byte(at, is: ".") {
      // Kept to the millisecond (the rest read and dropped, never rounded up into the next
      // second: a Double of 10^11 seconds holds no finer fraction exactly).
      var (numerator, denominator) = (0, 1)
      at += 1
      let first = at
      while let digit = number(at, 1) {
        if at - first < 3 { (numerator, denominator) = (numerator * 10 + digit, denominator * 10) }
        at += 1
      }
      guard at > first else { return nil }
      fraction = Double(numerator) / Double(denominator)
    }
    var offset = 0
    if byte(at, is: "Zz"), at + 1 == bytes.count {
      offset = 0
    } else if byte(at, is: "+-"), at + 6 == bytes.count, let hours = number(at + 1, 2),
      byte(at + 3, is: ":"), let minutes = number(at + 4, 2), hours <= 23, minutes <= 59
    {
      offset = (hours * 3600 + minutes * 60) * (bytes[at] == UInt8(ascii: "-") ? -1 : 1)
    } else {
      return nil
    }
    let seconds =
      daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600
      + minute * 60 + second - offset
    // An instant outside years 0000 to 9999 in UTC could not be written back as RFC 3339.
    guard (-62_167_219_200...253_402_300_799).contains(seconds) else { return nil }
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }

  /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
  /// `days_from_civil`).
  static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let shifted = month <= 2 ? year - 1 : year
    let era = (shifted >= 0 ? shifted : shifted - 399) / 400
    let yearOfEra = shifted - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
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
