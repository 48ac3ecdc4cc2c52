import BaselineTestSupport
import Foundation
import Testing

/// The one process runner of the tests reads both pipes at once, and writes standard input
/// while it reads: a program that fills one pipe while the test waits on another would block
/// both forever. Each program runs under `timeout`, so a runner that blocks fails the test
/// (exit 124) instead of hanging it.
@Suite("CommandRun, the tests' process runner")
struct CommandRunTests {
  static let size = 1_536 * 1_024  // more than 1 MiB: far beyond a pipe's 64 KiB buffer

  static func shell(_ script: String, input: Data? = nil) throws -> CommandRun {
    try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/timeout"),
      arguments: ["30", "/bin/sh", "-c", script], input: input)
  }

  @Test("a script still open for writing for an instant runs once it is closed")
  func busyScript() throws {
    let folder = TemporaryDirectory("command-run")
    let script = folder.url.appendingPathComponent("script")
    try Data("#!/bin/sh\necho ran\n".utf8).write(to: script)
    chmod(script.path, 0o755)
    let writer = open(script.path, O_WRONLY)
    #expect(writer >= 0)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { close(writer) }
    let run = try CommandRun.run(executable: script, arguments: [])
    #expect(run.stdout == "ran\n")
  }

  @Test("more than 1 MiB on standard error before anything on standard output")
  func errorsFirst() throws {
    let run = try Self.shell("head -c \(Self.size) /dev/zero | tr '\\0' e >&2; echo done")
    #expect(run.status == 0, "the runner blocked: timeout stopped the program")
    #expect(run.stderr.utf8.count == Self.size)
    #expect(run.stderr.utf8.allSatisfy { $0 == UInt8(ascii: "e") })
    #expect(run.stdout == "done\n")
  }

  @Test("more than 1 MiB on standard output before anything on standard error")
  func outputFirst() throws {
    let run = try Self.shell("head -c \(Self.size) /dev/zero | tr '\\0' o; echo done >&2")
    #expect(run.status == 0, "the runner blocked: timeout stopped the program")
    #expect(run.stdout.utf8.count == Self.size)
    #expect(run.stderr == "done\n")
  }

  @Test("both pipes filled in turns, several times over")
  func interleaved() throws {
    let run = try Self.shell(
      "for i in 1 2 3; do head -c 200000 /dev/zero | tr '\\0' o; "
        + "head -c 200000 /dev/zero | tr '\\0' e >&2; done")
    #expect(run.status == 0)
    #expect(run.stdout.utf8.count == 600_000)
    #expect(run.stderr.utf8.count == 600_000)
  }

  @Test("more than 1 MiB of input to a program that echoes it as it reads")
  func largeInput() throws {
    let input = Data(repeating: UInt8(ascii: "i"), count: Self.size)
    let run = try Self.shell("cat; cat /dev/null >&2", input: input)
    #expect(run.status == 0)
    #expect(run.stdout.utf8.count == Self.size)
  }

  @Test("a program that exits without reading its input: its status, not a SIGPIPE in the test")
  func unreadInput() throws {
    let input = Data(repeating: UInt8(ascii: "i"), count: Self.size)
    let run = try Self.shell("echo ignored; exit 3", input: input)
    #expect(run == CommandRun(status: 3, stdout: "ignored\n", stderr: ""))
  }

  @Test("no input is /dev/null, not the test's own standard input")
  func noInput() throws {
    let run = try Self.shell("wc -c")
    #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
  }

  @Test("a non-zero exit is a result; the directory and environment are the program's")
  func statusDirectoryEnvironment() throws {
    let folder = TemporaryDirectory("command-run")
    let run = try CommandRun.run(
      executable: URL(fileURLWithPath: "/bin/sh"),
      arguments: ["-c", "pwd; echo \"$ONLY\"; echo \"${HOME:-unset}\" >&2; exit 7"],
      in: folder.url, environment: ["ONLY": "this"])
    #expect(run.status == 7)
    #expect(
      run.stdout
        == "\(folder.url.resolvingSymlinksInPath().path)\nthis\n")
    #expect(run.stderr == "unset\n")
  }
}
