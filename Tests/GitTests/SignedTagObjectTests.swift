import Foundation
import Git
import Testing

/// Issue 13: a tag object split as git splits it, and its tagger date read as git reads it.
@Suite("SignedTagObject: payload, signature, tagger date")
struct SignedTagObjectTests {
  static func object(tagger: String) -> Data {
    Data(
      ("object 0123456789012345678901234567890123456789\ntype commit\ntag 1.0.0.0\n"
        + "tagger RM <rm@example.org>\(tagger)\n\nrelease\n-----BEGIN SSH SIGNATURE-----\nAAAA\n"
        + "-----END SSH SIGNATURE-----\n").utf8)
  }

  @Test(
    "the date git reads, or none",
    arguments: [
      (" 1500000000 +0000", 1_500_000_000), (" 1500000000 +0000 x", 1_500_000_000),
      ("\t1500000000\t+0000", 1_500_000_000), (" 1500000000 +00", 1_500_000_000),
      (" 1500000000 +ABCD", nil), (" +1500000000 +0000", nil), (" 1500000000", nil),
      (" 0 +0000", nil),
    ] as [(String, Int?)])
  func taggerDates(tagger: String, seconds: Int?) {
    let split = SignedTagObject(raw: Self.object(tagger: tagger))
    #expect(split.taggerTime.map { Int($0.timeIntervalSince1970) } == seconds, "\(tagger)")
    #expect(split.format == .ssh)
    #expect(split.payload + split.signature == Self.object(tagger: tagger))
    #expect(String(decoding: split.signature, as: UTF8.self).hasPrefix("-----BEGIN SSH SIGNATURE"))
  }
}
