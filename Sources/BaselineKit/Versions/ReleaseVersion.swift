/// A release number, read from text exactly as written.
///
/// Parts are compared as numbers of any length (no overflow: `99999999999999999999` is just a
/// long number), so `1.10.0.0` is above `1.9.0.0` and never equal to `1.1.0.0`. A pre-release
/// (`1.0.1.3-rc1`, or `5.0.0rc1` without the hyphen) sorts before its release.
/// Leading zeros are allowed and do not change the number: `1.0.01.3` is the same release as
/// `1.0.1.3` for ordering and lookup, and ``isCanonical`` is false so that callers warn about the
/// name. Equality and hashing follow the number, not the spelling; ``text`` keeps the
/// spelling.
public struct ReleaseVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The text as written, e.g. `1.0.01.3-rc1`.
  public let text: String
  /// The numeric parts without leading zeros, most significant first (`["1", "0", "1", "3"]`).
  public let parts: [String]
  /// The pre-release label without its hyphen (`rc1`), or `nil` for a release.
  public let preRelease: String?
  /// The scheme the text was read under.
  public let scheme: VersionScheme

  /// Why a text is not a release of a scheme.
  public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that did not parse.
    public let text: String
    /// The scheme it was read under.
    public let scheme: VersionScheme
    public var description: String {
      "expected a release like \(scheme.example) (\(scheme.rawValue)), found \"\(text)\""
    }
  }

  /// Reads `text` as a release of `scheme`, as a baseline declares it: every part written.
  /// - Throws: ``ParseError`` when the text does not have the scheme's number of numeric parts,
  ///   optionally followed by a pre-release label and `+build` metadata.
  public init(_ text: String, scheme: VersionScheme) throws(ParseError) {
    try self.init(text, scheme: scheme, shortForm: false)
  }

  /// Reads `text` found in a tag or an inventory as a release of `scheme`.
  ///
  /// As ``init(_:scheme:)``, and a bare release with fewer parts than the scheme (at least
  /// `MAJOR.MINOR`) is also read, with trailing zeros: `1.3` is `1.3.0` under `semver` (as zlib
  /// and gitflow-avh tag), `4.3.5` is `4.3.5.0` and `4.3` is `4.3.0.0` under `mhhs` (as
  /// qBittorrent tags its regular releases beside four-part emergency releases). Such a
  /// release has ``isShortForm`` set and ``isCanonical`` false so that callers can warn about
  /// the name. A baseline must still name the release in full.
  /// - Throws: ``ParseError`` when the text is no release of the scheme.
  public init(found text: String, scheme: VersionScheme) throws(ParseError) {
    try self.init(text, scheme: scheme, shortForm: true)
  }

  /// How many trailing parts a short form leaves out (``isShortForm``): 0 for a full release.
  public var missingParts: Int {
    // A short form is bare digits and dots, so its written parts are its dot-separated fields.
    isShortForm ? scheme.partCount - text.split(separator: ".").count : 0
  }

  private init(_ text: String, scheme: VersionScheme, shortForm: Bool) throws(ParseError) {
    // Read as UTF-8 bytes: every character a release may hold is ASCII, so a byte outside
    // the classes below (a digit of another script, a combining mark) fails the text, as
    // reading it character by character would, without Unicode segmentation per tag.
    let failure = ParseError(text: text, scheme: scheme)
    let bytes = Array(text.utf8)
    var end = bytes.count
    var buildLabel: String?
    if let plus = bytes.firstIndex(of: UInt8(ascii: "+")) {
      let build = bytes[(plus + 1)...]
      guard !build.isEmpty, build.allSatisfy(Self.isLabelByte) else { throw failure }
      buildLabel = String(decoding: build, as: UTF8.self)
      end = plus
    }
    var numbers: [String] = []
    var leadingZero = false
    var index = 0
    while numbers.count < scheme.partCount {
      let start = index
      while index < end, Self.isDigitByte(bytes[index]) { index += 1 }
      guard start < index else { throw failure }
      numbers.append(Self.canonical(bytes[start..<index]))
      leadingZero = leadingZero || (index - start > 1 && bytes[start] == UInt8(ascii: "0"))
      if shortForm, numbers.count >= 2, index == end, buildLabel == nil { break }
      if numbers.count < scheme.partCount {
        guard index < end, bytes[index] == UInt8(ascii: ".") else { throw failure }
        index += 1
      }
    }
    self.preRelease = try Self.preReleaseLabel(bytes[index..<end], failure: failure)
    self.text = text
    self.isShortForm = numbers.count < scheme.partCount
    self.isCanonical = !isShortForm && !leadingZero
    self.parts = numbers + Array(repeating: "0", count: scheme.partCount - numbers.count)
    self.build = buildLabel
    self.scheme = scheme
  }

  /// The pre-release label after the numbers (`-rc1`, or `rc1` right after a digit), `nil`
  /// when nothing follows them.
  /// - Throws: `failure` when the rest is no label: not `-` or a letter first, a character
  ///   outside `[A-Za-z0-9.-]`, an empty identifier, or a numeric identifier with a leading
  ///   zero (semantic versioning, item 9: `rc.01` would compare equal to `rc.1`).
  private static func preReleaseLabel(_ rest: ArraySlice<UInt8>, failure: ParseError)
    throws(ParseError) -> String?
  {
    guard let first = rest.first else { return nil }
    var label = rest
    if first == UInt8(ascii: "-") {
      label = label.dropFirst()
    } else if !isLetterByte(first) {
      throw failure
    }
    guard !label.isEmpty, label.allSatisfy(isLabelByte) else { throw failure }
    for identifier in label.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
      guard !identifier.isEmpty else { throw failure }
      if identifier.count > 1, identifier.first == UInt8(ascii: "0"),
        identifier.allSatisfy(isDigitByte)
      {
        throw failure
      }
    }
    return String(decoding: label, as: UTF8.self)
  }

  /// Build metadata after `+` (`dirty` in `1.2.1.0+dirty`), or `nil`.
  ///
  /// Semantic versioning ignores it for precedence; Baseline does not: builds are static, and
  /// `1.2.1.0+dirty` is not the tagged build `1.2.1.0`. It is part of equality, and orders a
  /// release's builds after the plain release, by their text.
  public let build: String?

  /// Whether every part is written, without leading zeros.
  public let isCanonical: Bool

  /// Whether the text leaves out the last part (`1.3` for the `semver` release `1.3.0`); only
  /// text read with ``init(found:scheme:)`` may.
  public let isShortForm: Bool

  /// The number written without leading zeros, e.g. `1.0.1.3-rc1` for `1.0.01.3-rc1`.
  public var canonicalText: String {
    parts.joined(separator: ".") + (preRelease.map { "-\($0)" } ?? "")
      + (build.map { "+\($0)" } ?? "")
  }

  /// Whether this is a pre-release; a pre-release is never a regular release nor a hotfix.
  public var isPreRelease: Bool { preRelease != nil }

  /// The part that moved to make this release (see ``ReleaseType``).
  public var releaseType: ReleaseType {
    ReleaseType.at(parts.lastIndex { $0 != "0" } ?? 0)
  }

  /// An emergency release: under `mhhs` EMERGENCY above 0, under `semver` PATCH above 0; never
  /// a pre-release.
  public var isEmergency: Bool { !isPreRelease && parts.last != "0" }

  /// A regular release: the last part is 0 and it is no pre-release.
  public var isRegular: Bool { !isPreRelease && parts.last == "0" }

  public var description: String { text }

  public static func == (lhs: ReleaseVersion, rhs: ReleaseVersion) -> Bool {
    lhs.parts == rhs.parts && lhs.preRelease == rhs.preRelease && lhs.build == rhs.build
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(parts)
    hasher.combine(preRelease)
    hasher.combine(build)
  }

  public static func < (lhs: ReleaseVersion, rhs: ReleaseVersion) -> Bool {
    compare(lhs, rhs) < 0
  }

  /// The order of two releases in one pass: negative when `lhs` is lower, 0 when they are
  /// equal (``==``), positive when it is higher.
  static func compare(_ lhs: ReleaseVersion, _ rhs: ReleaseVersion) -> Int {
    for (a, b) in zip(lhs.parts, rhs.parts) where a != b {
      return compareNumbers(a, b)
    }
    if lhs.parts.count != rhs.parts.count { return lhs.parts.count < rhs.parts.count ? -1 : 1 }
    switch (lhs.preRelease, rhs.preRelease) {
    case (nil, nil): break
    case (nil, _): return 1
    case (_, nil): return -1
    case (let a?, let b?):
      let order = comparePreReleases(a, b)
      if order != 0 { return order }
    }
    switch (lhs.build, rhs.build) {
    case (nil, nil): return 0
    case (_, nil): return 1
    case (nil, _): return -1
    case (let a?, let b?): return a == b ? 0 : (a < b ? -1 : 1)
    }
  }

  /// Compares two digit strings without leading zeros as numbers of any length.
  static func compareNumbers(_ a: String, _ b: String) -> Int {
    if a.utf8.count != b.utf8.count { return a.utf8.count < b.utf8.count ? -1 : 1 }
    // Digits only: bytes compare as the numbers do, without Unicode collation.
    if a == b { return 0 }
    return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
  }

  /// Semantic-versioning precedence of pre-release labels: dot-separated identifiers, numeric
  /// ones compared as numbers and below alphanumeric ones, a shorter list first on a tie.
  static func comparePreReleases(_ a: String, _ b: String) -> Int {
    let left = a.split(separator: ".", omittingEmptySubsequences: false)
    let right = b.split(separator: ".", omittingEmptySubsequences: false)
    for (x, y) in zip(left, right) where x != y {
      let xNumeric = !x.isEmpty && x.allSatisfy(\.isASCIIDigit)
      let yNumeric = !y.isEmpty && y.allSatisfy(\.isASCIIDigit)
      switch (xNumeric, yNumeric) {
      case (true, true):
        let order = compareNumbers(canonical(String(x)), canonical(String(y)))
        if order != 0 { return order }
      case (true, false): return -1
      case (false, true): return 1
      case (false, false): return x < y ? -1 : 1
      }
    }
    return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
  }

  static func canonical(_ digits: String) -> String {
    let trimmed = digits.drop { $0 == "0" }
    return trimmed.isEmpty ? "0" : String(trimmed)
  }

  /// ASCII digits without their leading zeros, as text (`"0"` for zeros only).
  static func canonical(_ digits: ArraySlice<UInt8>) -> String {
    let trimmed = digits.drop { $0 == UInt8(ascii: "0") }
    return trimmed.isEmpty ? "0" : String(decoding: trimmed, as: UTF8.self)
  }

  static func isDigitByte(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  static func isLetterByte(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

  /// A character of a pre-release or build label: `[A-Za-z0-9.-]`.
  static func isLabelByte(_ byte: UInt8) -> Bool {
    isDigitByte(byte) || isLetterByte(byte) || byte == UInt8(ascii: ".")
      || byte == UInt8(ascii: "-")
  }
}
