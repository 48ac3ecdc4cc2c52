import BaselineTestSupport
import Foundation
import Git
import Testing

/// Issue 13 (first part): bare mirrors fetched through libgit2 from a real `git daemon` on
/// loopback, held against `git ls-remote` of the same server in the same run.
@Suite("Mirrors fetched from git daemon on loopback")
struct MirrorFetchTests {
  /// The server's tags as `git ls-remote --tags` lists them (without peeled `^{}` lines).
  static func remoteTags(_ url: String) throws -> [String: String] {
    let listed = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/env"),
      arguments: ["git", "ls-remote", "--tags", url])
    var result: [String: String] = [:]
    for line in listed.stdout.split(separator: "\n") {
      let fields = line.split(separator: "\t")
      guard fields.count == 2, !fields[1].hasSuffix("^{}") else { continue }
      result[String(fields[1].dropFirst("refs/tags/".count))] = String(fields[0])
    }
    return result
  }

  @Test("first clone, nothing new, then a new tag, a force-moved tag and a deleted one")
  func fetches() throws {
    let folder = TemporaryDirectory("mirror")
    var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
    try source.commit("first")
    try source.tag("1.0.0.0", message: "release")
    try source.commit("second")
    try source.tag("1.0.0.1")
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    let mirror = try Repository.mirror(at: folder.path("mirrors/src.git"))
    #expect(mirror.isBare)
    let first = try mirror.fetchMirror(from: daemon.url("src"))
    #expect(first.map(\.name) == ["1.0.0.0", "1.0.0.1"])
    #expect(first.allSatisfy { $0.old == nil && $0.new != nil })
    #expect(try mirror.tagTargets().mapValues(\.hex) == (try Self.remoteTags(daemon.url("src"))))
    #expect(try mirror.fetchMirror(from: daemon.url("src")).isEmpty, "nothing new, nothing changed")
    let moved = try source.id("1.0.0.1")
    try source.commit("third")
    try source.tag("1.1.0.0", message: "next")
    try source.run(["tag", "-f", "1.0.0.1", "HEAD"])
    let deleted = try source.run(["rev-parse", "refs/tags/1.0.0.0"])
    try source.run(["tag", "-d", "1.0.0.0"])
    let second = try mirror.fetchMirror(from: daemon.url("src"))
    #expect(second.map(\.name) == ["1.0.0.0", "1.0.0.1", "1.1.0.0"])
    #expect(second[0].isDeletion && second[0].old?.hex == deleted)
    let head = try source.id("HEAD")
    #expect(second[1].isMove && second[1].old?.hex == moved && second[1].new?.hex == head)
    #expect(second[2].old == nil)
    #expect(try mirror.tagTargets().mapValues(\.hex) == (try Self.remoteTags(daemon.url("src"))))
    let branch = try GitScript(existing: folder.url.appendingPathComponent("mirrors/src.git"))
      .run(["rev-parse", "refs/heads/main"])
    #expect(branch == head)
  }

  @Test("a refused or unreachable fetch is an error that holds no secret of the URL")
  func failures() throws {
    let folder = TemporaryDirectory("mirror-fail")
    var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
    try source.commit("first")
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    let mirror = try Repository.mirror(at: folder.path("m.git"))
    for url in [
      daemon.url("missing"), "git://alice:S3CRET@127.0.0.1:\(daemon.port)/missing?token=S3CRET",
      "git://127.0.0.1:1/src", "http://bob:S3CRET@127.0.0.1:1/src.git",
    ] {
      do {
        _ = try mirror.fetchMirror(from: url)
        Issue.record("fetching \(url) succeeded")
      } catch {
        #expect(!error.description.contains("S3CRET"), "\(error.description)")
        #expect(error.description.contains("fetching "), "\(error.description)")
      }
    }
    #expect(try mirror.tagTargets().isEmpty)
  }
}
