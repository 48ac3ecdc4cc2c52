import BaselineTestSupport
import Foundation
import Testing

/// Faults found by attacking saved inventories' probes, verify's check statuses and its
/// evidence, each run with the built binary on a copy of the example estate: each test fails
/// on the binary before its fix.
@Suite("Adversarial round: saved probes, check statuses, evidence")
struct AdversarialRoundTests {
  /// The example estate with SIT-Staging running a second probe, `agg`, which gives an
  /// inventory and records that an agent behind it failed (`probe_failures`).
  private func estateWithRecordingProbe() throws -> TemporaryDirectory {
    let estate = try exampleEstate()
    _ = try estate.write(
      "Probes/agg",
      """
      #!/bin/sh
      printf '{"environment": "%s", "collected_at": "%s", "components": [], ' \
        "$1" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
      printf '"probe_failures": [{"probe": "remote-agent", "failure": "exit 7: host down"}]}\\n'
      """, executable: true)
    let baseline = estate.url.appendingPathComponent("Baselines/SIT-Staging.yaml")
    let text = try String(contentsOf: baseline, encoding: .utf8)
    try text.replacingOccurrences(of: "probes: [inventory]", with: "probes: [inventory, agg]")
      .write(to: baseline, atomically: true, encoding: .utf8)
    return estate
  }

  @Test("a failure a probe recorded itself survives the saved inventory: incomplete, NO-GO")
  func savedInventoryKeepsRecordedFailures() throws {
    let estate = try estateWithRecordingProbe()
    let live = try CommandRun.baseline(["report", "--env", "SIT-Staging"], in: estate.url)
    #expect(live.status == 1)
    #expect(live.stdout.hasPrefix("SIT-Staging  incomplete"))
    let saved = estate.path("SIT-Staging.inventory.json")
    let probe = try CommandRun.baseline(
      ["probe", "--env", "SIT-Staging", "--output", saved], in: estate.url)
    #expect(probe.status == 1)
    let report = try CommandRun.baseline(["report", "--inventory", saved], in: estate.url)
    #expect(report.status == 1)
    #expect(report.stdout.hasPrefix("SIT-Staging  incomplete"))
    #expect(report.stdout.contains("remote-agent"))
    let verify = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--inventory", saved, "--format", "json"],
      in: estate.url)
    #expect(verify.status == 1)
    #expect(try verify.json()["decision"] as? String == "NO-GO")
  }

  @Test("a probes list that says every probe was ok does not hide the probe_failures beside it")
  func probesListDoesNotHideFailures() throws {
    let estate = try exampleEstate()
    let saved = estate.path("SIT-Staging.inventory.json")
    _ = try CommandRun.baseline(
      ["probe", "--env", "SIT-Staging", "--output", saved], in: estate.url)
    try editJSONObject(at: saved) { object in
      object["probe_failures"] = [["probe": "inventory", "failure": "exit 3: boom"]]
    }
    let verify = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--inventory", saved], in: estate.url)
    #expect(verify.status == 1)
    #expect(verify.stdout.contains("SIT-Staging: NO-GO"))
    #expect(verify.stdout.contains("exit 3: boom"))
  }

  @Test("a huge duration_seconds in a saved inventory does not empty the JSON forms")
  func hugeDurationKeepsTheJSON() throws {
    let estate = try exampleEstate()
    let saved = estate.path("SIT-Staging.inventory.json")
    _ = try CommandRun.baseline(
      ["probe", "--env", "SIT-Staging", "--output", saved], in: estate.url)
    let text = try String(contentsOfFile: saved, encoding: .utf8)
    let huge = text.replacingOccurrences(
      of: #""duration_seconds" : [0-9.]+"#, with: #""duration_seconds" : 1e308"#,
      options: .regularExpression)
    #expect(huge != text)
    try huge.write(toFile: saved, atomically: true, encoding: .utf8)
    let report = try CommandRun.baseline(
      ["report", "--inventory", saved, "--format", "json"], in: estate.url)
    #expect(report.status == 0)
    #expect(try report.json()["schema"] as? String == "baseline.report/1")
    let verify = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--inventory", saved, "--format", "json"],
      in: estate.url)
    #expect(try verify.json()["decision"] as? String == "GO")
  }

  @Test(
    "probes entries are read strictly: ok with a failure, an exit status or duration as text",
    arguments: [
      (#""status" : "ok","#, #""status" : "ok", "failure" : "exit 3: boom","#, "probes[0].failure"),
      (#""exit_status" : 0"#, #""exit_status" : "0""#, "probes[0].exit_status"),
      (#""duration_seconds" : [0-9.]+"#, #""duration_seconds" : "0x10""#, "probes[0].duration"),
    ])
  func strictProbeRecords(pattern: String, hostile: String, keyPath: String) throws {
    let estate = try exampleEstate()
    let saved = estate.path("SIT-Staging.inventory.json")
    _ = try CommandRun.baseline(
      ["probe", "--env", "SIT-Staging", "--output", saved], in: estate.url)
    let text = try String(contentsOfFile: saved, encoding: .utf8)
    let edited = text.replacingOccurrences(
      of: pattern, with: hostile, options: .regularExpression)
    #expect(edited != text)
    try edited.write(toFile: saved, atomically: true, encoding: .utf8)
    let report = try CommandRun.baseline(["report", "--inventory", saved], in: estate.url)
    #expect(report.status == 2)
    #expect(report.stderr.hasPrefix("baseline: error: \(saved):"))
    #expect(report.stderr.contains(": \(keyPath)"))
    #expect(report.stdout.isEmpty)
  }

  @Test("a component seen by version alone is never 'pass', even when it also drifted elsewhere")
  func versionOnlyWithASettingDrift() throws {
    let estate = try exampleEstate()
    // SIT-Staging's probe reports smart-meter-gateway by version only, with dcc.adapter dcc-2.
    let baseline = estate.url.appendingPathComponent("Baselines/SIT-Staging.yaml")
    let text = try String(contentsOf: baseline, encoding: .utf8)
      .replacingOccurrences(of: "dcc.adapter: \"dcc-2\"", with: "dcc.adapter: \"dcc-3\"")
    try text.write(to: baseline, atomically: true, encoding: .utf8)
    func statuses() throws -> [String: String] {
      let run = try CommandRun.baseline(
        ["verify", "--env", "SIT-Staging", "--format", "json"], in: estate.url)
      #expect(run.status == 1)
      let checks = try run.json()["checks"] as? [[String: Any]] ?? []
      return Dictionary(
        checks.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") },
        uniquingKeysWith: { a, _ in a })
    }
    let plain = try statuses()
    #expect(plain["configuration_items"] == "fail")
    #expect(plain["builds_at_baseline"] == "version_only")
    #expect(plain["no_untagged_builds"] == "version_only")
    try (text + "evidence: commit\n").write(to: baseline, atomically: true, encoding: .utf8)
    let strict = try statuses()
    #expect(strict["builds_at_baseline"] == "fail")
    #expect(strict["no_untagged_builds"] == "version_only")
  }

  @Test("an estate in a git repository with no commit yet fails estate_committed (not n/a)")
  func unbornEstateRepository() throws {
    let estate = try exampleEstate()
    let initialised = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/git"), arguments: ["init", "-q", "."],
      in: estate.url)
    #expect(initialised.status == 0)
    let run = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--format", "json"], in: estate.url)
    #expect(run.status == 1)
    let json = try run.json()
    #expect(json["decision"] as? String == "NO-GO")
    let checks = json["checks"] as? [[String: Any]] ?? []
    let committed = checks.first { $0["id"] as? String == "estate_committed" }
    #expect(committed?["status"] as? String == "fail")
    let text = try CommandRun.baseline(["verify", "--env", "SIT-Staging"], in: estate.url)
    #expect(text.stdout.contains("in a git repository with no commit yet"))
  }

  @Test("the command line in the evidence quotes control characters so a shell reads it back")
  func commandLineWithControlCharacters() throws {
    let estate = try exampleEstate()
    let folder = estate.url.appendingPathComponent("odd\n\u{1b}[31m 'dir'")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let saved = folder.appendingPathComponent("inv.json").path
    _ = try CommandRun.baseline(
      ["probe", "--env", "SIT-Staging", "--output", saved], in: estate.url)
    let run = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--inventory", saved], in: estate.url)
    let line = try #require(
      run.stdout.split(separator: "\n").first { $0.hasPrefix("  command: ") })
    let quoted =
      "$'"
      + folder.path.replacingOccurrences(of: "\n", with: "\\n")
      .replacingOccurrences(of: "\u{1b}", with: "\\x1b")
      .replacingOccurrences(of: "'", with: "\\'") + "/inv.json'"
    #expect(line.hasSuffix(" --inventory " + quoted))
    // bash reads the word back as the path.
    let echoed = try CommandRun.run(
      executable: URL(fileURLWithPath: "/bin/bash"),
      arguments: ["-c", "printf '%s' " + quoted], in: estate.url)
    #expect(echoed.stdout == saved)
  }

  @Test("--output may not be an --inventory file (by path or through a link): exit 2, file kept")
  func outputIsNotAnInventory() throws {
    let estate = try exampleEstate()
    let saved = estate.path("SIT-Staging.inventory.json")
    _ = try CommandRun.baseline(
      ["probe", "--env", "SIT-Staging", "--output", saved], in: estate.url)
    let before = try Data(contentsOf: URL(fileURLWithPath: saved))
    let link = estate.path("link.json")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: saved)
    for command in [
      ["verify", "--env", "SIT-Staging", "--inventory", saved, "--output", saved],
      ["report", "--inventory", saved, "--format", "json", "--output", link],
    ] {
      let run = try CommandRun.baseline(command, in: estate.url)
      #expect(run.status == 2)
      #expect(run.stderr.contains("is the file --inventory \(saved) reads"))
      #expect(try Data(contentsOf: URL(fileURLWithPath: saved)) == before)
    }
  }
}
