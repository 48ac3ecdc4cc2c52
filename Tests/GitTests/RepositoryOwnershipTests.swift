import BaselineTestSupport
import Foundation
import Git
import Testing

/// Case G1: a repository that belongs to another user (a CI container running as root over a
/// mounted checkout).
///
/// `GitLibrary.setOwnerValidation(_:)` is process-wide, so the opt-out is exercised inside one
/// test that turns the check back on before it returns, and no other test in this target opens
/// a repository owned by someone else.
@Suite("Repositories owned by another user (G1)", .tags(.fieldCase))
struct RepositoryOwnershipTests {
  @Test(
    "a foreign-owned repository is refused with .ownership and safe.directory, unless the check is off",
    .enabled(if: Command.isRoot, "only root can give a repository to another user"))
  func foreignOwner() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url.appendingPathComponent("checkout"))
    let head = try script.commit("first")
    try script.tag("1.0.0.0", message: "release 1.0.0.0")
    let path = script.directory.path
    let owner = try Command.run("/bin/chown", ["-R", "65534:65534", path])
    try #require(owner.status == 0)

    let refused = try #require(throws: GitError.self) { try Repository(path: path) }

    #expect(refused.code == .ownership)
    #expect(refused.path == path)
    #expect(refused.message.contains("safe.directory"))
    #expect(refused.message.contains("git config --global --add safe.directory \(path)"))
    #expect(refused.message.contains("owned by another user"))

    GitLibrary.setOwnerValidation(false)
    let opened = Result { () throws(GitError) in try Repository(path: path).tags() }
    GitLibrary.setOwnerValidation(true)

    let scan = try opened.get()
    #expect(scan.tags.map(\.name) == ["1.0.0.0"])
    #expect(scan.tags.first?.commit == ObjectID(hex: head))

    let refusedAgain = try #require(throws: GitError.self) { try Repository(path: path) }
    #expect(refusedAgain.code == .ownership, "the check is on again")
  }

  @Test("a repository owned by the current user opens with the check on")
  func ownRepository() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    try script.commit("first")

    #expect(try Repository(path: folder.url.path).headBranch == "main")
  }
}
