import BaselineTestSupport
import Foundation
import Testing

/// `--output` to places that are not a plain new file: each is exit 2 with a message naming
/// the file, or written as DESIGN.md says (issue 9, items 7 and 9).
@Suite("baseline --output, awkward targets")
struct OutputTargetTests {
  @Test("a FIFO that nothing reads is exit 2 at once, naming the file")
  func fifoWithoutReader() throws {
    let estate = try exampleEstate()
    let fifo = estate.path("report.fifo")
    #expect(mkfifo(fifo, 0o600) == 0)
    // Without the non-blocking open baseline would wait for ever: a reader that comes after
    // ten seconds turns that into a failed expectation instead of a hung test.
    Thread {
      sleep(10)
      let reader = open(fifo, O_RDONLY | O_NONBLOCK)
      if reader >= 0 {
        sleep(2)
        close(reader)
      }
    }.start()
    let run = try CommandRun.baseline(["lint", "--output", fifo], in: estate.url)
    #expect(run.status == 2)
    #expect(
      run.stderr.contains("\(fifo): cannot be written: is a FIFO that no process is reading"),
      "\(run.stderr)")
  }

  @Test("a loop of symbolic links is exit 2 before any work; the links stay")
  func linkLoop() throws {
    let estate = try exampleEstate()
    #expect(symlink("b.json", estate.path("a.json")) == 0)
    #expect(symlink("a.json", estate.path("b.json")) == 0)
    let run = try CommandRun.baseline(["lint", "--output", "a.json"], in: estate.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains("--output a.json: is a loop of symbolic links"), "\(run.stderr)")
    var info = stat()
    #expect(lstat(estate.path("a.json"), &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
  }

  @Test("through a symbolic link to a 0600 file: the file is written and keeps 0600")
  func throughLink() throws {
    let estate = try exampleEstate()
    let target = try estate.write("private/report.txt", "old\n")
    #expect(chmod(target.path, 0o600) == 0)
    #expect(symlink("private/report.txt", estate.path("report.txt")) == 0)
    let run = try CommandRun.baseline(["lint", "--output", "report.txt"], in: estate.url)
    #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
    #expect(try String(contentsOf: target, encoding: .utf8) != "old\n")
    var info = stat()
    #expect(stat(target.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    #expect(lstat(estate.path("report.txt"), &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
  }
}
