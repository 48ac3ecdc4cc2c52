import BaselineTestSupport
import Foundation
import Git
import Testing

@Suite("Resolving what an inventory reports as a commit")
struct ResolveCommitTests {
  /// A repository with two commits on `main`, a branch `release/1.0`, an annotated tag `1.0.0.0`
  /// on the first commit and a tag on a blob.
  private func makeRepository(in folder: TemporaryDirectory) throws -> (
    script: GitScript, first: ObjectID, second: ObjectID
  ) {
    var script = try GitScript(at: folder.url)
    let first = try script.commitID(script.commit("first"))
    try script.tag("1.0.0.0", message: "release")
    try script.run(["branch", "release/1.0"])
    let second = try script.commitID(script.commit("second"))
    try script.tag("key", "HEAD:app.txt", message: "a key")
    return (script, first, second)
  }

  @Test("a full id, upper or lower case, with spaces around it")
  func fullID() throws {
    let folder = TemporaryDirectory()
    let (_, first, _) = try makeRepository(in: folder)
    let repository = try Repository(path: folder.url.path)

    #expect(try repository.resolveCommit(first.hex) == .commit(first))
    #expect(try repository.resolveCommit(first.hex.uppercased()) == .commit(first))
    #expect(try repository.resolveCommit("  \(first.hex)\t") == .commit(first))
  }

  @Test("an abbreviated id of 4, 7 and 39 digits")
  func abbreviated() throws {
    let folder = TemporaryDirectory()
    let (script, first, second) = try makeRepository(in: folder)
    let repository = try Repository(path: folder.url.path)
    let shortest = try script.run(["rev-parse", "--short=4", first.hex])

    #expect(try repository.resolveCommit(shortest) == .commit(first))
    #expect(try repository.resolveCommit(second.short) == .commit(second))
    #expect(try repository.resolveCommit(String(second.hex.dropLast())) == .commit(second))
  }

  @Test("a branch, a nested branch, HEAD and a revision expression")
  func names() throws {
    let folder = TemporaryDirectory()
    let (_, first, second) = try makeRepository(in: folder)
    let repository = try Repository(path: folder.url.path)

    #expect(try repository.resolveCommit("main") == .commit(second))
    #expect(try repository.resolveCommit("release/1.0") == .commit(first))
    #expect(try repository.resolveCommit("HEAD") == .commit(second))
    #expect(try repository.resolveCommit("HEAD~1") == .commit(first))
  }

  @Test("an annotated tag, by name or by its object id, peels to its commit")
  func annotatedTag() throws {
    let folder = TemporaryDirectory()
    let (script, first, _) = try makeRepository(in: folder)
    let repository = try Repository(path: folder.url.path)
    let tagObject = try script.objectID("refs/tags/1.0.0.0")
    try #require(tagObject != first)

    #expect(try repository.resolveCommit(tagObject.hex) == .commit(first))
    #expect(try repository.resolveCommit(tagObject.short) == .commit(first))
    #expect(try repository.resolveCommit("1.0.0.0") == .commit(first))
  }

  @Test("nothing by that name or id is notFound")
  func notFound() throws {
    let folder = TemporaryDirectory()
    _ = try makeRepository(in: folder)
    let repository = try Repository(path: folder.url.path)

    #expect(try repository.resolveCommit("no-such-branch") == .notFound)
    #expect(try repository.resolveCommit("0000000000000000000000000000000000000001") == .notFound)
    #expect(try repository.resolveCommit("") == .notFound)
    #expect(try repository.resolveCommit("   ") == .notFound)
    #expect(try repository.resolveCommit("HEAD~5") == .notFound)
    #expect(try repository.resolveCommit("main..") == .notFound, "a range is no commit")
  }

  @Test("an abbreviated id that matches nothing is notFound")
  func unknownPrefix() throws {
    let folder = TemporaryDirectory()
    let (script, _, _) = try makeRepository(in: folder)
    let repository = try Repository(path: folder.url.path)
    let taken = Set(try script.allObjectIDs().map { String($0.prefix(7)) })
    let free = try #require(
      ["deadbee", "0000000", "fffffff", "1234567"].first { !taken.contains($0) })

    #expect(try repository.resolveCommit(free) == .notFound)
  }

  @Test("a blob, a tree and a tag on a blob are notACommit with their type")
  func notACommit() throws {
    let folder = TemporaryDirectory()
    let (script, _, _) = try makeRepository(in: folder)
    let repository = try Repository(path: folder.url.path)
    let blob = try script.objectID("HEAD:app.txt")
    let tree = try script.objectID("HEAD^{tree}")

    #expect(try repository.resolveCommit(blob.hex) == .notACommit(type: "blob"))
    #expect(try repository.resolveCommit(blob.short) == .notACommit(type: "blob"))
    #expect(try repository.resolveCommit(tree.hex) == .notACommit(type: "tree"))
    let keyTag = try repository.resolveCommit("key")
    #expect(keyTag != .notFound)
    guard case .notACommit = keyTag else {
      Issue.record("a tag on a blob resolved to \(keyTag)")
      return
    }
  }

  /// Known bug: when `git_object_lookup_prefix` fails with anything but "not found" or
  /// "ambiguous", `resolveCommit` reports the failure as `git_revparse_single`'s.
  @Test(
    "a corrupt object is an error that names the failing call, not a resolution")
  func corruptObject() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let id = try script.commitID(script.commit("first"))
    let file = folder.url.appendingPathComponent(
      ".git/objects/\(id.hex.prefix(2))/\(id.hex.dropFirst(2))")
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
    try Data("not zlib".utf8).write(to: file)
    let repository = try Repository(path: folder.url.path)

    let error = try #require(throws: GitError.self) { try repository.resolveCommit(id.hex) }

    #expect(error.path == folder.url.path)
    #expect(error.code == .other)
    #expect(error.message.isEmpty == false)
    #expect(error.function == "git_object_lookup_prefix")
  }

  @Test(
    "fixture testrepo.git: tags of tags, a taggerless tag and a blob tag",
    .tags(.fixture), .enabled(if: Fixture.available))
  func fixture() throws {
    let folder = TemporaryDirectory()
    let repository = try Repository(path: Fixture.copy("testrepo.git", into: folder).path)
    let commit2 = try #require(ObjectID(hex: "e90810b8df3e80c413d903f631643c716887138d"))
    let master = try #require(ObjectID(hex: "a65fedf39aefe402d3bb6e24df4d4f5fe4547750"))

    #expect(try repository.resolveCommit("test") == .commit(commit2))
    #expect(
      try repository.resolveCommit("b25fa35b38051e4ae45d4222e795f9df2e43f1d1") == .commit(commit2))
    #expect(try repository.resolveCommit("taggerless") == .commit(commit2))
    #expect(try repository.resolveCommit("wrapped_tag") == .commit(master))
    #expect(try repository.resolveCommit("master") == .commit(master))
    #expect(try repository.resolveCommit("point_to_blob") == .notACommit(type: "blob"))
    #expect(
      try repository.resolveCommit("1385f264afb75a56a5bec74243be9b367ba4ca08")
        == .notACommit(type: "blob"))
  }
}

@Suite("Resolving what an inventory may report: ids and branches only")
struct InventoryCommitSpellingTests {
  @Test("expressions the local clone would answer for itself are not taken")
  func expressionsRefused() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let first = try script.commit("DEF-1 first")
    let second = try script.commit("DEF-2 second")
    try script.tag("1.0.0.0")
    try script.run(["branch", "release/1.0"])
    let repository = try Repository(path: folder.url.path)
    let secondID = try #require(ObjectID(hex: second))
    #expect(try repository.resolveCommit(second, accepting: .idOrBranch) == .commit(secondID))
    #expect(
      try repository.resolveCommit(String(first.prefix(8)), accepting: .idOrBranch)
        == .commit(try #require(ObjectID(hex: first))))
    #expect(try repository.resolveCommit("main", accepting: .idOrBranch) == .commit(secondID))
    #expect(
      try repository.resolveCommit("release/1.0", accepting: .idOrBranch) == .commit(secondID))
    for expression in [
      "HEAD", "HEAD~1", "main@{1}", ":/DEF-1", "1.0.0.0", "refs/tags/1.0.0.0", "--all",
    ] {
      #expect(
        try repository.resolveCommit(expression, accepting: .idOrBranch) == .notFound,
        "\(expression)")
    }
    // The general form still takes them.
    #expect(try repository.resolveCommit("HEAD~1") == .commit(try #require(ObjectID(hex: first))))
  }
}
