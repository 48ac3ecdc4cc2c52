import BaselineTestSupport
import Foundation
import Git
import Testing

/// The cheap first step of the patch-id comparison (`Repository.pathsKey(of:)`,
/// `changedPaths(of:)`) against `git diff-tree` on the same commits, and the full step's
/// inputs: libgit2's patch-id covers paths, and `changedLinesID(of:)` ignores context.
@Suite("Changed paths against git diff-tree", .tags(.oracle))
struct ChangedPathsOracleTests {
  /// FNV-1a 64 over paths each ended by a zero byte: the key's definition, written again.
  static func key(_ paths: [String]) -> UInt64? {
    guard !paths.isEmpty else { return nil }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for path in paths {
      for byte in Array(path.utf8) + [0]
      where byte == 0 || !" \t\n\u{0B}\u{0C}\r".utf8.contains(byte) {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      }
    }
    return hash
  }

  /// The root key's definition, written again: FNV-1a 64 over the distinct top-level names
  /// of the changed paths, whitespace left out, sorted bytewise, each ended by a zero byte.
  static func rootKey(_ paths: [String]) -> UInt64? {
    let names = Set(
      paths.map { path in
        Array(path.split(separator: "/", maxSplits: 1)[0].utf8).filter {
          !" \t\n\u{0B}\u{0C}\r".utf8.contains($0)
        }
      })
    guard !names.isEmpty else { return nil }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      for byte in name + [0] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
    return hash
  }

  /// Every non-merge commit of `directory`: our paths and key against git's, path for path.
  static func compareEveryCommit(in directory: URL) throws -> Int {
    let git = GitScript(existing: directory)
    let repository = try Repository(path: directory.path)
    let ids = try git.run(["rev-list", "--all", "--no-merges"]).split(separator: "\n")
    for text in ids {
      let id = try #require(ObjectID(hex: String(text)))
      let listed = try git.run([
        "diff-tree", "-r", "--root", "--no-commit-id", "--name-only", "--no-renames", "-z",
        "--no-ext-diff", String(text),
      ])
      let expected = listed.split(separator: "\0").map(String.init).filter { !$0.isEmpty }
      #expect(try repository.changedPaths(of: id) == expected, "\(text)")
      #expect(try repository.pathsKey(of: id) == key(expected), "\(text)")
      #expect(try repository.rootKey(of: id) == rootKey(expected), "\(text)")
    }
    return ids.count
  }

  @Test("additions, removals, folders replaced by files, modes, links and deep trees")
  func madeHistory() throws {
    let folder = TemporaryDirectory("paths")
    var git = try GitScript(at: folder.url)
    try git.commit("root", file: "a.txt")
    try git.commit("deep", file: "x/y/z/deep.txt")
    try git.commit("sibling", file: "x/y-z.txt")
    try git.commit("dot", file: "x/y.txt")
    try git.run(["rm", "-q", "-r", "x/y"])
    try git.commit("folder gone, file added", file: "x/y", content: "now a file\n")
    try git.run(["update-index", "--chmod=+x", "a.txt"])
    try git.run(["commit", "-q", "-m", "mode only"])
    try FileManager.default.createSymbolicLink(
      atPath: folder.url.appendingPathComponent("link").path, withDestinationPath: "a.txt")
    try git.run(["add", "link"])
    try git.run(["commit", "-q", "-m", "a link"])
    try git.run(["rm", "-q", "x/y"])
    try git.commit("file gone, folder back", file: "x/y/again.txt")
    try git.run(["commit", "-q", "--allow-empty", "-m", "nothing"])
    #expect(try Self.compareEveryCommit(in: folder.url) == 9)
    let empty = try #require(ObjectID(hex: try git.id("HEAD")))
    #expect(try Repository(path: folder.url.path).pathsKey(of: empty) == nil)
    #expect(try Repository(path: folder.url.path).rootKey(of: empty) == nil)
  }

  @Test(
    "every commit of libgit2's own fixtures",
    arguments: [
      "testrepo.git", "attr", "renames", "merge-recursive", "rebase-submodule", "cherrypick",
      "revwalk.git",
    ])
  func fixtures(name: String) throws {
    try #require(Fixture.available)
    let folder = TemporaryDirectory("fixture")
    let copy = try Fixture.copy(name, into: folder)
    #expect(try Self.compareEveryCommit(in: copy) > 0)
  }

  @Test("libgit2's patch-id covers paths; changed lines ignore context, not content")
  func patchIDsAndLines() throws {
    let folder = TemporaryDirectory("lines")
    var git = try GitScript(at: folder.url)
    let body = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"
    try git.commit("base", file: "a.txt", content: body)
    try git.commit("base b", file: "b.txt", content: body)
    let inA = try git.commit(
      "fix a", file: "a.txt", content: body.replacingOccurrences(of: "line 6\n", with: "line six\n")
    )
    let inB = try git.commit(
      "fix b", file: "b.txt", content: body.replacingOccurrences(of: "line 6\n", with: "line six\n")
    )
    // The same change again on a file whose context differs.
    try git.commit(
      "context", file: "c.txt",
      content: body.replacingOccurrences(of: "line 5\n", with: "line 5 changed\n"))
    try git.run(["checkout", "-q", "-b", "other", "HEAD~3"])
    try git.commit(
      "context in a", file: "a.txt",
      content: body.replacingOccurrences(of: "line 5\n", with: "line five\n"))
    let shifted = try git.commit(
      "fix a again", file: "a.txt",
      content: body.replacingOccurrences(of: "line 5\n", with: "line five\n").replacingOccurrences(
        of: "line 6\n", with: "line six\n"))
    let other = try git.commit(
      "another fix", file: "a.txt",
      content: body.replacingOccurrences(of: "line 5\n", with: "line five\n").replacingOccurrences(
        of: "line 6\n", with: "line SIX\n"))
    let repository = try Repository(path: folder.url.path)
    func id(_ text: String) throws -> ObjectID { try #require(ObjectID(hex: text)) }
    // Same lines, other file: patch-ids and keys differ (so the key may filter first).
    #expect(try repository.patchID(of: id(inA)) != repository.patchID(of: id(inB)))
    #expect(try repository.pathsKey(of: id(inA)) != repository.pathsKey(of: id(inB)))
    // Same lines, same file, other context: patch-ids differ, changed lines agree.
    #expect(try repository.patchID(of: id(inA)) != repository.patchID(of: id(shifted)))
    #expect(try repository.pathsKey(of: id(inA)) == repository.pathsKey(of: id(shifted)))
    #expect(
      try repository.changedLinesID(of: id(inA)) == repository.changedLinesID(of: id(shifted)))
    // Another added line: changed lines differ.
    #expect(try repository.changedLinesID(of: id(inA)) != repository.changedLinesID(of: id(other)))
  }
}
