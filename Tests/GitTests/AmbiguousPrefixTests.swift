import BaselineTestSupport
import Foundation
import Git
import Testing

/// Case G9: an inventory reports `commit: abc1234` and several objects share that prefix. The
/// answer is "ambiguous (n candidates)" with the true n, never a guess.
@Suite("Ambiguous abbreviated ids (G9)", .tags(.fieldCase))
struct AmbiguousPrefixTests {
  /// Blob contents whose ids are known to collide: `g9 blob 27` and `g9 blob 82` share `00a4`;
  /// `g9 blob 526`, `2847` and `2926` share `c302` (SHA-1 is fixed, so this never changes).
  private static let collidingPair = [27, 82]
  private static let collidingTriple = [526, 2847, 2926]

  /// Makes a repository with 300 blobs `g9 blob 0` to `g9 blob 299` written with
  /// `git hash-object -w`, plus the colliding triple, all committed (so that `git repack`
  /// keeps them); returns the blobs' ids by number.
  private func makeRepository(in folder: TemporaryDirectory) throws -> (
    script: GitScript, blobs: [Int: String]
  ) {
    var script = try GitScript(at: folder.url)
    let numbers = Array(0..<300) + Self.collidingTriple
    var paths: [String] = []
    for number in numbers {
      paths.append(try folder.write("blobs/\(number)", "g9 blob \(number)\n").path)
    }
    let ids = try script.run(["hash-object", "-w"] + paths).split(separator: "\n").map(String.init)
    try #require(ids.count == numbers.count)
    try script.run(["add", "blobs"])
    try script.commit("blobs")
    return (script, Dictionary(uniqueKeysWithValues: zip(numbers, ids)))
  }

  /// Every 4-digit prefix that at least two objects share, with git's own list of them
  /// (`git rev-parse --disambiguate`).
  private func sharedPrefixes(_ script: GitScript) throws -> [String: Int] {
    let groups = Dictionary(grouping: try script.allObjectIDs()) { String($0.prefix(4)) }
    var shared: [String: Int] = [:]
    for (prefix, ids) in groups where ids.count > 1 {
      let listed = try script.run(["rev-parse", "--disambiguate=\(prefix)"]).split(separator: "\n")
      #expect(listed.count == ids.count, "git lists \(prefix) as \(listed)")
      shared[prefix] = listed.count
    }
    return shared
  }

  @Test("every shared 4-digit prefix is ambiguous with exactly as many candidates as git lists")
  func sharedPrefixesAreAmbiguous() throws {
    let folder = TemporaryDirectory()
    let (script, blobs) = try makeRepository(in: folder)
    let shared = try sharedPrefixes(script)
    try #require(shared["00a4"] == 2 && shared["c302"] == 3, "\(shared)")
    #expect(Self.collidingPair.compactMap { blobs[$0]?.prefix(4) } == ["00a4", "00a4"])
    let repository = try Repository(path: script.directory.path)

    for (prefix, count) in shared.sorted(by: { $0.key < $1.key }) {
      #expect(try repository.resolveCommit(prefix) == .ambiguous(candidates: count), "\(prefix)")
      #expect(
        try repository.resolveCommit(prefix.uppercased()) == .ambiguous(candidates: count),
        "\(prefix) in capitals")
    }
  }

  @Test("one more digit than the shared prefix names one object again")
  func longerPrefixIsUnique() throws {
    let folder = TemporaryDirectory()
    let (script, blobs) = try makeRepository(in: folder)
    let repository = try Repository(path: script.directory.path)
    let first = try #require(blobs[Self.collidingPair[0]])
    let second = try #require(blobs[Self.collidingPair[1]])
    let common = zip(first, second).prefix { $0 == $1 }.count
    let unique = String(first.prefix(common + 1))

    #expect(try repository.resolveCommit(String(first.prefix(common))) == .ambiguous(candidates: 2))
    #expect(try repository.resolveCommit(unique) == .notACommit(type: "blob"))
  }

  @Test("the count is the same when the objects are packed, and when packed and loose at once")
  func packedObjects() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try makeRepository(in: folder)
    let before = try sharedPrefixes(script)

    try script.run(["repack", "-a", "-q"])  // packed, loose copies kept
    #expect(try sharedPrefixes(script) == before)
    let both = try Repository(path: script.directory.path)
    #expect(try both.resolveCommit("c302") == .ambiguous(candidates: 3))
    #expect(try both.resolveCommit("00a4") == .ambiguous(candidates: 2))

    try script.run(["prune-packed"])  // only packed now
    let packed = try Repository(path: script.directory.path)
    #expect(try packed.resolveCommit("c302") == .ambiguous(candidates: 3))
    #expect(try packed.resolveCommit("00a4") == .ambiguous(candidates: 2))
  }

  /// Known bug: `Repository.resolveCommit` hands a text that is not bare hex (here
  /// `c302^{commit}`) to `git_revparse_single`, and maps its `GIT_EAMBIGUOUS` to
  /// `.ambiguous(candidates: 2)` whatever the true number is.
  @Test(
    "an ambiguous prefix inside a revision expression counts the candidates too")
  func ambiguousExpression() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try makeRepository(in: folder)
    let repository = try Repository(path: script.directory.path)
    let listed = try script.run(["rev-parse", "--disambiguate=c302"]).split(separator: "\n")
    try #require(listed.count == 3)

    let resolution = try repository.resolveCommit("c302^{commit}")

    #expect(resolution != .notFound)
    #expect(resolution == .ambiguous(candidates: 3))
  }

  @Test(
    "fixture testrepo.git (packed, with a multi-pack-index): every shared prefix agrees with git",
    .tags(.fixture, .oracle), .enabled(if: Fixture.available))
  func fixture() throws {
    let folder = TemporaryDirectory()
    let copy = try Fixture.copy("testrepo.git", into: folder)
    let shared = try sharedPrefixes(GitScript(existing: copy))
    try #require(shared.count >= 5, "\(shared)")
    let repository = try Repository(path: copy.path)

    for (prefix, count) in shared.sorted(by: { $0.key < $1.key }) {
      #expect(try repository.resolveCommit(prefix) == .ambiguous(candidates: count), "\(prefix)")
    }
  }
}
