import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

@Suite("NamingCheck: tags against the release numbering rules, on real repositories")
struct NamingCheckTests {
  /// A repository with one commit per tag, tagged in the order given.
  func problems(
    _ tags: [String], scheme: VersionScheme = .mhhs,
    extra: (inout GitScript) throws -> Void = { _ in }
  ) throws -> [NamingProblem] {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    for tag in tags {
      try git.commit("work for \(tag)")
      try git.tag(tag)
    }
    try extra(&git)
    let index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: scheme)
    return NamingCheck.problems(index)
  }

  @Test("a clean history, maintenance lines interleaved in time, has no problem")
  func clean() throws {
    let found = try problems([
      "1.0.0.0", "1.0.0.1", "1.1.0.0", "1.0.0.2", "1.0.1.0", "1.1.1.0", "2.0.0.0", "1.1.1.1",
      "2.0.0.1-rc1", "2.0.0.1", "2.1.0.0",
    ])
    #expect(found.isEmpty, "\(found.map(\.message))")
  }

  @Test("a number skipped in each part is named with the release that should have come")
  func skipped() throws {
    let found = try problems(["1.0.0.0", "1.0.0.2", "1.0.2.0", "1.2.0.0", "3.0.0.0"])
    #expect(found.map(\.kind) == Array(repeating: .skippedNumber, count: 4))
    #expect(found.map(\.release) == ["1.0.0.2", "1.0.2.0", "1.2.0.0", "3.0.0.0"])
    #expect(found.map(\.previous) == ["1.0.0.0", "1.0.0.2", "1.0.2.0", "1.2.0.0"])
    #expect(
      found[0].message
        == "1.0.0.2 follows 1.0.0.0, but the next emergency release is 1.0.0.1: a number was skipped"
    )
    #expect(found[1].message.contains("the next patch release is 1.0.1.0"))
    #expect(found[2].message.contains("the next minor release is 1.1.0.0"))
    #expect(found[3].message.contains("the next major release is 2.0.0.0"))
    #expect(found[3].tags == ["3.0.0.0"])
  }

  @Test("lower parts not reset: 1.0.2.7 after 1.0.1.7, 1.1.3.0 after 1.0.3.0")
  func notReset() throws {
    let found = try problems(["1.0.0.0", "1.0.1.0", "1.0.1.7", "1.0.2.7", "1.0.3.0", "1.1.3.0"])
    let notReset = found.filter { $0.kind == .partsNotReset }
    #expect(notReset.map(\.release) == ["1.0.2.7", "1.1.3.0"])
    #expect(
      notReset[0].message
        == "1.0.2.7 follows 1.0.1.7, but a patch release resets the parts to its right to 0: 1.0.2.0"
    )
    #expect(
      notReset[1].message.hasSuffix("a minor release resets the parts to its right to 0: 1.1.0.0"))
    // 1.0.1.7 after 1.0.1.0 skips 1.0.1.1 to 1.0.1.6.
    #expect(found.filter { $0.kind == .skippedNumber }.map(\.release) == ["1.0.1.7"])
  }

  @Test("the first release must be 1.0.0.0 under mhhs; semver starts where it likes")
  func firstRelease() throws {
    let mhhs = try problems(["0.9.0.0", "1.0.0.0"])
    #expect(mhhs.map(\.kind) == [.firstRelease])
    #expect(mhhs[0].message == "the first release is 0.9.0.0, not 1.0.0.0")
    #expect(try problems(["0.1.0", "0.2.0"], scheme: .semver).isEmpty)
    // Pre-releases before the first release do not count as the first release.
    #expect(try problems(["1.0.0.0-rc1", "1.0.0.0"]).isEmpty)
  }

  @Test("two tags for one release on different commits conflict; on one commit they do not")
  func conflictingTags() throws {
    let found = try problems(["1.0.0.0", "1.0.1.0"]) { git in
      try git.tag("v1.0.1.0")  // same commit as 1.0.1.0: fine
      try git.commit("other")
      try git.tag("v1.0.0.0")  // another commit: a conflict
    }
    #expect(found.map(\.kind) == [.conflictingTags])
    #expect(found[0].release == "1.0.0.0")
    #expect(found[0].tags == ["1.0.0.0", "v1.0.0.0"])
    #expect(found[0].message.hasPrefix("release 1.0.0.0 is tagged on different commits: "))
  }

  @Test(
    "tags that follow the pattern but do not parse are listed, never dropped; leading zeros are named"
  )
  func unparsedAndNonCanonical() throws {
    let found = try problems(["1.0.0.0", "1.0.1.0.9", "v1.0.01.0", "1.0-beta", "nightly"])
    #expect(
      found.filter { $0.kind == .unparsedTag }.flatMap(\.tags).sorted()
        == ["1.0-beta", "1.0.1.0.9"])
    let nonCanonical = found.filter { $0.kind == .nonCanonical }
    #expect(nonCanonical.map(\.tags) == [["v1.0.01.0"]])
    #expect(
      nonCanonical[0].message
        == "tag v1.0.01.0 writes 1.0.01.0 with leading zeros (read as 1.0.1.0)")
    #expect(!found.contains { $0.tags.contains("nightly") })
  }

  @Test("numbers of any length: 1.0.0.9 to 1.0.0.10 is one step, 99999999999999999999 carries")
  func longNumbers() throws {
    #expect(try problems(["1.0.0.0", "1.0.0.9", "1.0.0.10"]).map(\.release) == ["1.0.0.9"])
    let big = try problems(
      ["1.0.0.0", "1.0.1.99999999999999999999", "1.0.1.100000000000000000000"])
    #expect(big.map(\.release) == ["1.0.1.99999999999999999999"])
  }
}
