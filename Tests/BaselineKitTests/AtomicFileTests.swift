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

  @Test("a replaced file keeps its mode, and its owner and group where the writer may set them")
  func keepsModeAndOwner() throws {
    let folder = TemporaryDirectory()
    let target = try folder.write("report.json", "old\n")
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
    let owned = getuid() == 0 && chown(target.path, 4321, 8765) == 0
    try AtomicFile.write("new\n", to: target)
    let info = try Self.status(target.path)
    #expect(info.st_mode & 0o7777 == 0o600)
    if owned {
      #expect(info.st_uid == 4321)
      #expect(info.st_gid == 8765)
    }
    #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")
  }

  @Test("through a symbolic link: the file it names is written, keeps its mode; the link stays")
  func throughLink() throws {
    let folder = TemporaryDirectory()
    let target = try folder.write("real/report.json", "old\n")
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
    let link = folder.url.appendingPathComponent("report.json")
    #expect(symlink("real/report.json", link.path) == 0)
    try AtomicFile.write("new\n", to: link)
    #expect(try Self.isLink(link.path))
    #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")
    #expect(try Self.status(target.path).st_mode & 0o7777 == 0o600)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path("real")) == [
        "report.json"
      ])
  }

  @Test("a dangling symbolic link: the file it names is created, and the link stays a link")
  func danglingLink() throws {
    let folder = TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: folder.path("real"), withIntermediateDirectories: true)
    let link = folder.url.appendingPathComponent("report.json")
    #expect(symlink("real/new.json", link.path) == 0)
    #expect(AtomicFile.problem(writing: link) == nil)
    try AtomicFile.write("new\n", to: link)
    #expect(try Self.isLink(link.path))
    #expect(try String(contentsOfFile: folder.path("real/new.json"), encoding: .utf8) == "new\n")
  }

  @Test("a loop of symbolic links is refused before and when writing, and stays as it was")
  func linkLoop() throws {
    let folder = TemporaryDirectory()
    let first = folder.url.appendingPathComponent("a.json")
    #expect(symlink("b.json", first.path) == 0)
    #expect(symlink("a.json", folder.path("b.json")) == 0)
    #expect(AtomicFile.problem(writing: first)?.contains("loop of symbolic links") == true)
    let error = #expect(throws: OutputError.self) { try AtomicFile.write("text", to: first) }
    #expect(error?.description.contains("a.json: cannot be written: is a loop") == true)
    #expect(try Self.isLink(first.path))
    #expect(try Self.isLink(folder.path("b.json")))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).count == 2)
  }

  @Test("a file with two hard links is refused: renaming would split them; both stay as they were")
  func hardLinks() throws {
    let folder = TemporaryDirectory()
    let target = try folder.write("report.json", "old\n")
    #expect(link(target.path, folder.path("backup.json")) == 0)
    #expect(AtomicFile.problem(writing: target)?.hasPrefix("has 2 hard links") == true)
    #expect(throws: OutputError.self) { try AtomicFile.write("new\n", to: target) }
    #expect(try String(contentsOf: target, encoding: .utf8) == "old\n")
    #expect(try Self.status(target.path).st_nlink == 2)
  }

  @Test("a FIFO that nothing reads is an error at once, not a wait for ever")
  func fifoWithoutReader() throws {
    let folder = TemporaryDirectory()
    let fifo = folder.path("report.fifo")
    #expect(mkfifo(fifo, 0o600) == 0)
    // Without the non-blocking open the write would wait for ever: a reader that comes after
    // five seconds turns that wait into a failed expectation instead of a hung test.
    let rescue = Thread {
      sleep(5)
      let reader = open(fifo, O_RDONLY | O_NONBLOCK)
      if reader >= 0 {
        sleep(1)
        close(reader)
      }
    }
    rescue.start()
    let error = #expect(throws: OutputError.self) {
      try AtomicFile.write("text", to: URL(fileURLWithPath: fifo))
    }
    #expect(error?.description.contains("is a FIFO that no process is reading") == true)
  }

  @Test("a FIFO with a reader is written in place")
  func fifoWithReader() throws {
    let folder = TemporaryDirectory()
    let fifo = folder.path("report.fifo")
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    #expect(reader >= 0)
    defer { close(reader) }
    try AtomicFile.write("through the pipe\n", to: URL(fileURLWithPath: fifo))
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = read(reader, &buffer, buffer.count)
    #expect(String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "through the pipe\n")
  }

  @Test("temporary files a killed writer left for this target are removed; no others")
  func staleTemporaries() throws {
    let folder = TemporaryDirectory()
    let dead = try Self.deadProcessID()
    let alive = getppid()
    let stale = [
      ".report.json.baseline-\(dead)-0123456789abcdef.tmp",
      ".report.json.\(dead)-\(UUID().uuidString).tmp",
    ]
    let kept = [
      ".report.json.baseline-\(alive)-0123456789abcdef.tmp",
      ".other.json.baseline-\(dead)-0123456789abcdef.tmp",
      ".report.json.baseline-\(dead)-0123456789abcdef.tmp.keep",
      ".report.json.baseline-\(dead)-notrandom.tmp",
      "report.json.baseline-\(dead)-0123456789abcdef.tmp",
    ]
    for name in stale + kept { try folder.write(name, String(repeating: "x", count: 1000)) }
    try AtomicFile.write("new\n", to: folder.url.appendingPathComponent("report.json"))
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
    #expect(Set(left) == Set(kept + ["report.json"]))
  }

  @Test("a closed gate writes nothing: the previous file stays, no temporary file is left")
  func closedGate() throws {
    let folder = TemporaryDirectory()
    let target = try folder.write("report.json", "previous\n")
    let gate = OutputGate()
    #expect(gate.close())
    #expect(!gate.close())
    let error = #expect(throws: OutputError.self) {
      try AtomicFile.write("new\n", to: target, gate: gate)
    }
    #expect(error?.description.contains("interrupted") == true)
    #expect(try String(contentsOf: target, encoding: .utf8) == "previous\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["report.json"])
  }

  /// `lstat` of `path`.
  static func status(_ path: String) throws -> stat {
    var info = stat()
    guard lstat(path, &info) == 0 else { throw POSIXError(.ENOENT) }
    return info
  }

  /// Whether `path` is a symbolic link.
  static func isLink(_ path: String) throws -> Bool {
    try status(path).st_mode & S_IFMT == S_IFLNK
  }

  /// The id of a process that has just ended (and been reaped).
  static func deadProcessID() throws -> pid_t {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }
}
