import BaselineTestSupport
import Foundation
import Git
import Testing

/// Issue 13, second adversarial round: how a fetch lands in a mirror, against `git ls-remote`
/// of the same server.
@Suite("Mirror landing: renames, landings cut short, locks, give-ups, fetches at once")
struct MirrorLandingTests {
  @Test("x/y replaced by x on the server lands (deletions first), with the moves")
  func renamed() throws {
    let folder = TemporaryDirectory("landing-rename")
    var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
    try source.commit("first")
    try source.tag("rel/1.0.0")
    try source.run(["branch", "release/1.0"])
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    let mirror = try Repository.mirror(at: folder.path("mirror.git"))
    _ = try mirror.fetchMirror(from: daemon.url("src"))
    try source.run(["tag", "-d", "rel/1.0.0"])
    try source.run(["tag", "rel"])
    try source.run(["branch", "-D", "release/1.0"])
    try source.run(["branch", "release"])
    let changes = try mirror.fetchMirror(from: daemon.url("src"))
    #expect(changes.map(\.name) == ["rel", "rel/1.0.0"])
    #expect(
      try mirror.tagTargets().mapValues(\.hex)
        == (try MirrorFetchTests.remoteTags(daemon.url("src"))))
  }

  @Test("a landing cut short loses no move: the next fetch reports it, from its journal")
  func cutShort() throws {
    let folder = TemporaryDirectory("landing-cut")
    var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
    try source.commit("first")
    for tag in ["v1.0.0", "v1.0.1", "v1.0.2"] { try source.tag(tag, message: tag) }
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    let path = folder.path("mirror.git")
    let mirror = try Repository.mirror(at: path)
    _ = try mirror.fetchMirror(from: daemon.url("src"))
    try source.commit("second")
    for tag in ["v1.0.0", "v1.0.1", "v1.0.2"] {
      try source.run(["tag", "-f", "-a", "-m", "moved", tag, "HEAD"])
    }
    // What a landing killed after its first reference leaves: the journal of its changes,
    // and v1.0.0 moved already (its objects arrived with a fetch that was not landed).
    let old = try GitScript(existing: URL(fileURLWithPath: path)).run(["rev-parse", "v1.0.0"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(throws: GitError.self) {
      try mirror.fetchMirror(from: daemon.url("src"), mayLand: { false })
    }
    let new = try source.run(["rev-parse", "v1.0.0"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    try GitScript(existing: URL(fileURLWithPath: path)).run(["update-ref", "refs/tags/v1.0.0", new])
    try "v1.0.0 \(old) \(new)\n".write(
      toFile: path + "/baseline-landing", atomically: true, encoding: .utf8)
    let again = try mirror.fetchMirror(from: daemon.url("src"))
    #expect(again.map(\.name) == ["v1.0.0", "v1.0.1", "v1.0.2"], "every move, once landed")
    #expect(again.first?.old?.hex == old, "v1.0.0 from where it was before the cut-short landing")
    #expect(again.allSatisfy { $0.isMove })
    #expect(try mirror.fetchMirror(from: daemon.url("src")).isEmpty)
    // A stale lock file (a fetch killed while landing) is cleared, not a wall.
    try Data().write(to: URL(fileURLWithPath: path + "/refs/tags/v1.0.2.lock"))
    try source.run(["tag", "-f", "-a", "-m", "moved again", "v1.0.2", "HEAD~1"])
    #expect(try mirror.fetchMirror(from: daemon.url("src")).map(\.name) == ["v1.0.2"])
  }

  @Test("a fetch given up before it lands changes nothing; two fetches of one mirror take turns")
  func givenUpAndConcurrent() throws {
    let folder = TemporaryDirectory("landing-give-up")
    var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
    try source.commit("first")
    for index in 0..<300 { try source.run(["tag", "1.\(index).0.0"]) }
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    let path = folder.path("mirror.git")
    _ = try Repository.mirror(at: path)
    #expect(throws: GitError.self) {
      try Repository(path: path).fetchMirror(from: daemon.url("src"), mayLand: { false })
    }
    #expect(try Repository(path: path).tagTargets().isEmpty, "given up: nothing landed")
    let results = ResultBox()
    let url = daemon.url("src")
    DispatchQueue.concurrentPerform(iterations: 3) { _ in
      let outcome = Result { try Repository(path: path).fetchMirror(from: url) }
      results.add(outcome)
    }
    let counts = results.values.map { (try? $0.get().count) ?? -1 }.sorted()
    #expect(counts == [0, 0, 300], "one fetch adds every tag; the others find nothing to do")
    #expect(try Repository(path: path).tagTargets().count == 300)
  }
}

/// Results gathered from several threads.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [Result<[TagChange], any Error>] = []
  func add(_ value: Result<[TagChange], any Error>) { lock.withLock { stored.append(value) } }
  var values: [Result<[TagChange], any Error>] { lock.withLock { stored } }
}
