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
    // The index keeps its builds in release order: each release's builds are one run, and
    // the numbering sequence is the runs without pre-releases and builds.
    let ordered = ReleaseIndex.runs(releases.builds)
    let sequence = ordered.filter { !$0.release.isPreRelease && $0.release.build == nil }
    if let first = sequence.first, first.release.scheme == .mhhs,
      first.release.parts != ["1", "0", "0", "0"]
    {
      problems.append(
        NamingProblem(
          kind: .firstRelease, release: first.release.canonicalText, previous: nil,
          tags: tagNames(first.builds),
          message: "the first release is \(first.release.canonicalText), not 1.0.0.0"))
    }
    for (previous, next) in zip(sequence, sequence.dropFirst()) {
      if let problem = step(from: previous.release, to: next.release, tags: tagNames(next.builds)) {
        problems.append(problem)
      }
    }
    for (release, builds) in ordered {
      if builds.count > 1, Set(builds.map(\.commit)).count > 1 {
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
            message: "tag \(build.tag.name) writes \(build.release.text) "
              + (build.release.isShortForm
                ? "without its last "
                  + (build.release.missingParts == 1
                    ? "part" : "\(build.release.missingParts) parts")
                : "with leading zeros")
              + " (read as \(release.canonicalText))"))
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
    // Spelled only for a problem: most steps of a long history have none.
    var expectedText: String {
      (Array(previous.parts[..<moved]) + [next]
        + Array(repeating: "0", count: previous.parts.count - moved - 1)).joined(separator: ".")
    }
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

  private static func tagNames(_ builds: ArraySlice<TaggedBuild>) -> [String] {
    builds.map(\.tag.name).sorted()
  }
}
