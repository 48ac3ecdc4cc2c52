import Foundation
import Testing

@testable import Git

/// The committer date read from a commit's raw bytes, against `Int64(String)` (the reading it
/// replaces) on the field after the line's last `>`.
@Suite struct CommitterDateTests {
  static func date(of header: String) -> Date? {
    var bytes = Array(header.utf8)
    return bytes.withUnsafeMutableBytes { raw in
      guard let base = raw.baseAddress else { return nil }
      return Repository.committerDate(UnsafeRawPointer(base), size: raw.count)
    }
  }

  @Test("the seconds field reads as Int64 reads its text, whatever surrounds it")
  func secondsAgreeWithInt64() {
    let fields = [
      "1700000000 +0000", "0 +0000", "-1 -0100", "+5 +0000", "  42 +0000", "42", "", " ",
      "4x +0000", "x4 +0000", "-", "+", "9223372036854775807 +0000", "9223372036854775808 +0000",
      "99999999999999999999 +0000", "12\t+0000", "1 2",
    ]
    for field in fields {
      let header = "tree \(String(repeating: "a", count: 40))\ncommitter A <a@x>\(field)\n\nmessage"
      let oracle = field.split(separator: " ").first.flatMap { Int64(String($0)) }
      #expect(
        Self.date(of: header) == oracle.map { Date(timeIntervalSince1970: TimeInterval($0)) },
        "\(field.debugDescription)")
    }
  }

  @Test("the committer line is found after parents and author, and not in the message")
  func findsTheHeaderLine() {
    let tree = "tree \(String(repeating: "a", count: 40))\n"
    #expect(
      Self.date(
        of: tree + "parent \(String(repeating: "b", count: 40))\nauthor B <b@x> 5 +0000\n"
          + "committer C <c> 7 +0000\n\nmsg") == Date(timeIntervalSince1970: 7))
    #expect(Self.date(of: tree + "author B <b@x> 5 +0000\n\ncommitter C <c> 7 +0000\n") == nil)
    #expect(Self.date(of: tree + "committer C <c> > 9 +0000\n") == Date(timeIntervalSince1970: 9))
  }
}
