import BaselineTestSupport
import Foundation
import Testing

/// An estate that cannot be checked as it stands is exit 2 with a message, never a clean 0 or
/// a report of drift.
@Suite("baseline, estates that cannot be checked")
struct EstateProblemsTests {
  @Test("no command at all is a usage error, exit 2, not a clean 0")
  func noCommand() throws {
    let run = try CommandRun.baseline([], in: CommandRun.packageRoot)
    #expect(run.status == 2)
    #expect(run.stderr.contains("a command is needed"))
  }

  @Test("Baselines/ with no environment file is exit 2")
  func noEnvironments() throws {
    let estate = try exampleEstate()
    for name in ["SIT-A", "SIT-B", "SIT-Staging", "UIT"] {
      try FileManager.default.removeItem(atPath: estate.path("Baselines/\(name).yaml"))
    }
    let run = try CommandRun.baseline(["report"], in: estate.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains("no environment baselines (Baselines/<ENV>.yaml)"))
  }

  @Test("a baseline file ending in .yml is an error, not an environment silently dropped")
  func ymlFile() throws {
    let estate = try exampleEstate()
    try FileManager.default.moveItem(
      atPath: estate.path("Baselines/UIT.yaml"), toPath: estate.path("Baselines/UIT.yml"))
    let run = try CommandRun.baseline(["report"], in: estate.url)
    #expect(run.status == 2)
    #expect(
      run.stderr.contains("Baselines/UIT.yml: baseline files end in .yaml; rename it to UIT.yaml"))
  }

  @Test("a probe the baseline names that is missing or not executable is exit 2 before any runs")
  func missingProbe() throws {
    let estate = try exampleEstate()
    let file = estate.url.appendingPathComponent("Baselines/SIT-B.yaml")
    var text = try String(contentsOf: file, encoding: .utf8)
    text = text.replacingOccurrences(
      of: "probes: [inventory]", with: "probes: [inventory, nothere]")
    try Data(text.utf8).write(to: file)
    let missing = try CommandRun.baseline(["report", "--env", "SIT-B"], in: estate.url)
    #expect(missing.status == 2)
    #expect(missing.stdout.isEmpty)
    #expect(
      missing.stderr.contains("Baselines/SIT-B.yaml: probes: probe \"nothere\" is not in Probes/"))
    for probe in ["inventory", "db-schema"] {
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o644], ofItemAtPath: estate.path("Probes/\(probe)"))
    }
    let notExecutable = try CommandRun.baseline(["probe", "--env", "SIT-A"], in: estate.url)
    #expect(notExecutable.status == 2)
    #expect(notExecutable.stderr.contains("no executable probe for SIT-A (not executable: "))
  }

  @Test("--env given twice checks the environment once")
  func duplicateEnvironment() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(
      ["report", "--env", "SIT-A", "--env", "SIT-A"], in: estate.url)
    #expect(run.status == 1)
    #expect(
      run.stdout.hasSuffix(
        "1 environment: 0 in baseline, 1 drifted, 0 incomplete; 2 findings and 1 accepted "
          + "deviation. Exit 1.\n"))
  }

  @Test("tags reads only components.yaml: a broken baseline elsewhere does not stop it")
  func tagsIgnoresBaselines() throws {
    let estate = try exampleEstate()
    try estate.write("Baselines/BROKEN.yaml", "components: [\n")
    let run = try CommandRun.baseline(
      ["tags", "--component", "dip-adapter", "--format", "json"], in: estate.url)
    #expect(run.status == 0)
    let releases = try #require(try run.json()["releases"] as? [[String: Any]])
    #expect(
      releases.compactMap { $0["release"] as? String } == [
        "1.0.0.0", "1.0.1.0", "1.1.0.0", "1.1.0.1", "1.2.0.0", "1.2.1.0",
      ])
    #expect(
      releases.first { $0["release"] as? String == "1.1.0.1" }?["type"] as? String == "emergency")
    let markdown = try CommandRun.baseline(
      ["tags", "--component", "dip-adapter", "--format", "markdown"], in: estate.url)
    #expect(markdown.status == 2)
  }

  @Test("a saved inventory keeps the probes that failed: the report from it is still incomplete")
  func savedInventoryKeepsFailures() throws {
    let estate = try exampleEstate()
    let saved = estate.path("uit.json")
    let probe = try CommandRun.baseline(
      ["probe", "--env", "UIT", "--output", saved], in: estate.url)
    #expect(probe.status == 1)
    #expect(probe.stderr.contains("baseline: wrote \(saved): 6 components, 1 problem"))
    let report = try CommandRun.baseline(
      ["report", "--inventory", saved, "--format", "json"], in: estate.url)
    #expect(report.status == 1)
    let environments = try #require(try report.json()["environments"] as? [[String: Any]])
    #expect(environments.first?["status"] as? String == "incomplete")
    let kinds = (environments.first?["findings"] as? [[String: Any]] ?? []).compactMap {
      $0["kind"] as? String
    }
    #expect(kinds == ["probe_failed", "version_mismatch"])
  }

  @Test("with --output, one line on standard error says what was written")
  func outputAnnounced() throws {
    let estate = try exampleEstate()
    let target = estate.path("report.xml")
    let run = try CommandRun.baseline(
      ["report", "--format", "junit", "--output", target], in: estate.url)
    #expect(run.status == 1)
    #expect(
      run.stderr
        == "baseline: wrote \(target): 4 environments: 1 in baseline, 2 drifted, 1 incomplete; "
        + "10 findings and 1 accepted deviation; exit 1\n")
  }
}

/// Stopping `baseline` stops its probes: they run in process groups of their own, which a
/// terminal's or CI's signal to `baseline` would not reach.
@Suite("baseline, interrupted")
struct InterruptedTests {
  @Test("SIGTERM during a probe: the probe is stopped too and the exit is 143")
  func terminateStopsProbes() throws {
    let estate = try exampleEstate()
    try estate.write(
      "Probes/inventory",
      """
      #!/usr/bin/env bash
      echo $$ > "$PWD/probe.pid"
      sleep 60
      """, executable: true)
    let baseline = try CommandRun.start(
      executable: CommandRun.binary, arguments: ["report", "--env", "SIT-A"], in: estate.url,
      environment: CommandRun.environment())
    let pidFile = estate.url.appendingPathComponent("probe.pid")
    let deadline = Date().addingTimeInterval(20)
    while !FileManager.default.fileExists(atPath: pidFile.path), Date() < deadline {
      usleep(50_000)
    }
    usleep(200_000)
    let text = try String(contentsOf: pidFile, encoding: .utf8)
    let probe = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(kill(probe, 0) == 0, "the probe runs")
    kill(baseline.processIdentifier, SIGTERM)
    #expect(baseline.wait().status == 143)
    var gone = false
    for _ in 0..<50 where !gone {
      gone = kill(probe, 0) != 0 || Self.isZombie(probe)
      if !gone { usleep(100_000) }
    }
    #expect(gone, "the probe \(probe) outlived baseline")
  }

  static func isZombie(_ pid: pid_t) -> Bool {
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    return status.contains("State:\tZ")
  }
}

@Suite("baseline, hostile surroundings")
struct HostileSurroundingsTests {
  @Test(
    "a missing clone inside an estate that is itself a git repository is exit 2, never its tags")
  func noParentSearch() throws {
    let estate = try exampleEstate()
    try estate.write(".gitignore", "repos/\n")
    var script = try GitScript(at: estate.url)
    try script.run(["add", "-A"])
    try script.run(["commit", "-q", "-m", "estate"])
    try script.tag("1.2.1.0")
    try FileManager.default.removeItem(atPath: estate.path("repos/market-data-service/.git"))
    let run = try CommandRun.baseline(["report", "--env", "SIT-Staging"], in: estate.url)
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr.contains(
        "component market-data-service: repository ../repos/market-data-service: no git repository here"
      ))
  }

  @Test("--probe-timeout must be a finite number of seconds, for probe as for report")
  func probeTimeouts() throws {
    let estate = try exampleEstate()
    for value in ["nan", "-inf", "inf", "0", "-1", "100000"] {
      for command in ["probe", "report"] {
        let run = try CommandRun.baseline(
          [command, "--env", "SIT-A", "--probe-timeout=\(value)"], in: estate.url)
        #expect(run.status == 2, "\(command) --probe-timeout=\(value)")
        #expect(run.stderr.contains("--probe-timeout must be a number of seconds"), "\(value)")
      }
    }
  }

  @Test("standard output closed is exit 2 with a message, not a trap")
  func closedOutput() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.run(
      executable: URL(fileURLWithPath: "/bin/sh"),
      arguments: ["-c", "exec \"$0\" report --env SIT-A >&-", CommandRun.binary.path],
      in: estate.url, environment: CommandRun.environment())
    #expect(run.status == 2)
    #expect(run.stderr.contains("standard output cannot be written"))
  }
}
