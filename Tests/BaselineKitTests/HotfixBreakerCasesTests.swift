import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// Each kind of fault the issue 10 adversarial pass found, on histories made with git: a
/// hotfix 1.0.0.1 on a branch from 1.0.0.0, then `main`'s commits, judged against `main`.
@Suite("Hotfix analysis: the adversarial cases of issue 10")
struct HotfixBreakerCasesTests {
  struct Case {
    let folder = TemporaryDirectory("breaker10")
    var git: GitScript

    /// `hotfix` runs on the hotfix branch, `main` on main; both get the script to commit with.
    init(hotfix: (inout GitScript) throws -> Void, main: (inout GitScript) throws -> Void) throws {
      git = try GitScript(at: folder.url.appendingPathComponent("repo"))
      try git.commit(
        "base", file: "a.txt", content: (1...40).map(String.init).joined(separator: "\n") + "\n")
      try git.commit("base b", file: "b.txt", content: "b\n")
      try git.tag("1.0.0.0", message: "1.0.0.0")
      try git.run(["checkout", "-q", "-b", "hotfix"])
      try hotfix(&git)
      try git.tag("1.0.0.1", message: "1.0.0.1")
      try git.run(["checkout", "-q", "main"])
      try main(&git)
    }

    func main(reviews: [HotfixReview] = [], cache: URL? = nil) throws -> ComponentHotfixes {
      try HotfixAnalysis.analyse(
        Component(
          name: "s", repository: "repo", repositoryURL: git.directory, mainline: "main",
          reviews: reviews),
        from: ComponentRepositories(cacheDirectory: cache))
    }

    func target(reviews: [HotfixReview] = [], cache: URL? = nil) throws -> HotfixTarget {
      try #require(try main(reviews: reviews, cache: cache).hotfixes.first?.targets.first)
    }

    /// Whether `git cherry main 1.0.0.1 1.0.0.0` lists a commit as missing.
    func gitSaysMissing() throws -> Bool {
      try git.run(["cherry", "main", "1.0.0.1", "1.0.0.0"]).contains("+ ")
    }
  }

  static func write(_ text: String, _ file: String, in git: GitScript) throws {
    try Data(text.utf8).write(to: git.directory.appendingPathComponent(file))
  }

  @Test("D1: a cached patch-id is not reused once .gitattributes changes what a diff is")
  func attributesChange() throws {
    let lines = (1...40).map(String.init)
    var withSpaces = lines
    withSpaces.insert("foo  bar", at: 5)
    var withSpace = lines
    withSpace.insert("foo bar", at: 5)
    let scenario = try Case(
      hotfix: { git in
        try git.commit(
          "DEF-1 fix", file: "a.txt", content: withSpaces.joined(separator: "\n") + "\n")
      },
      main: { git in
        try git.commit("port", file: "a.txt", content: withSpace.joined(separator: "\n") + "\n")
      })
    let cache = scenario.folder.url.appendingPathComponent("cache")
    #expect(try scenario.gitSaysMissing() == false)
    #expect(try scenario.target(cache: cache).status == .cherryPicked)
    try Self.write("*.txt -diff\n", ".gitattributes", in: scenario.git)
    #expect(try scenario.gitSaysMissing() == true)
    #expect(try scenario.target(cache: cache).status == .notMerged)
    #expect(try scenario.target().status == .notMerged)
  }

  @Test("D2, D3: a mode change and a deletion are changes of their own, not same_changes")
  func modesAndDeletions() throws {
    func chmod(_ git: GitScript, _ mode: Int) throws {
      try FileManager.default.setAttributes(
        [.posixPermissions: mode], ofItemAtPath: git.directory.appendingPathComponent("a.txt").path)
      try git.run(["add", "a.txt"])
    }
    let mode = try Case(
      hotfix: { git in
        try chmod(git, 0o755)
        try git.run(["commit", "-q", "-m", "DEF-2 make a.txt executable"])
      },
      main: { git in
        // Made executable with another change (another patch-id), then the bit dropped.
        try chmod(git, 0o755)
        try HotfixBreakerCasesTests.write("more\n", "b.txt", in: git)
        try git.run(["add", "b.txt"])
        try git.run(["commit", "-q", "-m", "prep"])
        try chmod(git, 0o644)
        try git.run(["commit", "-q", "-m", "drop the exec bit"])
      })
    #expect(try mode.gitSaysMissing())
    #expect(try mode.target().status == .notMerged)
    let deletion = try Case(
      hotfix: { git in
        try git.run(["rm", "-q", "b.txt"])
        try git.run(["commit", "-q", "-m", "DEF-3 delete b.txt"])
      },
      main: { git in try git.commit("empty b.txt", file: "b.txt", content: "") })
    #expect(try deletion.gitSaysMissing())
    #expect(try deletion.target().status == .notMerged)
  }

  @Test("D4: a review names any target commit; one that settles nothing is listed")
  func reviews() throws {
    var fix = ""
    var port = ""
    let scenario = try Case(
      hotfix: { git in fix = try git.commit("DEF-4 fix", file: "a.txt", content: "five\n") },
      main: { git in
        port = try git.commit("DEF-4 port (reworked)", file: "c.txt", content: "six\n")
      })
    let fixID = try #require(ObjectID(hex: fix))
    let portID = try #require(ObjectID(hex: port))
    let review = HotfixReview(
      commit: fixID, equivalent: portID, reason: "the same fix, reworked", reference: "DEF-4")
    let stray = HotfixReview(
      commit: portID, equivalent: fixID, reason: "backwards", reference: "DEF-5", line: 12)
    let result = try scenario.main(reviews: [review, stray])
    let target = try #require(result.hotfixes.first?.targets.first)
    #expect(target.status == .cherryPicked)
    #expect(target.setAside.map(\.reason) == [.reviewed])
    #expect(result.unusedReviews == [stray])
    let text = HotfixReport(components: [result]).text()
    #expect(
      text.contains(
        "  unused review: \(port.prefix(7)) -> \(fix.prefix(7)) (components.yaml line 12) settled nothing"
      ))
  }

  @Test("D5: a cache file of a size no store has is not read (a sparse 6 GB file)")
  func hugeCache() throws {
    let scenario = try Case(
      hotfix: { git in try git.commit("DEF-6 fix", file: "a.txt", content: "fix\n") },
      main: { _ in })
    let cache = scenario.folder.url.appendingPathComponent("cache")
    let cold = try scenario.target(cache: cache)
    let file = try #require(
      try FileManager.default.contentsOfDirectory(
        at: cache.appendingPathComponent("patch-ids"), includingPropertiesForKeys: nil
      ).first)
    let handle = try FileHandle(forWritingTo: file)
    try handle.truncate(atOffset: 6 << 30)
    try handle.close()
    #expect(try scenario.target(cache: cache) == cold)
  }

  @Test("D8: a kept-verdicts file that is huge, a FIFO or another schema is not read")
  func hostileVerdictFile() throws {
    let scenario = try Case(
      hotfix: { git in try git.commit("DEF-8 fix", file: "a.txt", content: "fix\n") },
      main: { _ in })
    let cache = scenario.folder.url.appendingPathComponent("cache")
    let cold = try scenario.main(cache: cache)
    let file = try #require(
      try FileManager.default.contentsOfDirectory(
        at: cache.appendingPathComponent("verdicts"), includingPropertiesForKeys: nil
      ).first)
    #expect(try scenario.main(cache: cache).kept == 1)
    let handle = try FileHandle(forWritingTo: file)
    try handle.truncate(atOffset: 1 << 30)
    try handle.close()
    let huge = try scenario.main(cache: cache)
    #expect((huge.judged, huge.kept) == (1, 0))
    #expect(huge.hotfixes == cold.hotfixes)
    try FileManager.default.removeItem(at: file)
    #expect(mkfifo(file.path, 0o600) == 0)
    let fifo = try scenario.main(cache: cache)
    #expect((fifo.judged, fifo.kept) == (1, 0))
    #expect(fifo.hotfixes == cold.hotfixes)
    try FileManager.default.removeItem(at: file)
    try Data(
      #"{"schema": "baseline.verdicts/2", "policy": "", "verdicts": {}, "ancestry": {}}"#.utf8
    )
    .write(to: file)
    #expect(try scenario.main(cache: cache).judged == 1)
  }

  @Test("D7: paths that differ only by whitespace share a patch-id, as git cherry says")
  func whitespaceInPaths() throws {
    let scenario = try Case(
      hotfix: { git in try git.commit("DEF-7 add", file: "my file.txt", content: "x\n") },
      main: { git in try git.commit("other", file: "myfile.txt", content: "x\n") })
    #expect(try scenario.gitSaysMissing() == false)
    #expect(try scenario.target().status == .cherryPicked)
  }
}
