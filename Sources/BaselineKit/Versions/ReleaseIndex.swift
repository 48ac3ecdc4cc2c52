public import Git

/// The tagged builds of one component: its repository's tags read through its tag patterns
/// and version scheme, with lookups both ways (release to commit, commit to releases).
///
/// Built once per component from a ``TagScan`` (one scan per repository serves every
/// component that shares it). Pure value: tests build one from hand-made tags.
public struct ReleaseIndex: Sendable {
  /// Every tagged build, lowest release first; two tags of one release are both kept.
  public let builds: [TaggedBuild]
  /// Tags that follow the pattern but do not parse; listed, never dropped.
  public let unparsed: [UnparsedTag]
  /// Caveats for people: non-canonical names, one release tagged on two commits, and the
  /// repository's own tag warnings.
  public let warnings: [String]
  /// The repository's own warnings about tags this component could own (a tag on a blob, a
  /// tag object that names itself otherwise); part of ``warnings``.
  public let repositoryWarnings: [String]
  /// Whether the repository is a shallow clone, so that history-based verdicts are unknown.
  public let isShallow: Bool
  /// How many of the repository's tags follow none of the patterns (`nightly`, another
  /// component's, a `{version}` that does not start with a digit): no release of this
  /// component, and counted so that a pattern that matches nothing is not read as a
  /// repository without tags.
  public let otherTags: Int

  /// Positions in ``builds``, not copies of them: an estate over 200 repositories of 2,000
  /// tags holds 400,000 builds, and three copies of each were most of its memory.
  /// The builds of a release lie together in ``builds`` (release order): one range each.
  private let byRelease: [ReleaseVersion: Range<Int>]
  private let byCommit: [ObjectID: [Int]]
  private let unparsedByCommit: [ObjectID: [UnparsedTag]]

  /// Reads a tag scan through a component's patterns and scheme.
  /// - Parameters:
  ///   - scan: every tag of the repository, from ``Repository/tags()``.
  ///   - patterns: the component's tag patterns, tried in order; the first that matches wins.
  ///   - scheme: the component's version scheme.
  ///   - isShallow: whether the repository is a shallow clone.
  public init(scan: TagScan, patterns: [TagPattern], scheme: VersionScheme, isShallow: Bool = false)
  {
    var builds: [TaggedBuild] = []
    var unparsed: [UnparsedTag] = []
    // The repository's own warnings, for the tags this component could own only.
    let repositoryWarnings = scan.warnings.filter { warning in
      patterns.contains { $0.versionText(in: warning.tag) != nil }
    }.map(\.description)
    var warnings = repositoryWarnings
    for tag in Self.candidates(scan.tags, patterns: patterns) {
      guard let text = patterns.lazy.compactMap({ $0.versionText(in: tag.name) }).first else {
        continue
      }
      do {
        let release = try ReleaseVersion(found: text, scheme: scheme)
        builds.append(TaggedBuild(release: release, tag: tag))
        if release.isShortForm {
          warnings.append(
            "tag \(tag.name): release number without its last "
              + (release.missingParts == 1 ? "part" : "\(release.missingParts) parts")
              + "; read as " + release.canonicalText)
        } else if !release.isCanonical {
          warnings.append(
            "tag \(tag.name): non-canonical release number (leading zeros); read as "
              + release.canonicalText)
        }
      } catch {
        unparsed.append(UnparsedTag(tag: tag, reason: error.description))
        warnings.append("tag \(tag.name): follows the tag pattern but \(error.description)")
      }
    }
    builds = Self.inReleaseOrder(builds)
    let runs = Self.runs(builds)
    // In release order (a dictionary's order would change from run to run).
    for (release, tagged) in runs where Set(tagged.map(\.commit)).count > 1 {
      let names = tagged.map { "\($0.tag.name) -> \($0.commit.short)" }.joined(separator: ", ")
      warnings.append("release \(release.canonicalText) is tagged on different commits: \(names)")
    }
    self.builds = builds
    self.unparsed = unparsed
    self.warnings = warnings
    self.repositoryWarnings = repositoryWarnings
    self.isShallow = isShallow
    self.otherTags = max(0, scan.tags.count - builds.count - unparsed.count)
    self.byRelease = Dictionary(
      runs.map { ($0.release, $0.builds.indices) }, uniquingKeysWith: { first, _ in first })
    self.byCommit = Dictionary(grouping: builds.indices, by: { builds[$0].commit })
    self.unparsedByCommit = Dictionary(grouping: unparsed, by: \.tag.commit)
  }

  /// `builds` lowest release first, two tags of one release by name: the positions are
  /// sorted, then the builds taken once each (a build is large; moving each a dozen times
  /// was a tenth of listing 10,000 tags).
  static func inReleaseOrder(_ builds: [TaggedBuild]) -> [TaggedBuild] {
    let releases = builds.map(\.release)
    let order = builds.indices.sorted { left, right in
      let order = ReleaseVersion.compare(releases[left], releases[right])
      return order != 0 ? order < 0 : builds[left].tag.name < builds[right].tag.name
    }
    return order.map { builds[$0] }
  }

  /// The tags that can follow one of `patterns`, in name order, found by binary search: a
  /// version starts with a digit, so a pattern's tags lie between `prefix + "0"` and
  /// `prefix + ":"` in the sorted list. With many components sharing one repository (each its
  /// own prefix) this keeps the index linear in the tags of the component, not of the
  /// repository.
  static func candidates(_ tags: [TagInfo], patterns: [TagPattern]) -> [TagInfo] {
    func lowerBound(_ key: String) -> Int {
      var low = 0
      var high = tags.count
      while low < high {
        let middle = (low + high) / 2
        if tags[middle].name < key { low = middle + 1 } else { high = middle }
      }
      return low
    }
    let ranges = patterns.map { lowerBound($0.prefix + "0")..<lowerBound($0.prefix + ":") }
    if ranges.count == 1 { return Array(tags[ranges[0]]) }
    var indices: [Int] = []
    for range in ranges { indices += range }
    return Set(indices).sorted().map { tags[$0] }
  }

  /// The builds of each release, lowest release first, from builds in release order (as
  /// ``builds`` keeps them): one run of equal releases each.
  static func runs(_ builds: [TaggedBuild]) -> [(
    release: ReleaseVersion, builds: ArraySlice<TaggedBuild>
  )] {
    var result: [(release: ReleaseVersion, builds: ArraySlice<TaggedBuild>)] = []
    var start = builds.startIndex
    while start < builds.endIndex {
      var end = start + 1
      while end < builds.endIndex, builds[end].release == builds[start].release { end += 1 }
      result.append((builds[start].release, builds[start..<end]))
      start = end
    }
    return result
  }

  /// The tagged builds of a release; more than one when two tags name it.
  ///
  /// A tag whose version text is spelled exactly as `release.text` comes first, so that
  /// `1.0.1.3` prefers the tag `1.0.1.3` to `1.0.01.3`.
  public func builds(of release: ReleaseVersion) -> [TaggedBuild] {
    let found = byRelease[release].map { Array(builds[$0]) } ?? []
    return found.filter { $0.release.text == release.text }
      + found.filter { $0.release.text != release.text }
  }

  /// The tagged builds whose tag names `commit`, highest release first.
  public func builds(on commit: ObjectID) -> [TaggedBuild] {
    let found = (byCommit[commit] ?? []).map { builds[$0] }
    return found.count < 2 ? found : found.sorted { $0.release > $1.release }
  }

  /// The tags on `commit` that follow the tag pattern but are no release of the scheme, by
  /// name: a commit that carries only these is tagged, but it is no tagged build.
  public func unparsed(on commit: ObjectID) -> [UnparsedTag] {
    (unparsedByCommit[commit] ?? []).sorted { $0.tag.name < $1.tag.name }
  }
}
