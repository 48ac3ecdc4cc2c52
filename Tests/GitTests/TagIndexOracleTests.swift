import BaselineTestSupport
import Foundation
import Git
import Testing

/// The tag index compared with what `git for-each-ref` says about the same repository, and
/// the same repository read before and after `git pack-refs --all`.
@Suite("Tag index against git", .tags(.oracle))
struct TagIndexOracleTests {
  /// Builds a repository with 57 tags of every kind: annotated and lightweight releases,
  /// component-prefixed names, tags of tags, tags on a blob and a tree, a G7 tag, a taggerless
  /// tag, and tags made in three time zones.
  static func manyTags(at directory: URL) throws -> GitScript {
    var script = try GitScript(at: directory)
    for index in 1...24 {
      script.zone = ["+0000", "+0900", "-0130"][index % 3]
      try script.commit("change \(index)", file: "file\(index % 4).txt")
      let version = "1.\(index / 5).\(index % 5).0"
      if index.isMultiple(of: 2) {
        try script.tag(version, message: "release \(version)")
      } else {
        try script.tag(version)
      }
      try script.tag("comp/\(version)", message: "component release \(version)")
    }
    try script.tag("promoted/1.2.0.0", "1.2.0.0", message: "promoted")
    try script.tag("approved/1.2.0.0", "promoted/1.2.0.0", message: "approved")
    try script.tag("key", "HEAD:file0.txt", message: "a public key")
    try script.tag("key-light", "HEAD:file1.txt")
    try script.tag("tree", "HEAD^{tree}")
    try script.tag("v1.2.0.0-rc1", "HEAD~3", message: "candidate")
    try script.run(["update-ref", "refs/tags/v1.2.0.0", script.run(["rev-parse", "v1.2.0.0-rc1"])])
    let commit = try script.id("HEAD~5")
    let object = directory.appendingPathComponent(".git/old-tag")
    try Data("object \(commit)\ntype commit\ntag 0.9.0.0\n\nold\n".utf8).write(to: object)
    let taggerless = try script.run(["hash-object", "-t", "tag", "-w", object.path])
    try script.run(["update-ref", "refs/tags/0.9.0.0", taggerless])
    try script.tag("0.8.0.0", "HEAD~7", message: "old and light")
    return script
  }

  /// Checks one repository's tag index against git's.
  private func expectAgreement(_ script: GitScript, path: String) throws {
    let oracle = try GitTagIndex(reading: script)
    let scan = try Repository(path: path).tags()

    #expect(scan.tags == oracle.tags)
    // The committer date read from each commit's bytes during the scan is git's.
    let commits = Set(scan.tags.map(\.commit.hex)).sorted()
    let dates = try script.run(["log", "--no-walk=unsorted", "--format=%H %ct"] + commits)
    var committed: [String: Date] = [:]
    for line in dates.split(separator: "\n") {
      let field = line.split(separator: " ")
      committed[String(field[0])] = Date(timeIntervalSince1970: try #require(Double(field[1])))
    }
    #expect(committed.count == commits.count)
    for tag in scan.tags {
      #expect(tag.committed == committed[tag.commit.hex], "committer date of tag \(tag.name)")
    }
    let warned = Set(scan.warnings.map(\.tag))
    #expect(warned == oracle.skipped.union(oracle.renamed))
    #expect(scan.warnings.count == warned.count, "one warning per tag")
    #expect(oracle.tags.count + oracle.skipped.count > 0, "the oracle read something")
  }

  @Test("a repository with 57 tags of every kind agrees with git for-each-ref")
  func builtRepository() throws {
    let folder = TemporaryDirectory()
    let script = try Self.manyTags(at: folder.url)
    let oracle = try GitTagIndex(reading: script)
    try #require(oracle.tags.count + oracle.skipped.count == 57)
    #expect(oracle.skipped == ["key", "key-light", "tree"])
    #expect(oracle.renamed == ["v1.2.0.0"])
    #expect(oracle.tags.map(\.depth).max() == 3)
    #expect(oracle.tags.contains { $0.kind == .annotated && $0.tagger == nil })

    try expectAgreement(script, path: folder.url.path)
  }

  @Test(
    "testrepo.git and testrepo (.gitted) agree with git for-each-ref",
    .tags(.fixture), .enabled(if: Fixture.available), arguments: ["testrepo.git", "testrepo"])
  func fixture(name: String) throws {
    let folder = TemporaryDirectory()
    let copy = try Fixture.copy(name, into: folder)

    try expectAgreement(GitScript(existing: copy), path: copy.path)
  }

  @Test(
    "G2: the same repository before and after git pack-refs --all gives the identical index",
    .tags(.fieldCase))
  func packRefs() throws {
    let folder = TemporaryDirectory()
    let script = try Self.manyTags(at: folder.url)
    let loose = try Repository(path: folder.url.path).tags()

    try script.run(["pack-refs", "--all"])
    let packedRefs = try String(
      contentsOf: folder.url.appendingPathComponent(".git/packed-refs"), encoding: .utf8)
    try #require(packedRefs.contains("\n^"), "annotated tags appear with ^<commit> lines")
    let looseFiles = try FileManager.default.subpathsOfDirectory(
      atPath: folder.path(".git/refs/tags")
    ).filter { !isDirectory(folder.path(".git/refs/tags/\($0)")) }
    try #require(looseFiles == [], "every tag is packed")
    let packed = try Repository(path: folder.url.path).tags()

    #expect(packed.tags == loose.tags)
    #expect(packed.warnings == loose.warnings)
    #expect(packed.tags.count == 54)
    try expectAgreement(script, path: folder.url.path)
  }

  @Test(
    "G2 on testrepo.git: packing its loose tags changes nothing", .tags(.fieldCase, .fixture),
    .enabled(if: Fixture.available))
  func packRefsFixture() throws {
    let folder = TemporaryDirectory()
    let copy = try Fixture.copy("testrepo.git", into: folder)
    let loose = try Repository(path: copy.path).tags()

    try GitScript(existing: copy).run(["pack-refs", "--all"])
    let packed = try Repository(path: copy.path).tags()

    #expect(packed.tags == loose.tags)
    #expect(packed.warnings == loose.warnings)
    #expect(packed.tags.count == 5)
  }

  private func isDirectory(_ path: String) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &directory)
      && directory.boolValue
  }
}
