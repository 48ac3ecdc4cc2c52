import BaselineKit
import Testing

@Suite("ReleaseVersion: parsing, ordering, release types")
struct ReleaseVersionTests {
  struct Parsed: Sendable, CustomTestStringConvertible {
    let text: String
    let scheme: VersionScheme
    let parts: [String]
    let preRelease: String?
    var testDescription: String { "\(text) (\(scheme.rawValue))" }
  }

  @Test(
    "well-formed releases parse into their numeric parts and label",
    arguments: [
      Parsed(text: "1.2.33.4", scheme: .mhhs, parts: ["1", "2", "33", "4"], preRelease: nil),
      Parsed(text: "1.0.1.3-rc1", scheme: .mhhs, parts: ["1", "0", "1", "3"], preRelease: "rc1"),
      Parsed(text: "1.2.0", scheme: .semver, parts: ["1", "2", "0"], preRelease: nil),
      Parsed(text: "5.0.0rc1", scheme: .semver, parts: ["5", "0", "0"], preRelease: "rc1"),
      Parsed(text: "5.0.0-rc.1", scheme: .semver, parts: ["5", "0", "0"], preRelease: "rc.1"),
      Parsed(text: "1.2.0.0+build.7", scheme: .mhhs, parts: ["1", "2", "0", "0"], preRelease: nil),
      Parsed(
        text: "1.0.0-beta.2+exp.sha.5114f85", scheme: .semver, parts: ["1", "0", "0"],
        preRelease: "beta.2"),
      Parsed(text: "1.0.01.3", scheme: .mhhs, parts: ["1", "0", "1", "3"], preRelease: nil),
      Parsed(
        text: "99999999999999999999.0.0.0", scheme: .mhhs,
        parts: ["99999999999999999999", "0", "0", "0"], preRelease: nil),
    ])
  func parses(_ example: Parsed) throws {
    let version = try ReleaseVersion(example.text, scheme: example.scheme)
    #expect(version.text == example.text)
    #expect(version.parts == example.parts)
    #expect(version.preRelease == example.preRelease)
    #expect(version.isPreRelease == (example.preRelease != nil))
    #expect(version.scheme == example.scheme)
    #expect(version.description == example.text)
  }

  @Test("build metadata names another build: 1.2.0.0+dirty is not the tagged build 1.2.0.0")
  func buildMetadata() throws {
    let withBuild = try release("1.2.0.0+build.7")
    let dirty = try release("1.2.0.0+dirty")
    let plain = try release("1.2.0.0")
    #expect(withBuild != plain)
    #expect(withBuild.build == "build.7")
    #expect(withBuild.canonicalText == "1.2.0.0+build.7")
    #expect(withBuild.text == "1.2.0.0+build.7")
    let next = try release("1.2.0.1")
    let candidate = try release("1.2.0.0-rc1+x")
    #expect(plain < withBuild && withBuild < dirty && dirty < next)
    #expect(candidate < plain)
    for pair in [(plain, withBuild), (withBuild, dirty), (plain, dirty)] {
      #expect([pair.0 < pair.1, pair.0 == pair.1, pair.1 < pair.0].filter { $0 }.count == 1)
    }
  }

  struct Malformed: Sendable, CustomTestStringConvertible {
    let text: String
    let scheme: VersionScheme
    var testDescription: String { "\"\(text)\" (\(scheme.rawValue))" }
  }

  @Test(
    "text that is no release of the scheme is refused with a message naming scheme and text",
    arguments: [
      Malformed(text: "1.2", scheme: .mhhs),
      Malformed(text: "1.2.0", scheme: .mhhs),
      Malformed(text: "1.2.0.0.0", scheme: .mhhs),
      Malformed(text: "1.2.0.0", scheme: .semver),
      Malformed(text: "v1.2.0.0", scheme: .mhhs),
      Malformed(text: "", scheme: .mhhs),
      Malformed(text: "1.0.1-3", scheme: .mhhs),
      Malformed(text: "1..0.0", scheme: .mhhs),
      Malformed(text: "1.2.0.0-", scheme: .mhhs),
      Malformed(text: "1.2.0.0+", scheme: .mhhs),
      Malformed(text: "1.2.0.0 ", scheme: .mhhs),
      Malformed(text: "1.2.0.0-rc_1", scheme: .mhhs),
      Malformed(text: "1.2.0.0-rcü", scheme: .mhhs),
      Malformed(text: "1.2.0.0.rc1", scheme: .mhhs),
      Malformed(text: "١.٢.٠.٠", scheme: .mhhs),
      Malformed(text: "nightly", scheme: .semver),
    ])
  func refuses(_ example: Malformed) {
    let error = #expect(throws: ReleaseVersion.ParseError.self) {
      try ReleaseVersion(example.text, scheme: example.scheme)
    }
    let like = example.scheme == .mhhs ? "1.2.0.0 (mhhs)" : "1.2.0 (semver)"
    #expect(error?.description == "expected a release like \(like), found \"\(example.text)\"")
    #expect(error?.text == example.text)
    #expect(error?.scheme == example.scheme)
  }

  @Test("a pre-release sorts before its release (V1)")
  func preReleaseBeforeRelease() throws {
    #expect(try release("1.0.1.3-rc1") < release("1.0.1.3"))
    #expect(try !(release("1.0.1.3") < release("1.0.1.3-rc1")))
    #expect(try release("1.0.1.3-rc1") != release("1.0.1.3"))
    #expect(try release("1.0.1.3") < release("1.0.1.4-rc1"))
    #expect(try release("5.0.0rc1", .semver) < release("5.0.0", .semver))
    #expect(try release("5.0.0rc1", .semver) == release("5.0.0-rc1", .semver))
  }

  @Test(
    "pre-release labels follow semantic-versioning precedence",
    arguments: [
      ("1.0.0.0-alpha", "1.0.0.0-alpha.1"),
      ("1.0.0.0-alpha.1", "1.0.0.0-alpha.beta"),
      ("1.0.0.0-alpha.beta", "1.0.0.0-beta"),
      ("1.0.0.0-beta.2", "1.0.0.0-beta.11"),
      ("1.0.0.0-rc1", "1.0.0.0-rc2"),
      ("1.0.0.0-rc.9", "1.0.0.0-rc.10"),
      ("1.0.0.0-rc.1", "1.0.0.0-rc.a"),
    ])
  func preReleasePrecedence(lower: String, higher: String) throws {
    #expect(try release(lower) < release(higher))
    #expect(try !(release(higher) < release(lower)))
    #expect(try release(lower) != release(higher))
  }

  @Test("four parts are never mis-split: 1.2.33.0 < 1.2.33.4 < 1.2.34.0 (V2)")
  func fourParts() throws {
    let hotfix = try release("1.2.33.4")
    #expect(hotfix.parts == ["1", "2", "33", "4"])
    #expect(hotfix.releaseType == .emergency)
    #expect(try release("1.2.33.0") < hotfix)
    #expect(try hotfix < release("1.2.34.0"))
    #expect(try !(release("1.2.34.0") < hotfix))
  }

  @Test("parts compare as numbers: 1.10.0.0 is above 1.9.0.0 and never 1.1.0.0")
  func partsAreNumbers() throws {
    #expect(try release("1.10.0.0") > release("1.9.0.0"))
    #expect(try release("1.10.0.0") != release("1.1.0.0"))
    #expect(try release("1.10.0.0") > release("1.1.0.0"))
    #expect(try release("1.10.0.0").parts == ["1", "10", "0", "0"])
    #expect(try release("2.0.0.0") > release("1.99.99.99"))
  }

  @Test("numbers of any length compare without trapping")
  func hugeNumbers() throws {
    let huge = try release("99999999999999999999.0.0.0")
    let uint64Max = try release("18446744073709551615.0.0.0")
    let pastUInt64 = try release("18446744073709551616.0.0.0")
    #expect(uint64Max < pastUInt64)
    #expect(pastUInt64 < huge)
    #expect(try release("9999999999999999999.0.0.0") < huge)
    #expect(try release("1.0.0.0") < huge)
    #expect(try release("1.0.0.99999999999999999999") > release("1.0.0.99999999999999999998"))
    #expect(huge.releaseType == .major)
    #expect(try release("0099999999999999999999.0.0.0") == huge)
  }

  static let sortedMixed = [
    "0.9.9.9", "1.0.0.0-alpha", "1.0.0.0-alpha.1", "1.0.0.0-beta", "1.0.0.0", "1.0.1.3-rc1",
    "1.0.1.3-rc2", "1.0.1.3", "1.0.1.4", "1.2.33.0", "1.2.33.4", "1.2.34.0", "1.9.0.0",
    "1.10.0.0", "2.0.0.0-rc.1", "2.0.0.0", "18446744073709551616.0.0.0",
    "99999999999999999999.0.0.0",
  ]

  @Test("a shuffled mixed list sorts into one order, and the order is total (V3)")
  func totalOrder() throws {
    let expected = try Self.sortedMixed.map { try release($0) }
    var generator = SplitMix(seed: 0x5EED)
    for _ in 0..<20 {
      let shuffled = expected.shuffled(using: &generator)
      #expect(shuffled.sorted().map(\.text) == Self.sortedMixed)
    }
    for (i, a) in expected.enumerated() {
      for (j, b) in expected.enumerated() {
        let holding = [a < b, a == b, b < a].filter { $0 }.count
        #expect(holding == 1, "exactly one of <, ==, > for \(a) and \(b)")
        #expect((a < b) == (i < j), "\(a) < \(b)")
      }
    }
  }

  @Test("releases of the two schemes still compare totally")
  func mixedSchemes() throws {
    let semver = try release("1.0.1", .semver)
    let mhhs = try release("1.0.1.0")
    #expect(semver != mhhs)
    #expect(semver < mhhs)
    #expect(!(mhhs < semver))
    #expect(try release("1.0.2", .semver) > mhhs)
  }

  @Test("a numeric pre-release identifier with leading zeros is no release (semver item 9)")
  func preReleaseLeadingZeros() throws {
    #expect(throws: ReleaseVersion.ParseError.self) { try release("1.0.0.0-rc.01") }
    #expect(throws: ReleaseVersion.ParseError.self) { try release("1.0.0-00", .semver) }
    #expect(throws: ReleaseVersion.ParseError.self) { try release("1.0.0.0-rc..1") }
    let plain = try release("1.0.0.0-rc.1")
    let zero = try release("1.0.0.0-rc.0")
    #expect(zero < plain)
    #expect([zero < plain, zero == plain, plain < zero].filter { $0 }.count == 1)
  }

  @Test("leading zeros name the same release, with isCanonical false (V4)")
  func leadingZeros() throws {
    let zero = try release("1.0.01.3")
    let plain = try release("1.0.1.3")
    #expect(zero == plain)
    #expect(Set([zero, plain]).count == 1)
    #expect(!(zero < plain) && !(plain < zero))
    #expect(!zero.isCanonical)
    #expect(plain.isCanonical)
    #expect(zero.text == "1.0.01.3")
    #expect(zero.canonicalText == "1.0.1.3")
    #expect(try release("01.00.000.0003-rc1").canonicalText == "1.0.0.3-rc1")
    #expect(try release("1.0.0.0").isCanonical)
    #expect(try !release("0.0.00.0").isCanonical)
  }

  @Test(
    "the release type is the last part that is not 0",
    arguments: [
      ("1.0.0.0", VersionScheme.mhhs, ReleaseType.major),
      ("2.0.0.0", .mhhs, .major),
      ("1.1.0.0", .mhhs, .minor),
      ("1.0.2.0", .mhhs, .patch),
      ("1.0.1.7", .mhhs, .emergency),
      ("0.0.0.0", .mhhs, .major),
      ("2.0.0", .semver, .major),
      ("1.1.0", .semver, .minor),
      ("1.0.1", .semver, .patch),
    ])
  func releaseType(text: String, scheme: VersionScheme, type: ReleaseType) throws {
    #expect(try ReleaseVersion(text, scheme: scheme).releaseType == type)
  }

  @Test(
    "emergency and regular releases under both schemes; a pre-release is neither",
    arguments: [
      ("1.0.1.7", VersionScheme.mhhs, true, false),
      ("1.0.2.0", .mhhs, false, true),
      ("2.0.0.0", .mhhs, false, true),
      ("1.0.1.7-rc1", .mhhs, false, false),
      ("1.0.2.0-rc1", .mhhs, false, false),
      ("1.0.1", .semver, true, false),
      ("1.1.0", .semver, false, true),
      ("1.1.0-rc1", .semver, false, false),
      ("5.0.0rc1", .semver, false, false),
    ])
  func emergencyAndRegular(text: String, scheme: VersionScheme, emergency: Bool, regular: Bool)
    throws
  {
    let version = try ReleaseVersion(text, scheme: scheme)
    #expect(version.isEmergency == emergency)
    #expect(version.isRegular == regular)
  }

  @Test("the schemes' part counts and examples")
  func schemes() {
    #expect(VersionScheme.mhhs.partCount == 4)
    #expect(VersionScheme.semver.partCount == 3)
    #expect(VersionScheme.mhhs.example == "1.2.0.0")
    #expect(VersionScheme.semver.example == "1.2.0")
    #expect(VersionScheme(rawValue: "mhhs") == .mhhs)
    #expect(VersionScheme(rawValue: "calver") == nil)
  }

  @Test("semver reads a bare MAJOR.MINOR found in a tag or an inventory as MAJOR.MINOR.0")
  func shortFormFound() throws {
    let zlib = try ReleaseVersion(found: "1.3", scheme: .semver)
    #expect(zlib.text == "1.3")
    #expect(zlib.parts == ["1", "3", "0"])
    #expect(zlib.isShortForm)
    #expect(!zlib.isCanonical)
    #expect(zlib.canonicalText == "1.3.0")
    #expect(zlib == (try release("1.3.0", .semver)))
    #expect(zlib < (try release("1.3.1", .semver)))
    #expect(zlib.releaseType == .minor)
    #expect(zlib.isRegular)
    #expect(!zlib.isEmergency)
    let full = try ReleaseVersion(found: "1.3.1", scheme: .semver)
    #expect(!full.isShortForm)
    #expect(full.isCanonical)
  }

  @Test(
    "mhhs reads a found three- or two-part release with trailing zeros (issue 10)",
    arguments: [("4.3.5", ["4", "3", "5", "0"], 1), ("4.3", ["4", "3", "0", "0"], 2)])
  func shortFormMHHS(text: String, parts: [String], missing: Int) throws {
    let release = try ReleaseVersion(found: text, scheme: .mhhs)
    #expect(release.parts == parts)
    #expect(release.isShortForm && !release.isCanonical)
    #expect(release.missingParts == missing)
    #expect(release.isRegular && !release.isEmergency)
    #expect(release == (try ReleaseVersion(parts.joined(separator: "."), scheme: .mhhs)))
    #expect(release < (try ReleaseVersion(found: text + ".1", scheme: .mhhs)))
    #expect((try ReleaseVersion(found: "4.2.9.1", scheme: .mhhs)) < release)
    #expect((try ReleaseVersion(found: "4.3.5.0", scheme: .mhhs)).missingParts == 0)
  }

  @Test(
    "a short form is read only when found, only bare, and only from MAJOR.MINOR",
    arguments: [
      ("1.3", VersionScheme.semver, false),  // a baseline names the release in full
      ("1.2.0", .mhhs, false),
      ("1", .mhhs, true),
      ("1.3-rc1", .mhhs, true),
      ("1.3-rc1", .semver, true),
      ("1.3+build", .semver, true),
      ("1", .semver, true),
      ("1.", .semver, true),
    ])
  func shortFormRefused(text: String, scheme: VersionScheme, found: Bool) {
    #expect(throws: ReleaseVersion.ParseError.self) {
      if found {
        _ = try ReleaseVersion(found: text, scheme: scheme)
      } else {
        _ = try ReleaseVersion(text, scheme: scheme)
      }
    }
  }
}
