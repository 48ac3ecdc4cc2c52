import BaselineTestSupport
import Foundation
import Testing

/// A signal while probes run cuts the run short: the report of probes stopped by `baseline`
/// itself is no report, so nothing is written, the previous file stays and nothing says
/// "wrote" (issue 9, item 1).
@Suite("baseline, interrupted while writing --output")
struct InterruptedOutputTests {
  @Test(
    "a signal during probes leaves the previous --output file and announces nothing",
    arguments: ["report", "probe"], [SIGINT, SIGTERM, SIGHUP])
  func signalKeepsPreviousFile(command: String, signal: Int32) throws {
    let estate = try exampleEstate()
    try estate.write(
      "Probes/inventory",
      """
      #!/usr/bin/env bash
      echo $$ > "$PWD/probe.pid"
      sleep 60
      """, executable: true)
    let output = try estate.write("out/out.json", "previous\n")
    let baseline = try CommandRun.start(
      executable: CommandRun.binary,
      arguments: [command, "--env", "SIT-A", "--output", output.path], in: estate.url,
      environment: CommandRun.environment())
    try Self.waitForFile(estate.url.appendingPathComponent("probe.pid"))
    kill(baseline.processIdentifier, signal)
    let run = baseline.wait()
    #expect(run.status == 128 + signal)
    #expect(try String(contentsOf: output, encoding: .utf8) == "previous\n")
    #expect(!run.stderr.contains("wrote"), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: estate.path("out")) == ["out.json"])
  }

  /// Waits (up to 30 seconds) until `file` exists and a moment more, for the probe to run.
  static func waitForFile(_ file: URL) throws {
    let deadline = Date().addingTimeInterval(30)
    while !FileManager.default.fileExists(atPath: file.path), Date() < deadline {
      usleep(50_000)
    }
    try #require(FileManager.default.fileExists(atPath: file.path), "the probe never started")
    usleep(200_000)
  }
}
