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
}
