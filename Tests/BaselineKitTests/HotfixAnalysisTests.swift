import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// Emergency releases merged forward, on histories built with git in temporary folders.
@Suite("Hotfix analysis")
struct HotfixAnalysisTests {
  /// A repository with 1.0.0.0 on main and a hotfix branch from it; `hotfix` builds the
  /// emergency release on the branch, `forward` brings it (or not) to main, then 1.1.0.0 is
  /// tagged on main.
  struct Line {
    let folder = TemporaryDirectory("hotfix")
    var git: GitScript

    init() throws {
      git = try GitScript(at: folder.url.appendingPathComponent("repo"))
      try git.commit("base", file: "app.txt", content: "one\ntwo\nthree\n")
      try git.tag("1.0.0.0", message: "1.0.0.0")
      try git.run(["checkout", "-q", "-b", "hotfix/1.0.0.1"])
    }

    var component: Component {
      Component(
        name: "alpha", repository: "repo", repositoryURL: git.directory, mainline: "main")
    }

    func analyse() throws -> ComponentHotfixes { try HotfixAnalysis.analyse(component) }
  }

  func target(_ result: ComponentHotfixes, _ release: String, _ name: String) -> HotfixTarget? {
    result.hotfixes.first { $0.release.text == release }?.targets.first { $0.name == name }
  }

  @Test("merged back with a merge commit: merged for the next release and main")
  func mergedBack() throws {
    var line = try Line()
    try line.git.commit("DEF-1 fix", file: "fix.txt")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    try line.git.run(["merge", "-q", "--no-ff", "-m", "merge hotfix", "hotfix/1.0.0.1"])
    line.git.clock += 60
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    let result = try line.analyse()
    #expect(result.hotfixes.map(\.status) == [.merged])
    #expect(target(result, "1.0.0.1", "1.1.0.0")?.status == .merged)
    #expect(target(result, "1.0.0.1", "main")?.status == .merged)
  }

  @Test("cherry-picked: the same patch on main is cherry_picked, with nothing missing")
  func cherryPicked() throws {
    var line = try Line()
    let fix = try line.git.commit("DEF-2 fix", file: "fix.txt", content: "fixed\n")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    try line.git.run(["cherry-pick", fix])
    line.git.clock += 60
    try line.git.tag("1.1.0.0")
    let result = try line.analyse()
    #expect(target(result, "1.0.0.1", "1.1.0.0")?.status == .cherryPicked)
    #expect(target(result, "1.0.0.1", "main")?.missing.isEmpty == true)
    #expect(result.hotfixes.first?.status == .cherryPicked)
  }

  @Test("cherry-picked with -x after a conflict: patch-ids differ, the trailer matches")
  func cherryPickedWithTrailer() throws {
    var line = try Line()
    let fix = try line.git.commit("DEF-3 fix", file: "app.txt", content: "one\nTWO\nthree\n")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("rework", file: "app.txt", content: "one\n2\nthree\n")
    // The pick conflicts; it is resolved by hand, so its patch differs from the hotfix's.
    _ = try? line.git.run(["cherry-pick", "-x", fix])
    try Data("one\nTWO!\nthree\n".utf8).write(
      to: line.git.directory.appendingPathComponent("app.txt"))
    try line.git.run(["add", "app.txt"])
    try line.git.run(["-c", "core.editor=true", "cherry-pick", "--continue"])
    line.git.clock += 60
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    let ourPatch = try Repository(path: line.git.directory.path).patchID(
      of: try #require(ObjectID(hex: fix)))
    let picked = try #require(ObjectID(hex: try line.git.id("main")))
    #expect(try Repository(path: line.git.directory.path).patchID(of: picked) != ourPatch)
    let result = try line.analyse()
    let main = try #require(target(result, "1.0.0.1", "main"))
    #expect(main.status == .cherryPicked)
    #expect(main.note?.contains("trailer") == true)
  }

  @Test("not merged: the missing commit is listed with its summary and author")
  func notMerged() throws {
    var line = try Line()
    let fix = try line.git.commit("DEF-4 fix the clock change", file: "fix.txt")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    let result = try line.analyse()
    let next = try #require(target(result, "1.0.0.1", "1.1.0.0"))
    #expect(next.status == .notMerged)
    #expect(next.missing.map(\.id.hex) == [fix])
    #expect(next.missing.first?.summary == "DEF-4 fix the clock change")
    #expect(next.missing.first?.author == "Dev Eloper <dev@example.org>")
    #expect(HotfixReport(components: [result]).exitCode == 1)
  }

  @Test("two hotfixes on one line, 1.0.0.1 and 1.0.0.2, each judged with its own commits")
  func twoHotfixes() throws {
    var line = try Line()
    let first = try line.git.commit("DEF-5 first fix", file: "first.txt")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    let second = try line.git.commit("DEF-6 second fix", file: "second.txt")
    try line.git.tag("1.0.0.2", message: "1.0.0.2")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.run(["cherry-pick", first])
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    let result = try line.analyse()
    #expect(target(result, "1.0.0.1", "1.1.0.0")?.status == .cherryPicked)
    #expect(target(result, "1.0.0.2", "1.1.0.0")?.missing.map(\.id.hex) == [second])
  }

  @Test("no regular release after the hotfix yet: only the mainline is a target, and it says so")
  func noNextRelease() throws {
    var line = try Line()
    try line.git.commit("DEF-7 fix", file: "fix.txt")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    let result = try line.analyse()
    let hotfix = try #require(result.hotfixes.first)
    #expect(hotfix.targets.map(\.name) == ["main"])
    #expect(hotfix.notes == ["no regular release after 1.0.0.1 yet"])
  }

  @Test("the next release tagged on two commits is two targets, each named by its tag (F4)")
  func nextReleaseOnTwoCommits() throws {
    var line = try Line()
    let fix = try line.git.commit("DEF-9 fix", file: "fix.txt")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    // v1.1.0.0 is built without the fix; 1.1.0.0, one commit on, has it.
    try line.git.tag("v1.1.0.0", message: "1.1.0.0 without the fix")
    try line.git.run(["cherry-pick", fix])
    try line.git.tag("1.1.0.0", message: "1.1.0.0 with the fix")
    let result = try line.analyse()
    let hotfix = try #require(result.hotfixes.first)
    #expect(
      hotfix.targets.map(\.name) == ["1.1.0.0 (tag 1.1.0.0)", "1.1.0.0 (tag v1.1.0.0)", "main"])
    #expect(target(result, "1.0.0.1", "1.1.0.0 (tag 1.1.0.0)")?.status == .cherryPicked)
    #expect(target(result, "1.0.0.1", "1.1.0.0 (tag v1.1.0.0)")?.status == .notMerged)
    #expect(hotfix.status == .notMerged)
  }

  @Test("a regular release tagged before the hotfix is no target, and the output says why")
  func releaseTaggedBefore() throws {
    var line = try Line()
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    try line.git.run(["checkout", "-q", "hotfix/1.0.0.1"])
    try line.git.commit("DEF-8 late fix", file: "fix.txt")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    let result = try line.analyse()
    let hotfix = try #require(result.hotfixes.first)
    #expect(hotfix.targets.map(\.name) == ["main"])
    #expect(hotfix.notes.first?.hasPrefix("1.1.0.0 was tagged before 1.0.0.1") == true)
  }

  @Test("a fix reverted inside the hotfix changes nothing: not missing")
  func revertedInside() throws {
    var line = try Line()
    let wrong = try line.git.commit("DEF-9 wrong fix", file: "fix.txt")
    try line.git.run(["revert", "--no-edit", wrong])
    line.git.clock += 60
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    let result = try line.analyse()
    #expect(target(result, "1.0.0.1", "1.1.0.0")?.status == .cherryPicked)
    #expect(target(result, "1.0.0.1", "1.1.0.0")?.missing.isEmpty == true)
    // Set aside, not dropped silently: both commits are named (issue 10).
    let revert = try line.git.run(["rev-parse", "1.0.0.1^{commit}"])
    #expect(
      target(result, "1.0.0.1", "1.1.0.0")?.note
        == "set aside as a revert pair: \(wrong.prefix(7)) \"DEF-9 wrong fix\" reverted by "
        + "\(revert.prefix(7))")
  }

  @Test("semver: a maintenance release (PATCH above 0) is a hotfix; pre-releases are neither")
  func semverLine() throws {
    let folder = TemporaryDirectory("hotfix-semver")
    var git = try GitScript(at: folder.url.appendingPathComponent("repo"))
    try git.commit("base")
    try git.tag("v2.0.0", message: "2.0.0")
    try git.run(["checkout", "-q", "-b", "maint"])
    let fix = try git.commit("fix", file: "fix.txt")
    try git.tag("v2.0.1", message: "2.0.1")
    try git.run(["checkout", "-q", "main"])
    try git.commit("next", file: "next.txt")
    try git.tag("v2.1.0-rc1", message: "rc")
    try git.tag("v2.1.0", message: "2.1.0")
    let component = Component(
      name: "lib", repository: "repo", repositoryURL: git.directory, scheme: .semver)
    let result = try HotfixAnalysis.analyse(component)
    #expect(result.hotfixes.map(\.release.text) == ["2.0.1"])
    #expect(result.hotfixes.first?.targets.map(\.name) == ["2.1.0", "main"])
    #expect(target(result, "2.0.1", "2.1.0")?.missing.map(\.id.hex) == [fix])
  }

  @Test("three-part regular releases are targets of four-part emergency releases (issue 10)")
  func mixedShapes() throws {
    let folder = TemporaryDirectory("hotfix-mixed")
    var git = try GitScript(at: folder.url.appendingPathComponent("repo"))
    try git.commit("base")
    try git.tag("release-4.3.4", message: "4.3.4")
    try git.run(["checkout", "-q", "-b", "v4_3_x"])
    let fix = try git.commit("fix a crash", file: "fix.txt")
    try git.tag("release-4.3.4.1", message: "4.3.4.1")
    try git.run(["checkout", "-q", "main"])
    try git.commit("next", file: "next.txt")
    try git.tag("release-4.3.5", message: "4.3.5")
    let component = Component(
      name: "qbt", repository: "repo", repositoryURL: git.directory,
      tagPatterns: [try #require(TagPattern("release-{version}"))])
    let result = try HotfixAnalysis.analyse(component)
    #expect(result.hotfixes.map(\.release.text) == ["4.3.4.1"])
    #expect(result.hotfixes.first?.targets.map(\.name) == ["4.3.5", "main"])
    #expect(target(result, "4.3.4.1", "4.3.5")?.missing.map(\.id.hex) == [fix])
    #expect(result.skipped.isEmpty)
  }

  @Test("a tag with more parts than the scheme is reported as skipped, with why (issue 10)")
  func skippedTags() throws {
    let folder = TemporaryDirectory("hotfix-skipped")
    var git = try GitScript(at: folder.url.appendingPathComponent("repo"))
    try git.commit("base")
    try git.tag("v2.0.0", message: "2.0.0")
    try git.commit("fix", file: "fix.txt")
    try git.tag("v2.0.0.1", message: "a four-part maintenance release")
    let component = Component(
      name: "lib", repository: "repo", repositoryURL: git.directory, scheme: .semver)
    let result = try HotfixAnalysis.analyse(component)
    #expect(result.hotfixes.isEmpty)
    #expect(result.skipped.map(\.tag.name) == ["v2.0.0.1"])
    let report = HotfixReport(components: [result])
    let reason = try #require(result.skipped.first?.reason)
    #expect(report.text().contains("  skipped: tag v2.0.0.1: \(reason)\n"))
    #expect(
      report.text().hasSuffix(
        "0 emergency releases: 0 not merged, 0 needing review, 0 unknown; 1 tag skipped (no release of the "
          + "scheme). Exit 0.\n"))
    #expect(report.json().contains(#""tag" : "v2.0.0.1""#))
    #expect(report.markdown().contains("- skipped: tag v2.0.0.1:"))
  }

  @Test("many hotfixes are judged on every core with one shared patch-id table, as in order")
  func manyHotfixes() throws {
    var line = try Line()
    var fixes: [String] = []
    for index in 1...10 {
      fixes.append(try line.git.commit("DEF-\(index) fix", file: "fix\(index).txt"))
      try line.git.tag("1.0.0.\(index)", message: "1.0.0.\(index)")
    }
    try line.git.run(["checkout", "-q", "main"])
    for (index, fix) in fixes.enumerated() where index % 2 == 0 {
      try line.git.run(["cherry-pick", fix])
      line.git.clock += 60
    }
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    let result = try line.analyse()
    #expect(result.hotfixes.count == 10)
    #expect(result.hotfixes.allSatisfy { $0.targets.map(\.name) == ["1.1.0.0", "main"] })
    // Hotfix k patches hotfix k-1 (its base) and adds fix k, its own commit; the
    // odd-numbered fixes never reached main.
    for (index, hotfix) in result.hotfixes.enumerated() {
      let missing = Set(hotfix.targets[0].missing.map(\.id.hex))
      let expected: Set<String> = index % 2 == 1 ? [fixes[index]] : []
      #expect(hotfix.base == (index == 0 ? "1.0.0.0" : "1.0.0.\(index)"))
      #expect(missing == expected, "\(hotfix.release.text)")
      #expect(hotfix.targets[1].missing.map(\.id.hex).sorted() == expected.sorted())
      #expect(hotfix.status == (expected.isEmpty ? .cherryPicked : .notMerged))
    }
  }

  @Test("a revert of a revert stands: the fix is back, and missing from the next release")
  func revertOfRevert() throws {
    var line = try Line()
    try line.git.commit("DEF-11 fix", file: "fix.txt")
    try line.git.run(["revert", "--no-edit", "HEAD"])
    line.git.clock += 60
    try line.git.run(["revert", "--no-edit", "HEAD"])
    line.git.clock += 60
    let reapplied = try line.git.id("HEAD")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    let next = try #require(target(try line.analyse(), "1.0.0.1", "1.1.0.0"))
    #expect(next.status == .notMerged)
    #expect(next.missing.map(\.id.hex) == [reapplied])
  }

  @Test("a partial revert that calls itself a revert pairs with nothing: judged by content")
  func partialRevert() throws {
    var line = try Line()
    let fix = try line.git.commit("DEF-12 fix two bugs", file: "f1.txt")
    try line.git.commit("DEF-12 second half", file: "f2.txt")
    try line.git.run(["rm", "-q", "f1.txt"])
    try line.git.run(["commit", "-q", "-m", "Revert part\n\nThis reverts commit \(fix)."])
    line.git.clock += 60
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    let next = try #require(target(try line.analyse(), "1.0.0.1", "1.1.0.0"))
    #expect(next.status == .notMerged)
    #expect(next.missing.count == 1)
    #expect(next.missing.first?.summary == "DEF-12 second half")
  }

  @Test("a cherry-pick trailer on a commit that changes nothing is no equivalent")
  func emptyTrailer() throws {
    var line = try Line()
    let fix = try line.git.commit("DEF-13 fix", file: "fix.txt")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    try line.git.run([
      "commit", "-q", "--allow-empty", "-m",
      "pick (dropped)\n\n(cherry picked from commit \(fix.prefix(7)))",
    ])
    line.git.clock += 60
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    #expect(target(try line.analyse(), "1.0.0.1", "1.1.0.0")?.status == .notMerged)
  }

  @Test("one release tagged on two commits: each build is judged")
  func twoTagsOneRelease() throws {
    var line = try Line()
    let first = try line.git.commit("DEF-14 first", file: "first.txt")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    let second = try line.git.commit("DEF-14 second", file: "second.txt")
    try line.git.tag("v1.0.0.1", message: "v1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.run(["cherry-pick", first])
    line.git.clock += 60
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    let result = try line.analyse()
    #expect(result.hotfixes.map(\.tag).sorted() == ["1.0.0.1", "v1.0.0.1"])
    let v = try #require(result.hotfixes.first { $0.tag == "v1.0.0.1" })
    #expect(v.status == .notMerged)
    #expect(v.targets.first?.missing.map(\.id.hex) == [second])
  }

  @Test("a release tagged in the same second as the hotfix is a target")
  func sameSecond() throws {
    var line = try Line()
    try line.git.commit("DEF-15 fix", file: "fix.txt")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    try line.git.run(["tag", "-a", "-m", "h", "1.0.0.1", "hotfix/1.0.0.1"])
    try line.git.run(["tag", "-a", "-m", "r", "1.1.0.0", "main"])
    let hotfix = try #require(try line.analyse().hotfixes.first)
    #expect(hotfix.targets.map(\.name) == ["1.1.0.0", "main"])
    #expect(hotfix.targets.first?.status == .notMerged)
  }

  @Test("the mainline is a branch, even one named like an abbreviated id")
  func mainlineIsABranch() throws {
    var line = try Line()
    let fix = try line.git.commit("DEF-16 fix", file: "fix.txt")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    let name = String(fix.prefix(7))
    try line.git.run(["branch", name, "main"])
    let component = Component(
      name: "alpha", repository: "repo", repositoryURL: line.git.directory, mainline: name)
    let result = try HotfixAnalysis.analyse(component)
    #expect(target(result, "1.0.0.1", name)?.status == .notMerged)
    let full = Component(
      name: "alpha", repository: "repo", repositoryURL: line.git.directory,
      mainline: "refs/heads/main")
    #expect(target(try HotfixAnalysis.analyse(full), "1.0.0.1", "refs/heads/main")?.commit != nil)
  }

  @Test("a shallow clone gives unknown, never not_merged (G3)")
  func shallowClone() throws {
    var line = try Line()
    try line.git.commit("DEF-10 fix", file: "fix.txt")
    try line.git.tag("1.0.0.1", message: "1.0.0.1")
    try line.git.run(["checkout", "-q", "main"])
    try line.git.commit("feature", file: "feature.txt")
    try line.git.tag("1.1.0.0", message: "1.1.0.0")
    try GitScript.git(
      [
        "clone", "-q", "--depth", "1", "--no-single-branch", "file://\(line.git.directory.path)",
        "shallow",
      ],
      in: line.folder.url)
    let shallow = line.folder.url.appendingPathComponent("shallow")
    try GitScript.git(["fetch", "-q", "--depth", "1", "origin", "--tags"], in: shallow)
    let component = Component(
      name: "alpha", repository: "shallow", repositoryURL: shallow, mainline: "origin/main")
    let result = try HotfixAnalysis.analyse(component)
    let statuses = result.hotfixes.flatMap(\.targets).map(\.status)
    #expect(!statuses.isEmpty)
    #expect(!statuses.contains(.notMerged))
    #expect(statuses.allSatisfy { $0 == .unknown })
  }
}

/// Patch-ids agree with `git patch-id --stable` on the same commits.
@Suite("Patch-ids against git")
struct PatchIDOracleTests {
  @Test("every non-merge commit of a varied history has git's stable patch-id")
  func againstGit() throws {
    let folder = TemporaryDirectory("patch-id")
    var git = try GitScript(at: folder.url)
    try git.commit("one", file: "a.txt", content: "a\nb\nc\n")
    try git.commit("two", file: "a.txt", content: "a\nB\nc\nd\n")
    try git.commit("three", file: "dir/b.txt", content: "x\n")
    try git.commit(
      "four", file: "a.txt", content: "int f() {\n  return 1;\n}\n\nint g() {\n  return 2;\n}\n")
    try git.commit(
      "five", file: "a.txt",
      content:
        "int f() {\n  return 1;\n}\n\nint h() {\n  return 3;\n}\n\nint g() {\n  return 2;\n}\n")
    try git.run(["rm", "-q", "dir/b.txt"])
    try git.run(["commit", "-q", "-m", "six"])
    let repository = try Repository(path: folder.url.path)
    let ids = try git.run(["rev-list", "--no-merges", "HEAD"]).split(separator: "\n").map(
      String.init)
    #expect(ids.count == 6)
    for id in ids {
      let show = try git.run(["show", id])
      let expected = try #require(try Self.gitPatchID(show, in: folder.url))
      #expect(try repository.patchID(of: try #require(ObjectID(hex: id)))?.hex == expected, "\(id)")
    }
  }

  /// `git show ID | git patch-id --stable`, first field.
  static func gitPatchID(_ show: String, in folder: URL) throws -> String? {
    let run = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/env"),
      arguments: ["git", "patch-id", "--stable"], in: folder, input: Data((show + "\n").utf8))
    return run.stdout.split(separator: " ").first.map(String.init)
  }
}
