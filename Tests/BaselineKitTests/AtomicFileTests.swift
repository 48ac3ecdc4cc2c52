import BaselineKit
import BaselineTestSupport
import Foundation
import Testing

@Suite("AtomicFile: whole files or nothing")
struct AtomicFileTests {
  @Test("writes a new file and replaces an old one, leaving no temporary file")
  func writesAndReplaces() throws {
    let folder = TemporaryDirectory()
    let target = folder.url.appendingPathComponent("report.json")
    try AtomicFile.write("first\n", to: target)
    #expect(try String(contentsOf: target, encoding: .utf8) == "first\n")
    try AtomicFile.write("second, and longer\n", to: target)
    #expect(try String(contentsOf: target, encoding: .utf8) == "second, and longer\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["report.json"])
  }

  @Test("fails when the folder does not exist, and creates nothing")
  func missingFolder() throws {
    let folder = TemporaryDirectory()
    let missing = folder.url.appendingPathComponent("missing")
    let target = missing.appendingPathComponent("report.json")
    #expect(throws: (any Error).self) { try AtomicFile.write("text", to: target) }
    #expect(!FileManager.default.fileExists(atPath: missing.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [])
  }

  @Test("fails without touching the target when it cannot be replaced, and cleans up")
  func cannotReplace() throws {
    let folder = TemporaryDirectory()
    try folder.write("report.json/keep.txt", "kept\n")
    let target = folder.url.appendingPathComponent("report.json")
    #expect(throws: (any Error).self) { try AtomicFile.write("text", to: target) }
    #expect(
      try String(contentsOf: target.appendingPathComponent("keep.txt"), encoding: .utf8) == "kept\n"
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["report.json"])
  }
}
