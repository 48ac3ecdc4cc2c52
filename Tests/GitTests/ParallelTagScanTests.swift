import BaselineTestSupport
import Foundation
import Testing

@testable import Git

/// The tag scan read on several cores (each share through its own handle) against the same
/// scan read in order: the same tags, the same warnings in the same order, and the same first
/// error on a damaged repository; and, past the size where it starts, against git.
@Suite("Tag scan on several cores", .tags(.oracle))
struct ParallelTagScanTests {
  /// Both readings of the repository at `path`: in order, and in shares from the first tag.
  static func bothWays(_ path: String) -> (
    serial: Result<TagScan, GitError>, parallel: Result<TagScan, GitError>
  ) {
    func scan(_ minimum: Int) -> Result<TagScan, GitError> {
      do {
        return .success(try Repository(path: path).tags(parallelFrom: minimum))
      } catch {
        return .failure(error)
      }
    }
    return (scan(.max), scan(1))
  }

  @Test("57 tags of every kind, loose and packed: shares give the scan read in order")
  func everyKind() throws {
    let folder = TemporaryDirectory()
    let script = try TagIndexOracleTests.manyTags(at: folder.url)
    for packed in [false, true] {
      if packed { try script.run(["pack-refs", "--all"]) }
      let (serial, parallel) = Self.bothWays(folder.url.path)
      let inOrder = try serial.get()
      let inShares = try parallel.get()
      #expect(inShares.tags == inOrder.tags)
      #expect(inShares.tags.map(\.committed) == inOrder.tags.map(\.committed))
      #expect(inShares.warnings == inOrder.warnings)
      #expect(inOrder.tags.count == 54 && inOrder.warnings.count == 4)
    }
  }

  @Test("a damaged object in any share is the error the reading in order gives first")
  func damagedShares() throws {
    // Each tagged commit in turn made unreadable: early, middle and late in reference order.
    for victim in ["1.0.1.0", "1.2.2.0", "comp/1.4.4.0", "HEAD"] {
      let folder = TemporaryDirectory()
      let script = try TagIndexOracleTests.manyTags(at: folder.url)
      let commit = try script.run(["rev-parse", "\(victim)^{commit}"])
      let file = folder.url.path + "/.git/objects/\(commit.prefix(2))/\(commit.dropFirst(2))"
      chmod(file, 0o644)
      try FileManager.default.removeItem(atPath: file)
      let (serial, parallel) = Self.bothWays(folder.url.path)
      guard case .failure(let first) = serial, case .failure(let shared) = parallel else {
        Issue.record("a missing commit (\(victim)) was read as a scan")
        continue
      }
      #expect(first.code == .missingObject)
      #expect(shared.code == first.code && shared.message == first.message, "\(victim)")
    }
  }

  @Test("4,200 tags, past the size where shares start: every tag as git for-each-ref lists it")
  func pastTheThreshold() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    var commits: [String] = []
    for index in 0..<20 { commits.append(try script.commit("change \(index)")) }
    for index in 0..<20 { try script.tag("2.0.\(index).0", commits[index], message: "release") }
    let lines = (0..<4_180).map {
      "create refs/tags/1.\($0 / 100).\($0 % 100).0 \(commits[$0 % 20])"
    }
    let update = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/git"),
      arguments: ["-C", folder.url.path, "update-ref", "--stdin"],
      input: Data((lines.joined(separator: "\n") + "\n").utf8))
    try #require(update.status == 0, "\(update.stderr)")
    try #require(4_200 >= Repository.parallelTagScan)

    let scan = try Repository(path: folder.url.path).tags()
    let listed = try script.run([
      "for-each-ref", "--format=%(refname:strip=2) %(*objectname) %(objectname)", "refs/tags",
    ]).split(separator: "\n").map { line in
      let fields = line.split(separator: " ", omittingEmptySubsequences: false)
      return "\(fields[0]) \(fields[1].isEmpty ? fields[2] : fields[1])"
    }
    #expect(scan.tags.map { "\($0.name) \($0.commit.hex)" }.sorted() == listed.sorted())
    #expect(scan.tags.count == 4_200 && scan.warnings.isEmpty)
    #expect(scan.tags.filter { $0.kind == .annotated }.count == 20)
  }
}
