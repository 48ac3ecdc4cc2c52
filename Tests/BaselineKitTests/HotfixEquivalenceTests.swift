import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// Issue 10: the two-step patch-id, the cache across runs, bookkeeping, and the equivalences
/// beyond patch-id (`same_changes`, `same_subject` and its review), on histories made with
/// git in temporary folders.
@Suite("Hotfix equivalence beyond patch-id")
struct HotfixEquivalenceTests {
  static let body = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"

  /// 1.0.0.0 on main, a hotfix branch from it with `hotfix`'s commits tagged 1.0.0.1, then
  /// `forward`'s commits on main.
  struct History {
    let folder = TemporaryDirectory("equivalence")
    var git: GitScript
    var fix = ""

    init() throws {
      git = try GitScript(at: folder.url.appendingPathComponent("repo"))
      try git.commit("base", file: "a.txt", content: HotfixEquivalenceTests.body)
      try git.tag("1.0.0.0", message: "1.0.0.0")
      try git.run(["checkout", "-q", "-b", "hotfix"])
    }

    func component(
      bookkeeping: Bookkeeping = .none, reviews: [HotfixReview] = []
    ) -> Component {
      Component(
        name: "alpha", repository: "repo", repositoryURL: git.directory, mainline: "main",
        bookkeeping: bookkeeping, reviews: reviews)
    }

    /// A fresh history whose hotfix is only a translations update.
    static func onlyBookkeeping(_ rules: Bookkeeping) throws -> HotfixTarget {
      var history = try History()
      try history.git.commit("Update translations", file: "translations/fr.ts")
      try history.git.tag("1.0.0.1", message: "1.0.0.1")
      try history.git.run(["checkout", "-q", "main"])
      try history.git.commit("feature", file: "f.txt")
      return try history.main(bookkeeping: rules)
    }

    func main(
      bookkeeping: Bookkeeping = .none, reviews: [HotfixReview] = [],
      cache: URL? = nil
    ) throws -> HotfixTarget {
      let result = try HotfixAnalysis.analyse(
        component(bookkeeping: bookkeeping, reviews: reviews),
        from: ComponentRepositories(cacheDirectory: cache))
      return try #require(result.hotfixes.first?.targets.first { $0.name == "main" })
    }
  }

  static func replacing(_ pairs: [(String, String)]) -> String {
    pairs.reduce(body) { $0.replacingOccurrences(of: $1.0 + "\n", with: $1.1 + "\n") }
  }

  @Test("two steps: the same paths with other content are no match; the same patch is")
  func twoSteps() throws {
    var history = try History()
    let fix = try history.git.commit(
      "DEF-1 fix", file: "a.txt", content: Self.replacing([("line 6", "line six")]))
    try history.git.tag("1.0.0.1", message: "1.0.0.1")
    try history.git.run(["checkout", "-q", "main"])
    // Same file, so the same paths key; other content, so another patch-id.
    try history.git.commit(
      "unrelated", file: "a.txt", content: Self.replacing([("line 11", "line eleven")]))
    let collided = try history.main()
    #expect(collided.status == .notMerged)
    #expect(collided.missing.map(\.id.hex) == [fix])
    try history.git.run(["cherry-pick", fix])
    let pick = try history.git.id("main")
    let picked = try history.main()
    #expect(picked.status == .cherryPicked)
    #expect(picked.setAside.isEmpty)
    // The evidence names the target's commit that carries the fix.
    #expect(picked.carried.map(\.commit.hex) == [fix])
    #expect(picked.carried.map(\.match.hex) == [pick])
  }

  @Test(
    "the cache: kept across runs, the same verdicts warm; a damaged file is ignored and replaced")
  func cacheAcrossRuns() throws {
    var history = try History()
    try history.git.commit("DEF-2 fix", file: "a.txt", content: Self.replacing([("line 2", "two")]))
    try history.git.tag("1.0.0.1", message: "1.0.0.1")
    try history.git.run(["checkout", "-q", "main"])
    for index in 1...5 { try history.git.commit("feature \(index)", file: "f\(index).txt") }
    let cache = history.folder.url.appendingPathComponent("cache")
    let cold = try history.main(cache: cache)
    #expect(cold.status == .notMerged)
    let files = try FileManager.default.contentsOfDirectory(
      at: cache.appendingPathComponent("patch-ids"), includingPropertiesForKeys: nil)
    let file = try #require(files.first)
    #expect(files.count == 1)
    let stored = try #require(PatchStoreFileProbe.decode(file))
    #expect(stored >= 6)  // the fix and the five target commits
    #expect(try history.main(cache: cache) == cold)
    // A flipped byte fails the checksum: the file is not trusted, the verdict is the same,
    // and the run writes an intact file again. (The kept verdicts are removed first, so that
    // the pair is judged again from the patch-ids.)
    let verdicts = cache.appendingPathComponent("verdicts")
    var bytes = try [UInt8](Data(contentsOf: file))
    bytes[bytes.count / 2] ^= 0xFF
    try Data(bytes).write(to: file)
    #expect(PatchStoreFileProbe.decode(file) == nil)
    try FileManager.default.removeItem(at: verdicts)
    #expect(try history.main(cache: cache) == cold)
    #expect(PatchStoreFileProbe.decode(file) == stored)
    // A file cut short is not trusted either.
    try Data(bytes.prefix(100)).write(to: file)
    try FileManager.default.removeItem(at: verdicts)
    #expect(try history.main(cache: cache) == cold)
    #expect(PatchStoreFileProbe.decode(file) == stored)
  }

  @Test("bookkeeping by path and by subject is set aside with why; a mixed commit is missing")
  func bookkeeping() throws {
    var history = try History()
    let fix = try history.git.commit(
      "DEF-3 fix", file: "a.txt", content: Self.replacing([("line 3", "three")]))
    let translations = try history.git.commit("Update translations", file: "translations/de.ts")
    let bump = try history.git.commit("Bump version to 1.0.0.1", file: "src/version.h")
    try history.git.tag("1.0.0.1", message: "1.0.0.1")
    try history.git.run(["checkout", "-q", "main"])
    try history.git.run(["cherry-pick", fix])
    let rules = Bookkeeping(
      paths: [
        try #require(PathPattern("translations/**")), try #require(PathPattern("CHANGELOG*")),
      ],
      subjects: ["^Bump version"])
    #expect(try history.main().status == .notMerged)
    let target = try history.main(bookkeeping: rules)
    #expect(target.status == .cherryPicked)
    #expect(target.missing.isEmpty)
    #expect(target.setAside.map(\.commit.hex) == [bump, translations])
    #expect(target.setAside.allSatisfy { $0.reason == .bookkeeping && $0.match == nil })
    #expect(target.setAside.first?.detail.contains("^Bump version") == true)
    #expect(target.setAside.last?.detail.contains("translations/**") == true)
    // The fix was picked: no "nothing to carry" note. A hotfix of bookkeeping alone is
    // cherry_picked with a note that says nothing was picked.
    #expect(target.note?.contains("nothing to carry forward") != true)
    let onlyBookkeeping = try History.onlyBookkeeping(rules)
    #expect(onlyBookkeeping.status == .cherryPicked)
    #expect(onlyBookkeeping.note == "nothing to carry forward: its own commits are all bookkeeping")
    // A commit that also changes code is not bookkeeping.
    try history.git.run(["checkout", "-q", "hotfix"])
    try FileManager.default.createDirectory(
      at: history.git.directory.appendingPathComponent("translations"),
      withIntermediateDirectories: true)
    try Data("x\n".utf8).write(to: history.git.directory.appendingPathComponent("CHANGELOG.md"))
    try Data("y\n".utf8).write(to: history.git.directory.appendingPathComponent("code.c"))
    try history.git.run(["add", "CHANGELOG.md", "code.c"])
    try history.git.run(["commit", "-q", "-m", "DEF-4 changelog and code"])
    try history.git.run(["tag", "-f", "-a", "-m", "1.0.0.1", "1.0.0.1"])
    let mixed = try history.main(bookkeeping: rules)
    #expect(mixed.status == .notMerged)
    #expect(mixed.missing.map(\.summary) == ["DEF-4 changelog and code"])
  }

  @Test("same_changes: the same lines with other context count, named; git cherry calls it missing")
  func sameChanges() throws {
    var history = try History()
    let fix = try history.git.commit(
      "Fix screen scaling factor calculation", file: "a.txt",
      content: Self.replacing([("line 6", "line six")]))
    try history.git.tag("1.0.0.1", message: "1.0.0.1")
    try history.git.run(["checkout", "-q", "main"])
    try history.git.commit(
      "rework", file: "a.txt", content: Self.replacing([("line 5", "line five")]))
    let twin = try history.git.commit(
      "Fix scaling (forward port)", file: "a.txt",
      content: Self.replacing([("line 5", "line five"), ("line 6", "line six")]))
    #expect(try history.git.run(["cherry", "main", "1.0.0.1"]).contains("+ \(fix)"))
    let target = try history.main()
    #expect(target.status == .cherryPicked)
    #expect(target.setAside.map(\.reason) == [.sameChanges])
    #expect(target.setAside.first?.match?.hex == twin)
    #expect(target.setAside.first?.commit.hex == fix)
  }

  @Test("kept verdicts: nothing judged twice; a new rule, review or mainline head is judged again")
  func keptVerdicts() throws {
    var history = try History()
    let fix = try history.git.commit(
      "DEF-7 fix rounding", file: "a.txt", content: Self.replacing([("line 7", "line seven")]))
    try history.git.commit("Update translations", file: "translations/fr.ts")
    try history.git.tag("1.0.0.1", message: "1.0.0.1")
    try history.git.run(["checkout", "-q", "main"])
    let twin = try history.git.commit(
      "DEF-7 fix rounding", file: "a.txt",
      content: Self.replacing([("line 7", "line 7 (rounded)")]))
    let cache = history.folder.url.appendingPathComponent("cache")
    func run(_ component: Component) throws -> ComponentHotfixes {
      try HotfixAnalysis.analyse(component, from: ComponentRepositories(cacheDirectory: cache))
    }
    let cold = try run(history.component())
    #expect((cold.judged, cold.kept) == (1, 0))
    #expect(cold.hotfixes.first?.targets.first?.status == .notMerged)
    let warm = try run(history.component())
    #expect((warm.judged, warm.kept) == (0, 1))
    #expect(warm.hotfixes == cold.hotfixes)
    // Another policy is another file's worth of verdicts: judged again, and it tells.
    let rules = Bookkeeping(paths: [try #require(PathPattern("translations/"))])
    let ruled = try run(history.component(bookkeeping: rules))
    #expect((ruled.judged, ruled.kept) == (1, 0))
    #expect(ruled.hotfixes.first?.targets.first?.status == .needsReview)
    let review = HotfixReview(
      commit: try #require(ObjectID(hex: fix)), equivalent: try #require(ObjectID(hex: twin)),
      reason: "the same fix, rounded on main", reference: "DEF-7")
    let reviewed = try run(history.component(bookkeeping: rules, reviews: [review]))
    #expect((reviewed.judged, reviewed.kept) == (1, 0))
    #expect(reviewed.hotfixes.first?.targets.first?.status == .cherryPicked)
    // A moved mainline is a new pair; the file keeps only what the last run used.
    try history.git.commit("feature", file: "f.txt")
    let moved = try run(history.component(bookkeeping: rules, reviews: [review]))
    #expect((moved.judged, moved.kept) == (1, 0))
    let head = try history.git.id("main")
    let folder = cache.appendingPathComponent("verdicts")
    let files = try FileManager.default.contentsOfDirectory(
      at: folder, includingPropertiesForKeys: nil)
    #expect(files.count == 1)
    let file = try #require(files.first)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    let keys = try #require(json["verdicts"] as? [String: Any]).keys
    #expect(keys.count == 1)
    #expect(keys.first?.hasSuffix(head) == true)
    // A damaged file is not trusted: judged again, the same verdicts, an intact file again.
    try Data("{\"schema\": \"baseline.verdicts/1\", \"verdicts\": [".utf8).write(to: file)
    let again = try run(history.component(bookkeeping: rules, reviews: [review]))
    #expect((again.judged, again.kept) == (1, 0))
    #expect(again.hotfixes == moved.hotfixes)
    #expect(try run(history.component(bookkeeping: rules, reviews: [review])).kept == 1)
  }

  @Test("same_subject: needs_review with both commits named; a recorded review settles it")
  func sameSubject() throws {
    var history = try History()
    let fix = try history.git.commit(
      "DEF-5 fix rounding", file: "a.txt", content: Self.replacing([("line 7", "line seven")]))
    try history.git.tag("1.0.0.1", message: "1.0.0.1")
    try history.git.run(["checkout", "-q", "main"])
    let twin = try history.git.commit(
      "DEF-5 fix rounding", file: "a.txt",
      content: Self.replacing([("line 7", "line 7 (rounded)")]))
    let target = try history.main()
    #expect(target.status == .needsReview)
    #expect(target.missing.isEmpty)
    #expect(target.setAside.map(\.reason) == [.sameSubject])
    #expect(target.setAside.first?.match?.hex == twin)
    let report = HotfixReport(
      components: [try HotfixAnalysis.analyse(history.component())])
    #expect(report.exitCode == 1)
    #expect(report.text().contains("same_subject \(fix) DEF-5 fix rounding"))
    #expect(report.text().contains("1 needing review"))
    let review = HotfixReview(
      commit: try #require(ObjectID(hex: fix)), equivalent: try #require(ObjectID(hex: twin)),
      reason: "the same fix, rounded on main", reference: "DEF-5")
    let settled = try history.main(reviews: [review])
    #expect(settled.status == .cherryPicked)
    #expect(settled.setAside.map(\.reason) == [.reviewed])
    #expect(settled.setAside.first?.detail.contains("DEF-5") == true)
    // A review of another pair settles nothing.
    let stray = HotfixReview(
      commit: try #require(ObjectID(hex: twin)), equivalent: try #require(ObjectID(hex: fix)),
      reason: "backwards", reference: "DEF-6")
    #expect(try history.main(reviews: [stray]).status == .needsReview)
  }

  @Test("a hotfix's own commits are those since the release it patches, as git cherry's limit")
  func sinceItsBase() throws {
    let folder = TemporaryDirectory("base")
    var git = try GitScript(at: folder.url.appendingPathComponent("repo"))
    try git.commit("base", file: "a.txt")
    try git.run(["checkout", "-q", "-b", "release/1.0"])
    // The regular release carries a commit of its own branch that main never gets.
    try git.commit("release branch only", file: "branch.txt")
    try git.tag("1.0.0.0", message: "1.0.0.0")
    let fix = try git.commit("DEF-10 fix", file: "fix.txt")
    try git.tag("1.0.0.1", message: "1.0.0.1")
    try git.run(["checkout", "-q", "main"])
    try git.run(["cherry-pick", fix])
    let component = Component(
      name: "alpha", repository: "repo", repositoryURL: git.directory, mainline: "main")
    let hotfix = try #require(try HotfixAnalysis.analyse(component).hotfixes.first)
    #expect(hotfix.base == "1.0.0.0")
    #expect(hotfix.status == .cherryPicked)
    // git cherry with the base as its limit agrees; without it, it lists the branch's commit.
    #expect(!(try git.run(["cherry", "main", "1.0.0.1", "1.0.0.0"]).contains("+ ")))
    #expect(try git.run(["cherry", "main", "1.0.0.1"]).contains("+ "))
  }

  @Test(
    "path patterns as .gitignore reads them",
    arguments: [
      ("CHANGELOG*", "CHANGELOG.md", true), ("CHANGELOG*", "docs/CHANGELOG", true),
      ("CHANGELOG*", "src/changelog.c", false), ("translations/**", "translations/de/x.ts", true),
      ("translations/**", "src/translations/x.ts", false),
      ("translations/**", "translations", false),
      (".github/**", ".github/workflows/ci.yml", true), ("**/version.txt", "version.txt", true),
      ("**/version.txt", "a/b/version.txt", true), ("docs/", "docs/a.md", true),
      ("src/*.h", "src/version.h", true), ("src/*.h", "src/sub/version.h", false),
      ("*.ts", ".hidden.ts", true), ("v?.txt", "v1.txt", true),
    ])
  func pathPatterns(pattern: String, path: String, matches: Bool) throws {
    #expect(try #require(PathPattern(pattern)).matches(path) == matches)
  }

  @Test("bookkeeping: and reviewed: are read strictly, errors at line and column")
  func loading() throws {
    let folder = TemporaryDirectory("bookkeeping-yaml")
    let baselines = folder.url.appendingPathComponent("Baselines")
    try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
    func load(_ text: String) throws -> [String: Component] {
      try Data(text.utf8).write(to: baselines.appendingPathComponent("components.yaml"))
      return try Estate.loadCatalog(root: folder.url).components
    }
    let id = String(repeating: "a", count: 40)
    let components = try load(
      """
      bookkeeping:
        paths: ["CHANGELOG*"]
      components:
        alpha:
          repository: ../alpha
          bookkeeping:
            paths: translations/**
            subjects: ["^Bump version"]
          reviewed:
            - commit: \(id)
              equivalent: \(String(repeating: "b", count: 40))
              reason: same fix
              reference: DEF-7
        beta:
          repository: ../beta

      """)
    #expect(
      components["alpha"]?.bookkeeping.paths.map(\.text) == ["CHANGELOG*", "translations/**"])
    #expect(components["alpha"]?.bookkeeping.subjects == ["^Bump version"])
    #expect(components["alpha"]?.reviews.first?.reference == "DEF-7")
    #expect(components["beta"]?.bookkeeping.paths.map(\.text) == ["CHANGELOG*"])
    let cases: [(String, String)] = [
      (
        "components:\n  alpha:\n    repository: ../alpha\n    bookkeeping:\n      subjects: [\"(unclosed\"]\n",
        "Baselines/components.yaml:5:18: components.alpha.bookkeeping.subjects[0]: expected a regular expression, found \"(unclosed\""
      ),
      (
        "components:\n  alpha:\n    repository: ../alpha\n    reviewed:\n      - commit: abc1234\n        equivalent: \(id)\n        reason: r\n        reference: R\n",
        "Baselines/components.yaml:5:17: components.alpha.reviewed[0].commit: expected a full commit id (40 hex digits), found \"abc1234\""
      ),
      (
        "bookkeeping:\n  subjects: [\"x*\"]\ncomponents:\n  alpha:\n    repository: ../alpha\n",
        "Baselines/components.yaml:2:14: bookkeeping.subjects[0]: expected a regular expression "
          + "that some subjects do not match, found \"x*\", which matches the empty text"
      ),
      (
        "bookkeeping:\n  paths: [\"!a.txt\"]\ncomponents:\n  alpha:\n    repository: ../alpha\n",
        "Baselines/components.yaml:2:11: bookkeeping.paths[0]: expected a path pattern, found "
          + "\"!a.txt\": negation (!) is not supported"
      ),
      (
        "bookkeeping:\n  path: [x]\ncomponents:\n  alpha:\n    repository: ../alpha\n",
        "Baselines/components.yaml:2:3: bookkeeping: unknown key \"path\"; did you mean \"paths\"?"
      ),
      (
        "components:\n  alpha:\n    repository: ../alpha\n    bookkeeping:\n      paths: [\"/\"]\n",
        "Baselines/components.yaml:5:15: components.alpha.bookkeeping.paths[0]: expected a path pattern like \"translations/**\", found \"/\""
      ),
    ]
    for (text, expected) in cases {
      #expect(throws: InputError.self) { try load(text) }
      do {
        _ = try load(text)
      } catch {
        #expect("\(error)".hasPrefix(expected), "\(error)")
      }
    }
  }
}

/// Reads a patch-id cache file by its documented form (`BLPATCH3`, a fingerprint, 77-byte
/// records, FNV-1a
/// 64 checksum), independently of Baseline's reader.
enum PatchStoreFileProbe {
  /// The number of records, or `nil` when the file is not intact.
  static func decode(_ url: URL) -> Int? {
    guard let bytes = try? [UInt8](Data(contentsOf: url)), bytes.count >= 24,
      Array(bytes.prefix(8)) == Array("BLPATCH3".utf8), (bytes.count - 24) % 77 == 0
    else { return nil }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes.dropLast(8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let stored = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[bytes.count - 8 + $1]) << (8 * $1) }
    return stored == hash ? (bytes.count - 24) / 77 : nil
  }
}
