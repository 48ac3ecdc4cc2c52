import BaselineTestSupport
import Foundation
import Git
import Testing

/// A bill of materials' raw facts against git on the same repositories: every file of a tree
/// (`Repository.files(of:under:)`) against `git ls-tree -r -l`, and each file's last change
/// (`Repository.lastChanges(of:from:)`) against `git log -1 -- <path>`.
@Suite("Tree files and last changes against git", .tags(.oracle))
struct TreeFilesOracleTests {
  /// Compares everything at `revision` of `directory`; returns how many files were compared.
  static func compare(in directory: URL, at revision: String, folder: String? = nil) throws -> Int {
    let git = GitScript(existing: directory)
    let repository = try Repository(path: directory.path)
    let head = try #require(ObjectID(hex: try git.id(revision)))
    let files = try repository.files(of: head, under: folder)
    let listing = try git.run(
      ["ls-tree", "-r", "-l", "-z", "--full-tree", revision] + (folder.map { ["--", $0] } ?? []))
    let expected = listing.split(separator: "\0").map { line -> String in
      // `<mode> <type> <id> <size>\t<path>`, the size padded: normalise the spaces.
      let parts = line.split(separator: "\t", maxSplits: 1)
      let fields = parts[0].split(separator: " ", omittingEmptySubsequences: true)
      return "\(fields[0]) \(fields[2]) \(fields[3]) \(parts[1])"
    }
    let ours = files.map { "\($0.modeText) \($0.id) \($0.size.map(String.init) ?? "-") \($0.path)" }
    #expect(ours == expected)
    let changes = try repository.lastChanges(of: files, from: head)
    // Split over two and three handles, the answer is the same.
    for count in [1, 2] {
      let helpers = try (0..<count).map { _ in try Repository(path: directory.path) }
      #expect(try repository.lastChanges(of: files, from: head, helpedBy: helpers) == changes)
    }
    for (file, change) in zip(files, changes) {
      let logged = try git.run(["log", "-1", "--format=%H", revision, "--", file.path])
      #expect(change?.hex == logged, "\(file.path)")
    }
    return files.count
  }

  @Test("folders, modes, links, a folder replaced, content restored, a merge from a side branch")
  func madeHistory() throws {
    let folder = TemporaryDirectory("bom")
    var git = try GitScript(at: folder.url)
    try git.commit("root", file: "a.txt")
    try git.commit("deep", file: "x/y/z/deep.txt")
    try git.commit("sibling", file: "x/y-z.txt")
    try git.commit("kept", file: "keep/never.txt")
    try git.run(["update-index", "--chmod=+x", "a.txt"])
    try git.run(["commit", "-q", "-m", "mode only"])
    try FileManager.default.createSymbolicLink(
      atPath: folder.url.appendingPathComponent("link").path, withDestinationPath: "a.txt")
    try git.run(["add", "link"])
    try git.run(["commit", "-q", "-m", "a link"])
    try git.commit("v1", file: "b.txt", content: "one\n")
    try git.commit("v2", file: "b.txt", content: "two\n")
    try git.commit("back to v1", file: "b.txt", content: "one\n")
    try git.run(["checkout", "-q", "-b", "side", "HEAD~2"])
    try git.commit("side change", file: "x/y/z/deep.txt", content: "side\n")
    try git.commit("side other", file: "side.txt")
    try git.run(["checkout", "-q", "main"])
    try git.commit("main change", file: "x/y-z.txt", content: "main\n")
    try git.run(["merge", "-q", "--no-ff", "-m", "merge side", "side"])
    git.clock += 60
    try git.commit("after merge", file: "c.txt")
    #expect(try Self.compare(in: folder.url, at: "HEAD") == 8)
    #expect(try Self.compare(in: folder.url, at: "HEAD", folder: "x/y") == 1)
    #expect(try Self.compare(in: folder.url, at: "HEAD~3") == 6)
    let repository = try Repository(path: folder.url.path)
    let head = try #require(ObjectID(hex: try git.id("HEAD")))
    #expect(try repository.files(of: head, under: "missing").isEmpty)
    #expect(try repository.files(of: head, under: "a.txt").isEmpty)
    #expect(try repository.contents(of: "b.txt", at: head) == Data("one\n".utf8))
    #expect(try repository.contents(of: "x", at: head) == nil)
    #expect(try repository.contents(of: "nothing", at: head) == nil)
  }

  @Test(
    "libgit2's own fixtures", arguments: ["testrepo.git", "attr", "renames", "merge-recursive"])
  func fixtures(name: String) throws {
    try #require(Fixture.available)
    let folder = TemporaryDirectory("fixture")
    let copy = try Fixture.copy(name, into: folder)
    #expect(try Self.compare(in: copy, at: "HEAD") > 0)
  }
}

/// Names and URLs as Baseline prints them.
@Suite("Tree file names and remote URLs as printed")
struct PrintedNamesTests {
  @Test("a name that is no UTF-8 keeps its bytes distinct, escaped")
  func nonUTF8Names() throws {
    let id = try #require(ObjectID(hex: String(repeating: "a", count: 40)))
    let e9 = TreeFile(
      pathBytes: Array("lat1".utf8) + [0xE9] + Array(".txt".utf8), id: id, mode: 0o100644, size: 1)
    let e8 = TreeFile(
      pathBytes: Array("lat1".utf8) + [0xE8] + Array(".txt".utf8), id: id, mode: 0o100644, size: 1)
    #expect(e9.path == #"lat1\x{e9}.txt"#)
    #expect(e9.path != e8.path)
    let accented = TreeFile(pathBytes: Array("café/ü.txt".utf8), id: id, mode: 0o100644, size: 1)
    #expect(accented.path == "café/ü.txt")
  }
}
