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

  @Test("a signal in the first milliseconds of a run is never lost (it was, 1 run in 12)")
  func earlySignal() throws {
    let estate = try exampleEstate()
    try estate.write("Probes/inventory", "#!/bin/sh\nsleep 3\n", executable: true)
    let output = try estate.write("out/out.json", "previous\n")
    for round in 0..<40 {
      let signal = [SIGINT, SIGTERM, SIGHUP][round % 3]
      let baseline = try CommandRun.start(
        executable: CommandRun.binary,
        arguments: ["report", "--env", "SIT-A", "--output", output.path], in: estate.url,
        environment: CommandRun.environment())
      // Delays spread over the first 15 ms, where the process starts and parses its options.
      usleep(UInt32(round * 3_697 % 15_000))
      kill(baseline.processIdentifier, signal)
      let run = baseline.wait()
      #expect(run.status == 128 + signal, "round \(round): \(run.stderr)")
      #expect(try String(contentsOf: output, encoding: .utf8) == "previous\n", "round \(round)")
      #expect(!run.stderr.contains("wrote"), "round \(round)")
    }
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
