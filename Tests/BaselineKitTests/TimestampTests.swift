import Foundation
import Testing

@testable import BaselineKit

/// `Timestamp.string` against Foundation's RFC 3339 formatter on the same dates.
@Suite struct TimestampTests {
  /// From 1583: before the Gregorian reform Foundation writes Julian dates, where gmtime (and
  /// git, and RFC 3339) keep to the proleptic Gregorian calendar.
  @Test("whole seconds in UTC as ISO8601DateFormatter writes them, years 1583 to 9999")
  func agreesWithFoundation() {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    var generator = SystemRandomNumberGenerator()
    let first = -12_212_553_600.0  // 1583-01-01T00:00:00Z
    let last = 253_402_300_799.0  // 9999-12-31T23:59:59Z
    let edges = [0, first, last, 951_782_400, 1_767_225_599, -1, 86_399, 86_400]
    let random = (0..<5_000).map { _ in Double.random(in: first...last, using: &generator) }
    for seconds in edges + random {
      let date = Date(timeIntervalSince1970: seconds.rounded(.down))
      #expect(Timestamp.string(date) == formatter.string(from: date), "\(seconds)")
    }
  }

  @Test(
    "a fraction of a second is dropped, early years are padded, and dates past 9999 are written as 9999's last"
  )
  func roundsDownAndClamps() {
    #expect(
      Timestamp.string(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00Z")
    #expect(
      Timestamp.string(Date(timeIntervalSince1970: -62_135_596_801)) == "0000-12-31T23:59:59Z")
    #expect(Timestamp.string(Date(timeIntervalSince1970: 1.999)) == "1970-01-01T00:00:01Z")
    #expect(Timestamp.string(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59Z")
    #expect(Timestamp.string(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
  }

  @Test(
    "read as ISO8601DateFormatter reads RFC 3339: offsets, fractions, lower case, years 1583 to 9999"
  )
  func readsAsFoundation() {
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    var generator = SystemRandomNumberGenerator()
    let first = -12_212_553_600.0  // 1583-01-01T00:00:00Z
    let last = 253_402_300_799.0 - 86_400  // a day before 9999's end: offsets stay in range
    for _ in 0..<5_000 {
      let date = Date(
        timeIntervalSince1970: Double.random(in: first...last, using: &generator).rounded(.down))
      var text = Timestamp.string(date)
      let hours = Int.random(in: -23...23, using: &generator)
      let minutes = Int.random(in: 0...59, using: &generator)
      let fraction = Int.random(in: 0..<1000, using: &generator)
      switch Int.random(in: 0..<4, using: &generator) {
      case 0: text = text.lowercased()
      case 1: text = String(text.dropLast()) + String(format: ".%03dZ", fraction)
      case 2:
        text =
          String(text.dropLast())
          + String(format: "%@%02d:%02d", hours < 0 ? "-" : "+", abs(hours), minutes)
      default: break
      }
      let expected = plain.date(from: text.uppercased()) ?? fractional.date(from: text.uppercased())
      let read = Timestamp.parse(text)
      #expect(expected != nil, "\(text)")
      #expect(
        read.map {
          abs($0.timeIntervalSince1970 - (expected?.timeIntervalSince1970 ?? .nan)) < 0.001
        }
          == true, "\(text): \(String(describing: read)) against \(String(describing: expected))")
    }
  }

  @Test("what is not RFC 3339 is not read")
  func refusesWhatIsNotRFC3339() {
    for text in [
      "", "2026-11-29", "2026-11-29T01:00:00", "2026-11-29 01:00:00Z", "2026-11-29T01:00:00ZZ",
      "2026-11-29T01:00:00+0100", "2026-11-29T01:00:00+01", "2026-11-29T01:00:00.Z",
      "2026-02-30T01:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29T01:60:00Z",
      "+2026-11-29T01:00:00Z",
      "2026-11-29T01:00:00+24:00", "2026-1-29T01:00:00Z", "2026-11-29T01:00:00Z ",
      "２０２６-11-29T01:00:00Z",
    ] {
      #expect(Timestamp.parse(text) == nil, "\(text)")
    }
    // Outside years 0000 to 9999 in UTC: it could not be written back.
    #expect(Timestamp.parse("0000-01-01T00:00:00+00:01") == nil)
    #expect(Timestamp.parse("9999-12-31T23:59:59-00:01") == nil)
    #expect(Timestamp.parse("0000-01-01T00:00:00Z").map(Timestamp.string) == "0000-01-01T00:00:00Z")
    // A fraction never rounds into the next second.
    #expect(
      Timestamp.parse("2026-11-29T01:00:00.9999999Z").map(Timestamp.string)
        == "2026-11-29T01:00:00Z")
    #expect(
      Timestamp.parse("9999-12-31T23:59:59.999999999Z").map(Timestamp.string)
        == "9999-12-31T23:59:59Z")
    // date -d 2024-02-29T23:59:59-00:30 +%s
    #expect(
      Timestamp.parse("2024-02-29T23:59:59.5-00:30")?.timeIntervalSince1970 == 1_709_252_999.5)
  }
}
