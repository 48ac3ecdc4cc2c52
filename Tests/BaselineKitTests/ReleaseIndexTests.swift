import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

@Suite("ReleaseIndex: tagged builds read from real repositories")
struct ReleaseIndexTests {
  @Test("releases are found both ways: release to commit and commit to releases")
  func lookups() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    let first = try ObjectID(checking: git.commit("first"))
    try git.tag("1.0.0.0", message: "release 1.0.0.0")
    let second = try ObjectID(checking: git.commit("second"))
    try git.tag("v1.1.0.0")
    try git.tag("1.1.0.1-rc1")
    let work = try ObjectID(checking: git.commit("work"))

    let index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)

    #expect(index.builds.map(\.release.text) == ["1.0.0.0", "1.1.0.0", "1.1.0.1-rc1"])
    #expect(index.builds.map(\.tag.name) == ["1.0.0.0", "v1.1.0.0", "1.1.0.1-rc1"])
    #expect(index.builds(of: try release("1.0.0.0")).map(\.commit) == [first])
    #expect(index.builds(of: try release("1.1.0.0")).map(\.commit) == [second])
    #expect(index.builds(of: try release("1.1.0.1")).isEmpty)
    #expect(index.builds(of: try release("2.0.0.0")).isEmpty)
    #expect(index.builds(on: first).map(\.release.text) == ["1.0.0.0"])
    #expect(index.builds(on: second).map(\.release.text) == ["1.1.0.1-rc1", "1.1.0.0"])
    #expect(index.builds(on: work).isEmpty)
    #expect(index.unparsed.isEmpty)
    #expect(index.warnings.isEmpty)
    #expect(!index.isShallow)
  }

  @Test(
    "tags that do not follow the pattern are ignored; one that follows it but does not parse is listed as unparsed (V3)"
  )
  func mixedShapes() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    let commit = try ObjectID(checking: git.commit("build"))
    for name in [
      "1.0.1", "1.0.1.3", "1.0.1-3", "1.0.1.3.7", "release-1.0.1.3", "component/1.0.1.3",
      "nightly",
    ] {
      try git.tag(name)
    }

    let index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)

    // A three-part tag is the release with a trailing zero (issue 10); five parts are none.
    #expect(index.builds.map(\.tag.name) == ["1.0.1", "1.0.1.3"])
    #expect(index.unparsed.map(\.tag.name) == ["1.0.1-3", "1.0.1.3.7"])
    #expect(index.unparsed.map(\.tag.commit) == [commit, commit])
    #expect(
      index.unparsed.map(\.reason) == [
        "expected a release like 1.2.0.0 (mhhs), found \"1.0.1-3\"",
        "expected a release like 1.2.0.0 (mhhs), found \"1.0.1.3.7\"",
      ])
    #expect(
      index.warnings == [
        "tag 1.0.1: release number without its last part; read as 1.0.1.0",
        "tag 1.0.1-3: follows the tag pattern but expected a release like 1.2.0.0 (mhhs), found \"1.0.1-3\"",
        "tag 1.0.1.3.7: follows the tag pattern but expected a release like 1.2.0.0 (mhhs), found \"1.0.1.3.7\"",
      ])
  }

  @Test("a component's own pattern takes only its tags; semver reads 5.0.0rc1 (V1)")
  func ownPatternAndSemver() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    try git.commit("rc")
    try git.tag("web/5.0.0rc1")
    try git.commit("final")
    try git.tag("web/5.0.0")
    try git.tag("api/6.0.0")
    try git.tag("5.0.1")

    let pattern = try #require(TagPattern("web/{version}"))
    let index = ReleaseIndex(scan: try scanTags(of: git), patterns: [pattern], scheme: .semver)

    #expect(index.builds.map(\.tag.name) == ["web/5.0.0rc1", "web/5.0.0"])
    #expect(index.builds.map(\.release.preRelease) == ["rc1", nil])
    #expect(index.builds(of: try release("5.0.0-rc1", .semver)).map(\.tag.name) == ["web/5.0.0rc1"])
    #expect(index.unparsed.isEmpty)
  }

  @Test("one release tagged on two commits is a warning, and both builds are kept")
  func oneReleaseTwoCommits() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    let first = try ObjectID(checking: git.commit("build one"))
    try git.tag("1.2.0.0", message: "release")
    let second = try ObjectID(checking: git.commit("build two"))
    try git.tag("v1.2.0.0")

    let index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)

    #expect(index.builds(of: try release("1.2.0.0")).map(\.commit) == [first, second])
    #expect(
      index.warnings == [
        "release 1.2.0.0 is tagged on different commits: 1.2.0.0 -> \(first.short), "
          + "v1.2.0.0 -> \(second.short)"
      ])
  }

  @Test("two tags of one release on one commit raise no warning")
  func oneReleaseTwoTagsOneCommit() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    let commit = try ObjectID(checking: git.commit("build"))
    try git.tag("1.2.0.0")
    try git.tag("v1.2.0.0")

    let index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)

    #expect(index.builds.map(\.tag.name) == ["1.2.0.0", "v1.2.0.0"])
    #expect(index.builds(on: commit).count == 2)
    #expect(index.warnings.isEmpty)
  }

  @Test(
    "a non-canonical tag name is the same release, with a warning; the exact spelling is preferred (V4)"
  )
  func leadingZeros() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    let zero = try ObjectID(checking: git.commit("zero"))
    try git.tag("1.0.01.3")

    var index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)
    #expect(index.builds(of: try release("1.0.1.3")).map(\.commit) == [zero])
    #expect(
      index.warnings == [
        "tag 1.0.01.3: non-canonical release number (leading zeros); read as 1.0.1.3"
      ])

    let plain = try ObjectID(checking: git.commit("plain"))
    try git.tag("1.0.1.3")
    index = ReleaseIndex(scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)
    #expect(index.builds(of: try release("1.0.1.3")).map(\.commit) == [plain, zero])
    #expect(index.builds(of: try release("1.0.01.3")).map(\.commit) == [zero, plain])
  }

  @Test("a release tag on a release branch, not on the mainline, names its build (G5)")
  func releaseBranch() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    try git.commit("base", file: "base.txt")
    try git.tag("1.0.1.0")
    try git.run(["checkout", "-q", "-b", "release/1.0.2"])
    try git.run(["checkout", "-q", "main"])
    let fix = try ObjectID(checking: git.commit("DEF-1 fix", file: "fix.txt"))
    try git.run(["checkout", "-q", "release/1.0.2"])
    try git.run(["cherry-pick", "-x", fix.hex])
    let tagged = try ObjectID(checking: git.id("HEAD"))
    try git.tag("1.0.2.0", message: "release 1.0.2.0 from release/1.0.2")
    try git.run(["checkout", "-q", "main"])

    let index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)

    #expect(tagged != fix)
    #expect(try git.id("main") == fix.hex)
    #expect(index.builds(on: tagged).map(\.release.text) == ["1.0.2.0"])
    #expect(index.builds(of: try release("1.0.2.0")).map(\.commit) == [tagged])
    #expect(index.builds(on: fix).isEmpty)

    // And the comparison takes the deployed tag commit as exactly that release.
    let baseline = Baseline(
      environment: "SIT-A",
      components: [Baseline.Entry(component: "alpha", release: try release("1.0.2.0"))])
    let inventory = Inventory(
      environment: "SIT-A", collectedAt: Date(timeIntervalSince1970: 1_795_914_000),
      components: [Inventory.Entry(name: "alpha", commit: tagged.hex)])
    let report = Comparison.compare(
      baseline: baseline,
      runs: [ProbeRun(probe: "inventory", environment: "SIT-A", inventory: inventory)],
      components: [:],
      facts: ["alpha": ComponentFacts(releases: index, commits: [tagged.hex: .commit(tagged)])],
      now: Date(timeIntervalSince1970: 1_795_914_000))
    #expect(report.findings.isEmpty)
    #expect(report.status == .inBaseline)
    #expect(report.rows.first?.deployed == "1.0.2.0")
  }

  @Test("lightweight tags are releases too, and the index says which kind each is (G6)")
  func lightweightTags() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    try git.commit("one")
    try git.tag("0.3.1.0", message: "annotated")
    try git.commit("two")
    try git.tag("0.3.2.0")
    try git.commit("three")
    try git.tag("0.4.0.0")

    let index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)

    #expect(index.builds.map(\.release.text) == ["0.3.1.0", "0.3.2.0", "0.4.0.0"])
    #expect(index.builds.map(\.tag.kind) == [.annotated, .lightweight, .lightweight])
    #expect(index.builds[0].tag.tagger?.name == "Dev Eloper")
    #expect(index.builds[1].tag.tagger == nil)
  }

  @Test("releases are ordered by version, never by tag or commit date (G10)")
  func orderByVersion() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    // 1.0.1.2 at 02:00 +09:00 on 2 January (17:00 UTC on 1 January) ...
    git.clock = 1_767_286_800
    git.zone = "+0900"
    try git.commit("1.0.1.2")
    try git.tag("1.0.1.2", message: "emergency 2")
    // ... 1.0.1.3 the evening before in UTC: 23:45 +00:00 on 31 December.
    git.clock = 1_767_224_700
    git.zone = "+0000"
    try git.commit("1.0.1.3")
    try git.tag("1.0.1.3", message: "emergency 3")
    // An imported history: two more tags carry one and the same date.
    git.clock = 1_600_000_000
    try git.commit("1.0.1.10")
    try git.tag("1.0.1.10", message: "imported")
    git.clock = 1_600_000_000
    try git.commit("1.0.1.9")
    try git.tag("1.0.1.9", message: "imported")

    let index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)

    #expect(index.builds.map(\.release.text) == ["1.0.1.2", "1.0.1.3", "1.0.1.9", "1.0.1.10"])
    let dates = index.builds.map { $0.tag.tagger?.date.timeIntervalSince1970 }
    #expect(dates == [1_767_286_860, 1_767_224_760, 1_600_000_060, 1_600_000_060])
    #expect(index.builds[0].tag.tagger?.utcOffsetMinutes == 540)
  }

  @Test("semver: zlib's v1.3 is the release 1.3.0, with a naming warning, not an unparsed tag")
  func semverShortTag() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    let v1213 = try ObjectID(checking: git.commit("1.2.13"))
    try git.tag("v1.2.13")
    let v13 = try ObjectID(checking: git.commit("1.3"))
    try git.tag("v1.3", message: "zlib 1.3")
    let v131 = try ObjectID(checking: git.commit("1.3.1"))
    try git.tag("v1.3.1")

    let index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .semver)

    #expect(index.builds.map(\.tag.name) == ["v1.2.13", "v1.3", "v1.3.1"])
    #expect(index.builds.map(\.commit) == [v1213, v13, v131])
    #expect(index.builds(of: try release("1.3.0", .semver)).map(\.commit) == [v13])
    #expect(index.builds(on: v13).map(\.release.canonicalText) == ["1.3.0"])
    #expect(index.unparsed.isEmpty)
    #expect(index.unparsed(on: v13).isEmpty)
    #expect(index.warnings == ["tag v1.3: release number without its last part; read as 1.3.0"])
    let problems = NamingCheck.problems(index)
    #expect(problems.map(\.kind) == [.nonCanonical])
    #expect(problems.first?.message == "tag v1.3 writes 1.3 without its last part (read as 1.3.0)")
  }

  @Test("unparsed(on:) gives the tags on a commit that follow the pattern but are no release")
  func unparsedOnCommit() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url)
    let tagged = try ObjectID(checking: git.commit("build"))
    try git.tag("v1.3.0.0.1")
    try git.tag("1.0.1-3")
    let other = try ObjectID(checking: git.commit("next"))
    try git.tag("1.1.0.0")

    let index = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)

    #expect(index.unparsed(on: tagged).map(\.tag.name) == ["1.0.1-3", "v1.3.0.0.1"])
    #expect(index.unparsed(on: other).isEmpty)
    #expect(index.builds(on: tagged).isEmpty)
  }
}
