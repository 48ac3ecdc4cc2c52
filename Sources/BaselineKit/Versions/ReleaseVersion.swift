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
    let failure = ParseError(text: text, scheme: scheme)
    var body = Substring(text)
    var buildLabel: Substring?
    if let plus = body.firstIndex(of: "+") {
      let build = body[body.index(after: plus)...]
      guard !build.isEmpty, build.allSatisfy(\.isLabelCharacter) else { throw failure }
      buildLabel = build
      body = body[..<plus]
    }
    var numbers: [String] = []
    var index = body.startIndex
    while numbers.count < scheme.partCount {
      let start = index
      while index < body.endIndex, body[index].isASCIIDigit { index = body.index(after: index) }
      guard start < index else { throw failure }
      numbers.append(String(body[start..<index]))
      if shortForm, numbers.count >= 2, index == body.endIndex, buildLabel == nil {
        break
      }
      if numbers.count < scheme.partCount {
        guard index < body.endIndex, body[index] == "." else { throw failure }
        index = body.index(after: index)
      }
    }
    var label: Substring? = nil
    if index < body.endIndex {
      var rest = body[index...]
      if rest.first == "-" {
        rest = rest.dropFirst()
      } else if rest.first?.isLetter != true {
        throw failure
      }
      guard !rest.isEmpty, rest.allSatisfy(\.isLabelCharacter) else { throw failure }
      // Numeric identifiers carry no leading zeros (semantic versioning, item 9): `rc.01`
      // would compare equal to `rc.1` while being spelled differently.
      for identifier in rest.split(separator: ".", omittingEmptySubsequences: false) {
        guard !identifier.isEmpty else { throw failure }
        if identifier.count > 1, identifier.first == "0", identifier.allSatisfy(\.isASCIIDigit) {
          throw failure
        }
      }
      label = rest
    }
    self.text = text
    self.isShortForm = numbers.count < scheme.partCount
    self.parts =
      numbers.map(Self.canonical)
      + Array(repeating: "0", count: scheme.partCount - numbers.count)
    self.preRelease = label.map(String.init)
    self.build = buildLabel.map(String.init)
    self.scheme = scheme
    self.isCanonical = !isShortForm && numbers.allSatisfy { $0 == Self.canonical($0) }
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
    for (a, b) in zip(lhs.parts, rhs.parts) where a != b {
      return compareNumbers(a, b) < 0
    }
    if lhs.parts.count != rhs.parts.count { return lhs.parts.count < rhs.parts.count }
    switch (lhs.preRelease, rhs.preRelease) {
    case (nil, nil): break
    case (nil, _): return false
    case (_, nil): return true
    case (let a?, let b?):
      let order = comparePreReleases(a, b)
      if order != 0 { return order < 0 }
    }
    switch (lhs.build, rhs.build) {
    case (nil, nil), (_, nil): return false
    case (nil, _): return true
    case (let a?, let b?): return a < b
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
}
