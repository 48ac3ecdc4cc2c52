/// A way a component's tags break the release numbering rules.
///
/// Found by ``NamingCheck``; reported by `baseline tags` and `baseline lint`. Tags are history
/// that cannot be rewritten (builds are static), so these are warnings for release managers:
/// they never make a report drifted nor a `verify` NO-GO by themselves.
public struct NamingProblem: Sendable, Hashable {
  /// The kinds of problem; the raw values are the stable names of `baseline.tags/1` and
  /// `baseline.lint/1`.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A release moved one part by more than one (`1.0.2.0` after `1.0.0.3`: `1.0.1.0` was
    /// skipped).
    case skippedNumber = "skipped_number"
    /// A release moved one part by one but did not reset the parts to its right to 0
    /// (`1.0.2.7` after `1.0.1.7`: the patch release is `1.0.2.0`).
    case partsNotReset = "parts_not_reset"
    /// The lowest release is not `1.0.0.0` (`mhhs` only: semantic versioning starts where it
    /// likes).
    case firstRelease = "first_release"
    /// Two tags name one release but different commits: which build is the release?
    case conflictingTags = "conflicting_tags"
    /// A tag follows the component's tag pattern but its version does not parse.
    case unparsedTag = "unparsed_tag"
    /// A release number written with leading zeros (`1.0.01.3`), read as the canonical one.
    case nonCanonical = "non_canonical"
  }

  /// What kind of problem this is.
  public let kind: Kind
  /// The release concerned, canonical (`1.0.2.0`); `nil` for an unparsed tag.
  public let release: String?
  /// The release before it in version order, for `skipped_number` and `parts_not_reset`.
  public let previous: String?
  /// The tags concerned.
  public let tags: [String]
  /// The sentence for people.
  public let message: String
}

/// The numbering rules of the release process, checked over a component's tagged builds:
/// every release bumps exactly one part by one and resets the parts to its right to 0, the
/// first release is `1.0.0.0`, one release is one commit, and every tag that follows the
/// pattern is a release.
///
/// Releases are taken in version order, not date order (maintenance lines interleave in
/// time), pre-releases and builds with `+metadata` left out; each release is checked against
/// the one just below it. So `1.0.0.0 1.1.0.0 1.0.0.1` (a hotfix made after the next minor)
/// is in order, and `1.0.0.0 1.0.2.0` skips `1.0.1.0`.
public enum NamingCheck {
  /// Every naming problem of a component's tags, in version order (unparsed tags last, by
  /// name).
  public static func problems(_ releases: ReleaseIndex) -> [NamingProblem] {
    var problems: [NamingProblem] = []
    let byRelease = Dictionary(grouping: releases.builds, by: \.release)
    let sequence = byRelease.keys.filter { !$0.isPreRelease && $0.build == nil }.sorted()
    if let first = sequence.first, first.scheme == .mhhs, first.parts != ["1", "0", "0", "0"] {
      problems.append(
        NamingProblem(
          kind: .firstRelease, release: first.canonicalText, previous: nil,
          tags: tagNames(byRelease[first]),
          message: "the first release is \(first.canonicalText), not 1.0.0.0"))
    }
    for (previous, release) in zip(sequence, sequence.dropFirst()) {
      if let problem = step(from: previous, to: release, tags: tagNames(byRelease[release])) {
        problems.append(problem)
      }
    }
    for release in byRelease.keys.sorted() {
      let builds = byRelease[release] ?? []
      if Set(builds.map(\.commit)).count > 1 {
        let named = builds.map { "\($0.tag.name) -> \($0.commit.short)" }
        problems.append(
          NamingProblem(
            kind: .conflictingTags, release: release.canonicalText, previous: nil,
            tags: tagNames(builds),
            message: "release \(release.canonicalText) is tagged on different commits: "
              + named.joined(separator: ", ")))
      }
      for build in builds where !build.release.isCanonical {
        problems.append(
          NamingProblem(
            kind: .nonCanonical, release: release.canonicalText, previous: nil,
            tags: [build.tag.name],
            message: "tag \(build.tag.name) writes \(build.release.text) with leading zeros "
              + "(read as \(release.canonicalText))"))
      }
    }
    for unparsed in releases.unparsed {
      problems.append(
        NamingProblem(
          kind: .unparsedTag, release: nil, previous: nil, tags: [unparsed.tag.name],
          message: "tag \(unparsed.tag.name) follows the tag pattern but \(unparsed.reason)"))
    }
    return problems
  }

  /// The problem with `release` coming right after `previous`, if any.
  static func step(from previous: ReleaseVersion, to release: ReleaseVersion, tags: [String])
    -> NamingProblem?
  {
    guard
      let moved = zip(previous.parts, release.parts).enumerated().first(where: { $1.0 != $1.1 })?
        .offset
    else { return nil }
    let type = ReleaseType.at(moved)
    let next = successor(previous.parts[moved])
    var expected = Array(previous.parts[..<moved]) + [next]
    expected += Array(repeating: "0", count: previous.parts.count - moved - 1)
    let expectedText = expected.joined(separator: ".")
    if release.parts[moved] != next {
      return NamingProblem(
        kind: .skippedNumber, release: release.canonicalText, previous: previous.canonicalText,
        tags: tags,
        message: "\(release.canonicalText) follows \(previous.canonicalText), but the next "
          + "\(type.rawValue) release is \(expectedText): a number was skipped")
    }
    if release.parts[(moved + 1)...].contains(where: { $0 != "0" }) {
      return NamingProblem(
        kind: .partsNotReset, release: release.canonicalText, previous: previous.canonicalText,
        tags: tags,
        message: "\(release.canonicalText) follows \(previous.canonicalText), but a "
          + "\(type.rawValue) release resets the parts to its right to 0: \(expectedText)")
    }
    return nil
  }

  /// A decimal number of any length plus one (`"9"` gives `"10"`).
  static func successor(_ digits: String) -> String {
    var result = Array(digits.utf8)
    var index = result.count - 1
    while index >= 0 {
      if result[index] == UInt8(ascii: "9") {
        result[index] = UInt8(ascii: "0")
        index -= 1
      } else {
        result[index] += 1
        return String(decoding: result, as: UTF8.self)
      }
    }
    return "1" + String(decoding: result, as: UTF8.self)
  }

  private static func tagNames(_ builds: [TaggedBuild]?) -> [String] {
    (builds ?? []).map(\.tag.name).sorted()
  }
}

extension ReleaseType {
  /// The type of a release that moves part `index` (0 is MAJOR).
  static func at(_ index: Int) -> ReleaseType {
    switch index {
    case 0: return .major
    case 1: return .minor
    case 2: return .patch
    default: return .emergency
    }
  }
}
