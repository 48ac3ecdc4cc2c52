import CLibGit2
import Foundation
import Testing

@testable import Git

/// `ObjectID`'s conversions (hex text, raw bytes, libgit2's `git_oid`) against libgit2's own
/// (`git_oid_fromstr`, `git_oid_fmt`) on random ids and on the edges.
@Suite struct ObjectIDTests {
  static let ids: [[UInt8]] = {
    var generator = SystemRandomNumberGenerator()
    let random = (0..<2_000).map { _ in
      (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
    return [Array(repeating: 0, count: 20), Array(repeating: 0xFF, count: 20), Array(0..<20)]
      + random
  }()

  @Test("hex, bytes and git_oid agree with libgit2 on random ids, both ways")
  func agreesWithLibgit2() throws {
    for raw in Self.ids {
      let id = try #require(ObjectID(bytes: raw))
      var oid = id.oid
      var text = [CChar](repeating: 0, count: 41)
      git_oid_fmt(&text, &oid)
      let libgit2Hex = String(cString: text)
      #expect(id.hex == libgit2Hex)
      #expect(id.bytes == raw)
      #expect(ObjectID(hex: libgit2Hex) == id)
      #expect(ObjectID(hex: libgit2Hex.uppercased()) == id)
      var parsed = git_oid()
      #expect(git_oid_fromstr(&parsed, libgit2Hex) == 0)
      #expect(ObjectID(parsed) == id)
    }
  }

  @Test("order of ids is the order of their hex text")
  func orderIsTextOrder() throws {
    let ids = try Self.ids.prefix(300).map { try #require(ObjectID(bytes: $0)) }
    #expect(ids.sorted().map(\.hex) == ids.map(\.hex).sorted())
  }

  @Test("anything but 40 hex digits is no id")
  func refusesOtherText() {
    let hex = String(repeating: "a", count: 40)
    for bad in [
      "", String(hex.dropLast()), hex + "0", String(hex.dropLast()) + "g",
      String(hex.dropLast()) + "é", String(hex.dropLast(2)) + "é", " " + String(hex.dropLast()),
    ] {
      #expect(ObjectID(hex: bad) == nil, "\(bad.debugDescription)")
    }
  }
}
