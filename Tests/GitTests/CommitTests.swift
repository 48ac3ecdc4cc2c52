import BaselineTestSupport
import Foundation
import Git
import Testing

@Suite("Reading commits")
struct CommitTests {
  private let developer = "Dev Eloper"
  private let email = "dev@example.org"

  @Test("summary, author, committer, date and +0900 offset of a root commit")
  func rootCommit() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    script.zone = "+0900"
    let committedAt = script.clock
    let id = try script.commitID(script.commit("DEF-101 first build"))

    let commit = try Repository(path: folder.url.path).commit(id)

    #expect(commit.id == id)
    #expect(commit.summary == "DEF-101 first build")
    #expect(commit.author == signature(developer, email, committedAt, 540))
    #expect(commit.committer == signature(developer, email, committedAt, 540))
    #expect(commit.committer.date == Date(timeIntervalSince1970: 1_767_225_600))
    #expect(commit.parents == [])
  }

  @Test("author and committer differ; a negative offset (-0130) is -90 minutes")
  func authorAndCommitter() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let parent = try script.commitID(script.commit("first"))
    try folder.write("app.txt", "changed\n")
    try script.run(["add", "app.txt"])
    try script.run(
      ["commit", "-q", "-m", "DEF-301 emergency fix", "-m", "Long explanation.\nMore."],
      environment: [
        "GIT_AUTHOR_NAME": "Ann Author", "GIT_AUTHOR_EMAIL": "ann@example.org",
        "GIT_AUTHOR_DATE": "@1700000000 -0130",
      ])
    let id = try script.commitID("HEAD")

    let commit = try Repository(path: folder.url.path).commit(id)

    #expect(commit.summary == "DEF-301 emergency fix")
    #expect(commit.author == signature("Ann Author", "ann@example.org", 1_700_000_000, -90))
    #expect(commit.committer == signature(developer, email, script.clock, 0))
    #expect(commit.parents == [parent])
  }

  @Test("a merge lists its parents first parent first")
  func mergeParents() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    try script.commit("base")
    try script.run(["checkout", "-q", "-b", "side"])
    let side = try script.commitID(script.commit("side", file: "side.txt"))
    try script.run(["checkout", "-q", "main"])
    let main = try script.commitID(script.commit("main"))
    try script.run(["merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side"])
    let merge = try script.commitID("HEAD")

    let commit = try Repository(path: folder.url.path).commit(merge)

    #expect(commit.parents == [main, side])
    #expect(commit.summary == "Merge branch 'side'")
  }

  @Test("G10: dates are instants; the offsets are kept as written", .tags(.fieldCase))
  func timeZones() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    script.clock = 1_767_286_800  // 2026-01-02 02:00 +09:00 is 2026-01-01 17:00 UTC
    script.zone = "+0900"
    let early = try script.commitID(script.commit("1.0.1.2"))
    script.clock = 1_767_311_100  // 2026-01-01 23:45 +00:00, "the evening before" locally
    script.zone = "+0000"
    let late = try script.commitID(script.commit("1.0.1.3"))
    let repository = try Repository(path: folder.url.path)

    let first = try repository.commit(early)
    let second = try repository.commit(late)

    #expect(first.committer.utcOffsetMinutes == 540)
    #expect(second.committer.utcOffsetMinutes == 0)
    #expect(first.committer.date == Date(timeIntervalSince1970: 1_767_286_800))
    #expect(second.committer.date == Date(timeIntervalSince1970: 1_767_311_100))
    #expect(first.committer.date < second.committer.date)
  }

  @Test("a blob id or an id of nothing is notFound")
  func notACommit() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    try script.commit("first")
    let repository = try Repository(path: folder.url.path)
    let blob = try script.objectID("HEAD:app.txt")
    let nothing = try #require(ObjectID(hex: "0123456789abcdef0123456789abcdef01234567"))

    let blobError = try #require(throws: GitError.self) { try repository.commit(blob) }
    let missingError = try #require(throws: GitError.self) { try repository.commit(nothing) }

    #expect(blobError.code == .notFound)
    #expect(blobError.function == "git_commit_lookup")
    #expect(blobError.path == folder.url.path)
    #expect(missingError.code == .notFound)
    #expect(missingError.function == "git_commit_lookup")
  }

  @Test(
    "fixture testrepo.git: every commit agrees with git log", .tags(.fixture, .oracle),
    .enabled(if: Fixture.available))
  func fixture() throws {
    let folder = TemporaryDirectory()
    let copy = try Fixture.copy("testrepo.git", into: folder)
    let format = ["%H", "%P", "%an", "%ae", "%ad", "%cn", "%ce", "%cd", "%s", "end"]
    let log = try GitScript(existing: copy).run([
      "log", "--all", "--date=raw", "--format=" + format.joined(separator: "%x1f"),
    ])
    let repository = try Repository(path: copy.path)
    let malformed = try #require(ObjectID(hex: "258f0e2a959a364e40ed6603d5d44fbb24765b10"))
    var checked = 0

    for line in log.split(separator: "\n") {
      let field = line.split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
      try #require(field.count == format.count)
      let id = try #require(ObjectID(hex: field[0]))
      let commit = try repository.commit(id)
      #expect(commit.id == id)
      #expect(commit.parents.map(\.hex) == field[1].split(separator: " ").map(String.init))
      #expect(commit.summary == field[8], "\(id)")
      checked += 1
      guard id != malformed else { continue }
      #expect(commit.author == (try gitSignature(field[2], field[3], field[4])), "\(id)")
      #expect(commit.committer == (try gitSignature(field[5], field[6], field[7])), "\(id)")
    }
    #expect(checked == 15)

    // `author <Yu V. Bin Haacked> <foo@example.com>`: git takes the first <...> as the e-mail
    // (name "", e-mail "Yu V. Bin Haacked"); libgit2 takes the last, which reads better.
    let haacked = signature("Yu V. Bin Haacked", "foo@example.com", 1_323_847_743, 60)
    #expect(try repository.commit(malformed).author == haacked)
    #expect(try repository.commit(malformed).committer == haacked)

    let master = try repository.commit(
      try #require(ObjectID(hex: "a65fedf39aefe402d3bb6e24df4d4f5fe4547750")))
    #expect(master.summary == "")
    #expect(master.author == signature("Scott Chacon", "schacon@gmail.com", 1_312_943_626, -420))
  }

  /// A signature from `git log --date=raw` fields: name, e-mail and `seconds ±hhmm`.
  private func gitSignature(_ name: String, _ email: String, _ raw: String) throws -> Signature {
    let parts = raw.split(separator: " ")
    try #require(parts.count == 2)
    let seconds = try #require(Int(parts[0]))
    let hours = try #require(Int(parts[1].dropFirst().prefix(2)))
    let minutes = try #require(Int(parts[1].suffix(2)))
    let sign = parts[1].hasPrefix("-") ? -1 : 1
    return signature(name, email, seconds, sign * (hours * 60 + minutes))
  }
}
