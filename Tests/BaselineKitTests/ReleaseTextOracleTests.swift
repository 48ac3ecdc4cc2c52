import Testing

@testable import BaselineKit

/// Release numbers and tag patterns are read as UTF-8 bytes; these tests hold them to the
/// character-by-character reading they replaced, kept here as the oracle, on texts made to
/// break it: digits of other scripts, combining marks after digits, dots and quotes, `\r\n`,
/// leading zeros, labels and `+build` metadata.
@Suite struct ReleaseTextOracleTests {
  /// The pieces random texts are made of.
  static let pieces = [
    "0", "1", "2", "9", "10", "007", ".", ".", ".", "-", "+", "rc", "a", "Z", "rc.1", "01",
    "\u{0661}", "\u{301}", "é", " ", "/", "\r\n", "_", "x", "",
  ]

  static func texts(count: Int, seed: UInt64) -> [String] {
    var random = SplitMix(seed: seed)
    return (0..<count).map { _ in
      (0..<Int.random(in: 1...9, using: &random)).map { _ in
        pieces.randomElement(using: &random) ?? ""
      }.joined()
    }
  }

  /// What a reading gives: the numbers, label, build and flags, or nothing.
  struct Reading: Equatable {
    let parts: [String]
    let preRelease: String?
    let build: String?
    let isShortForm: Bool
    let isCanonical: Bool
  }

  @Test(
    "release numbers read as bytes give what reading by characters gave",
    arguments: [
      VersionScheme.mhhs, .semver,
    ])
  func releaseNumbers(scheme: VersionScheme) {
    var texts = Self.texts(count: 20_000, seed: scheme == .mhhs ? 1 : 2)
    texts += ["1.0.1.3", "1.0.01.3-rc1", "5.0.0rc1", "1.3", "1.2.0.0+dirty", "1\u{301}.0.0.0"]
    var readable = 0
    for text in texts {
      for shortForm in [false, true] {
        let expected = Self.oracle(text, scheme: scheme, shortForm: shortForm)
        let version =
          shortForm
          ? try? ReleaseVersion(found: text, scheme: scheme)
          : try? ReleaseVersion(text, scheme: scheme)
        let actual = version.map {
          Reading(
            parts: $0.parts, preRelease: $0.preRelease, build: $0.build,
            isShortForm: $0.isShortForm, isCanonical: $0.isCanonical)
        }
        #expect(actual == expected, "\(text.debugDescription) short form \(shortForm)")
        if expected != nil { readable += 1 }
      }
    }
    #expect(readable > 30, "the random texts hold releases too")
  }

  @Test("tag patterns matched as bytes give what matching by characters gave")
  func tagPatterns() {
    let patterns = [
      TagPattern(prefix: "", suffix: ""), TagPattern(prefix: "v", suffix: ""),
      TagPattern(prefix: "comp/", suffix: ""), TagPattern(prefix: "é/", suffix: "-x"),
    ]
    var tags = Self.texts(count: 5_000, seed: 3)
    tags += tags.map { "v" + $0 } + tags.map { "comp/" + $0 } + tags.map { "é/" + $0 + "-x" }
    tags += ["v1\u{301}.0", "comp/\u{0661}.0", "é/1.0-x", "e\u{301}/1.0-x", "v", "comp/"]
    var matched = 0
    for pattern in patterns {
      // Git names references by their bytes: `e\u{301}/1.0-x` is not the tag `é/1.0-x`,
      // though the two are the same characters. Only the bytes' reading is kept for those.
      // A `/` byte is a `/` even when a combining mark follows it (`1.0/\u{301}`): in git it
      // makes the name a nested one, which no `{version}` holds.
      for tag in tags
      where tag.hasPrefix(pattern.prefix) == tag.utf8.starts(with: pattern.prefix.utf8)
        && tag.hasSuffix(pattern.suffix)
          == tag.utf8.reversed().starts(with: pattern.suffix.utf8.reversed())
        && !tag.contains("/\u{301}")
        && !Self.startsWithMarkedDigit(tag.utf8.dropFirst(pattern.prefix.utf8.count))
      {
        let expected = Self.oracle(pattern, tag)
        #expect(pattern.versionText(in: tag) == expected, "\(pattern) \(tag.debugDescription)")
        if expected != nil { matched += 1 }
      }
    }
    #expect(matched > 1_000)
    #expect(patterns[3].versionText(in: "e\u{301}/1.0-x") == nil)
    #expect(patterns[3].versionText(in: "é/1.0-x") == "1.0")
    #expect(patterns[0].versionText(in: "1.0/\u{301}") == nil)
    // An ASCII digit byte starts the version, whatever mark follows it: the tag is listed
    // (as unparsed), never dropped.
    #expect(patterns[0].versionText(in: "1\u{301}.0.0.0") == "1\u{301}.0.0.0")
  }

  /// The character-by-character reading of a release number, as `ReleaseVersion` read it
  /// before it read bytes.
  static func oracle(_ text: String, scheme: VersionScheme, shortForm: Bool) -> Reading? {
    var body = Substring(text)
    var buildLabel: Substring?
    if let plus = body.firstIndex(of: "+") {
      let build = body[body.index(after: plus)...]
      guard !build.isEmpty, build.allSatisfy(\.isLabelCharacter) else { return nil }
      buildLabel = build
      body = body[..<plus]
    }
    var numbers: [String] = []
    var index = body.startIndex
    while numbers.count < scheme.partCount {
      let start = index
      while index < body.endIndex, body[index].isASCIIDigit { index = body.index(after: index) }
      guard start < index else { return nil }
      numbers.append(String(body[start..<index]))
      if shortForm, numbers.count >= 2, index == body.endIndex, buildLabel == nil { break }
      if numbers.count < scheme.partCount {
        guard index < body.endIndex, body[index] == "." else { return nil }
        index = body.index(after: index)
      }
    }
    var label: Substring?
    if index < body.endIndex {
      var rest = body[index...]
      if rest.first == "-" {
        rest = rest.dropFirst()
      } else if rest.first?.isLetter != true {
        return nil
      }
      guard !rest.isEmpty, rest.allSatisfy(\.isLabelCharacter) else { return nil }
      for identifier in rest.split(separator: ".", omittingEmptySubsequences: false) {
        guard !identifier.isEmpty else { return nil }
        if identifier.count > 1, identifier.first == "0", identifier.allSatisfy(\.isASCIIDigit) {
          return nil
        }
      }
      label = rest
    }
    let isShortForm = numbers.count < scheme.partCount
    return Reading(
      parts: numbers.map(ReleaseVersion.canonical)
        + Array(repeating: "0", count: scheme.partCount - numbers.count),
      preRelease: label.map(String.init), build: buildLabel.map(String.init),
      isShortForm: isShortForm,
      isCanonical: !isShortForm && numbers.allSatisfy { $0 == ReleaseVersion.canonical($0) })
  }

  /// Whether `bytes` start with an ASCII digit that a non-ASCII scalar follows (a digit with
  /// a combining mark is one character, and no digit, to a reading by characters).
  static func startsWithMarkedDigit(_ bytes: Substring.UTF8View) -> Bool {
    guard let first = bytes.first, (0x30...0x39).contains(first) else { return false }
    return bytes.dropFirst().first.map { $0 >= 0x80 } ?? false
  }

  /// The character-by-character match of a tag pattern, as `TagPattern` matched before.
  static func oracle(_ pattern: TagPattern, _ tag: String) -> String? {
    guard tag.count > pattern.prefix.count + pattern.suffix.count, tag.hasPrefix(pattern.prefix),
      tag.hasSuffix(pattern.suffix)
    else { return nil }
    let middle = tag.dropFirst(pattern.prefix.count).dropLast(pattern.suffix.count)
    guard let first = middle.first, first.isASCIIDigit, !middle.contains("/") else { return nil }
    return String(middle)
  }
}

extension Character {
  /// A character of a pre-release or build label, as the character-by-character reading
  /// judged it.
  fileprivate var isLabelCharacter: Bool {
    unicodeScalars.count == 1 && isASCII && (isLetter || isNumber || self == "." || self == "-")
  }
}
