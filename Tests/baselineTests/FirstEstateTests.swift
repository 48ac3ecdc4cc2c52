import BaselineTestSupport
import Foundation
import Testing

/// Docs/FIRST-ESTATE.md is run as written, so that the page stays true.
@Suite("Docs/FIRST-ESTATE.md, run as written")
struct FirstEstateTests {
  @Test("the page's script makes an estate whose report is the one the page shows")
  func walkthrough() throws {
    let page = try String(
      contentsOf: CommandRun.packageRoot.appendingPathComponent("Docs/FIRST-ESTATE.md"),
      encoding: .utf8)
    let script = try #require(
      page.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```")
        .first)
    let folder = TemporaryDirectory("first-estate")
    try folder.write("walk.sh", "set -e\n" + script)
    let made = try CommandRun.run(
      executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["walk.sh"], in: folder.url,
      environment: CommandRun.environment([
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "Dev",
        "GIT_AUTHOR_EMAIL": "dev@example.org",
        "GIT_COMMITTER_NAME": "Dev", "GIT_COMMITTER_EMAIL": "dev@example.org",
      ]))
    try #require(made.status == 0, "\(made.stderr)")
    let all = try CommandRun.baseline(["report", "--root", "estate"], in: folder.url)
    #expect(all.status == 1)
    let shown = page.components(separatedBy: "\n").filter {
      $0.hasPrefix("  pay-engine  ") || $0.hasSuffix("Exit 1.")
    }
    for line in shown { #expect(all.stdout.contains(line), "\(line)") }
    #expect(shown.count == 3)
    let dev = try CommandRun.baseline(
      ["report", "--root", "estate", "--env", "DEV"], in: folder.url)
    #expect(dev.status == 0)
    #expect(
      dev.stdout.hasSuffix(
        "1 environment: 1 in baseline, 0 drifted, 0 incomplete; 0 findings. Exit 0.\n"))
  }
}
