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

    func main(
      reviews: [HotfixReview] = [], cache: URL? = nil, bookkeeping: Bookkeeping = .none,
      at directory: URL? = nil
    ) throws -> ComponentHotfixes {
      try HotfixAnalysis.analyse(
        Component(
          name: "s", repository: "repo", repositoryURL: directory ?? git.directory,
          mainline: "main", bookkeeping: bookkeeping, reviews: reviews),
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

  /// A fix in `sub/a.txt` on the hotfix and its port on main that differ only in
  /// whitespace inside a line: one patch-id while the file is text, two once it is binary.
  static func whitespacePort() throws -> Case {
    let lines = (1...40).map(String.init)
    var withSpaces = lines
    withSpaces.insert("foo  bar", at: 5)
    var withSpace = lines
    withSpace.insert("foo bar", at: 5)
    return try Case(
      hotfix: { git in
        try git.commit(
          "DEF-9 fix", file: "sub/a.txt", content: withSpaces.joined(separator: "\n") + "\n")
      },
      main: { git in
        try git.commit(
          "port", file: "sub/a.txt", content: withSpace.joined(separator: "\n") + "\n")
      })
  }

  @Test(
    "D9: what else makes a file binary to a diff changes the fingerprint",
    arguments: ["diff driver", "linked work tree", "folder link"])
  func otherDiffShapers(_ how: String) throws {
    let scenario = try Self.whitespacePort()
    let cache = scenario.folder.url.appendingPathComponent("cache")
    var directory = scenario.git.directory
    switch how {
    case "diff driver":
      try Self.write("*.txt diff=foo\n", ".gitattributes", in: scenario.git)
    case "linked work tree":
      directory = scenario.folder.url.appendingPathComponent("wt")
      try scenario.git.run(["worktree", "add", "-q", "--detach", directory.path, "main"])
    default: break
    }
    #expect(try scenario.main(cache: cache, at: directory).hotfixes.first?.status == .cherryPicked)
    switch how {
    case "diff driver":
      try scenario.git.run(["config", "diff.foo.binary", "true"])
    case "linked work tree":
      try Self.write("*.txt -diff\n", ".git/info/attributes", in: scenario.git)
    default:
      let outside = scenario.folder.url.appendingPathComponent("outside")
      try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
      try Data("*.txt -diff\n".utf8).write(to: outside.appendingPathComponent(".gitattributes"))
      let sub = scenario.git.directory.appendingPathComponent("sub")
      try FileManager.default.removeItem(at: sub)
      try FileManager.default.createSymbolicLink(at: sub, withDestinationURL: outside)
    }
    let fresh = try scenario.main(at: directory)
    #expect(fresh.hotfixes.first?.status == .notMerged, "\(how)")
    #expect(try scenario.main(cache: cache, at: directory).hotfixes == fresh.hotfixes, "\(how)")
  }

  @Test("D10: a policy entry with a newline cannot pass for two entries")
  func policyEntriesCannotForgeOthers() throws {
    let scenario = try Case(
      hotfix: { git in
        try git.commit("Bump version", file: "VERSION", content: "1.0.0.1\n")
        try git.commit("DEF-10 fix", file: "b.txt", content: "fixed\n")
      },
      main: { git in try git.run(["cherry-pick", "hotfix"]) })
    let cache = scenario.folder.url.appendingPathComponent("cache")
    let two = Bookkeeping(subjects: ["^Bump", "^Zzz"])
    #expect(
      try scenario.main(cache: cache, bookkeeping: two).hotfixes.first?.status == .cherryPicked)
    let forged = Bookkeeping(subjects: ["^Bump\nsubject ^Zzz"])
    let fresh = try scenario.main(bookkeeping: forged)
    #expect(fresh.hotfixes.first?.status == .notMerged)
    #expect(try scenario.main(cache: cache, bookkeeping: forged).hotfixes == fresh.hotfixes)
  }

  @Test("D11: a cache file that is a link is replaced, never written through")
  func cacheLinksAreReplaced() throws {
    let scenario = try Case(
      hotfix: { git in try git.commit("DEF-11 fix", file: "b.txt", content: "fixed\n") },
      main: { git in try git.commit("other", file: "c.txt", content: "c\n") })
    let cache = scenario.folder.url.appendingPathComponent("cache")
    let cold = try scenario.main(cache: cache)
    let victim = scenario.folder.url.appendingPathComponent("victim")
    try Data("precious\n".utf8).write(to: victim)
    var links: [URL] = []
    for folder in ["verdicts", "patch-ids"] {
      let files = try FileManager.default.contentsOfDirectory(
        at: cache.appendingPathComponent(folder), includingPropertiesForKeys: nil)
      for file in files {
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: victim)
        links.append(file)
      }
    }
    #expect(links.count == 2)
    #expect(try scenario.main(cache: cache).hotfixes == cold.hotfixes)
    #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    for link in links {
      let kind =
        try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType
      #expect(kind == .typeRegular, "\(link.lastPathComponent)")
    }
  }

  @Test("D12: a date no calendar holds (a forged cache, a forged commit) is written, not a crash")
  func datesBeyondTheCalendar() throws {
    #expect(Timestamp.string(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59Z")
    #expect(Timestamp.string(Date(timeIntervalSince1970: -1e300)).hasPrefix("-"))
    #expect(Timestamp.string(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
    #expect(Timestamp.wholeSeconds(.infinity) == 1_000_000_000_000_000)
    let scenario = try Case(
      hotfix: { git in try git.commit("DEF-12 fix", file: "b.txt", content: "fixed\n") },
      main: { git in try git.commit("other", file: "c.txt", content: "c\n") })
    let cache = scenario.folder.url.appendingPathComponent("cache")
    _ = try scenario.main(cache: cache)
    let file = try #require(
      try FileManager.default.contentsOfDirectory(
        at: cache.appendingPathComponent("verdicts"), includingPropertiesForKeys: nil
      ).first)
    let text = try String(contentsOf: file, encoding: .utf8)
    let forged = text.replacingOccurrences(
      of: #""date":[-0-9.e+]+"#, with: #""date":1e300"#, options: .regularExpression)
    #expect(forged != text)
    try Data(forged.utf8).write(to: file)
    let report = HotfixReport(components: [try scenario.main(cache: cache)])
    #expect(report.text().contains("9999-12-31"))
    #expect(report.json().contains("9999-12-31T23:59:59Z"))
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
