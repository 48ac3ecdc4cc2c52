import BaselineTestSupport
import Foundation
import Testing

/// The defects people found when they tried Baseline, each run with the built binary on a copy
/// of the example estate: each test fails on the binary before its fix.
@Suite("Defects found in trials, end to end")
struct FoundationDefectsTests {
  @Test("pin --dry-run says what the real run does: SIT-B has a moved tag, so nothing is written")
  func dryRunTellsTheTruth() throws {
    let estate = try exampleEstate()
    let dry = try CommandRun.baseline(["pin", "--env", "SIT-B", "--dry-run"], in: estate.url)
    #expect(dry.status == 1)
    #expect(
      dry.stdout.hasPrefix(
        "SIT-B: Baselines/SIT-B.pins.yaml would NOT be written (fix what is below first; "))
    let real = try CommandRun.baseline(["pin", "--env", "SIT-B"], in: estate.url)
    #expect(real.status == 1)
    #expect(
      real.stdout.hasPrefix(
        "SIT-B: Baselines/SIT-B.pins.yaml NOT written (fix what is below first)"))
    #expect(!FileManager.default.fileExists(atPath: estate.path("Baselines/SIT-B.pins.yaml")))
    // Where every release can be pinned, the dry run says it would write, and the run does.
    let uitDry = try CommandRun.baseline(["pin", "--env", "UIT", "--dry-run"], in: estate.url)
    #expect(uitDry.stdout.hasPrefix("UIT: Baselines/UIT.pins.yaml would be written ("))
    #expect(!FileManager.default.fileExists(atPath: estate.path("Baselines/UIT.pins.yaml")))
    let uit = try CommandRun.baseline(["pin", "--env", "UIT"], in: estate.url)
    #expect(uit.status == 0)
    #expect(uit.stdout.hasPrefix("UIT: wrote Baselines/UIT.pins.yaml ("))
    #expect(FileManager.default.fileExists(atPath: estate.path("Baselines/UIT.pins.yaml")))
  }

  @Test("probe with two --env is a usage error (exit 2), not an inventory of the last one")
  func probeTakesOneEnvironment() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(
      ["probe", "--env", "SIT-A", "--env", "SIT-B"], in: estate.url)
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr.contains(
        "--env was given 2 times: this command works on one environment; run it once per --env"))
    let none = try CommandRun.baseline(["probe"], in: estate.url)
    #expect(none.status == 2)
    #expect(none.stderr.contains("--env ENV is needed"))
  }

  @Test("--repin names an unknown component, and refuses to move a pin written by hand")
  func repinSaysWhy() throws {
    let estate = try exampleEstate()
    let unknown = try CommandRun.baseline(["pin", "--repin", "NOPE"], in: estate.url)
    #expect(unknown.status == 2)
    #expect(
      unknown.stderr.hasPrefix(
        "baseline: error: --repin: no component \"NOPE\" in Baselines/components.yaml (components: "
      ))
    // SIT-B pins registration-service by hand (commit: in Baselines/SIT-B.yaml).
    let byHand = try CommandRun.baseline(
      ["pin", "--env", "SIT-B", "--repin", "registration-service"], in: estate.url)
    #expect(byHand.status == 2)
    #expect(
      byHand.stderr.contains(
        "registration-service is pinned by hand (commit: in Baselines/SIT-B.yaml); --repin moves "
          + "only pins that baseline pin recorded"))
    #expect(!FileManager.default.fileExists(atPath: estate.path("Baselines/SIT-B.pins.yaml")))
  }

  @Test("a report from a saved inventory shows the probes of the run that saved it")
  func savedInventoryKeepsItsProbes() throws {
    let estate = try exampleEstate()
    // UIT runs two probes; db-schema fails (exit 3).
    let saved = estate.path("UIT.inventory.json")
    let probe = try CommandRun.baseline(
      ["probe", "--env", "UIT", "--output", saved], in: estate.url)
    #expect(probe.status == 1)
    let live = try CommandRun.baseline(
      ["report", "--env", "UIT", "--format", "json"], in: estate.url)
    let fromFile = try CommandRun.baseline(
      ["report", "--inventory", saved, "--format", "json"], in: estate.url)
    #expect(live.status == 1)
    #expect(fromFile.status == 1)
    func probes(_ run: CommandRun) throws -> [String] {
      let environments = try run.json()["environments"] as? [[String: Any]] ?? []
      let probes = environments.first?["probes"] as? [[String: Any]] ?? []
      return probes.map { "\($0["name"] ?? "?") \($0["status"] ?? "?") \($0["failure"] ?? "")" }
    }
    #expect(
      try probes(live) == [
        "inventory ok <null>", "db-schema failed exit 3: connection refused: uit-db-01:5432",
      ])
    #expect(try probes(fromFile) == probes(live))
    // JUnit keeps one case per probe too.
    let junit = try CommandRun.baseline(
      ["report", "--inventory", saved, "--format", "junit"], in: estate.url)
    #expect(junit.stdout.contains("<testcase classname=\"UIT.probes\" name=\"db-schema\">"))
    #expect(junit.stdout.contains("<testcase classname=\"UIT.probes\" name=\"inventory\">"))
    #expect(!junit.stdout.contains("file UIT.inventory.json"))
  }

  @Test("verify --inventory records the file's sha256, its collected_at and the command line")
  func verifyCitesItsInventory() throws {
    let estate = try exampleEstate()
    let saved = estate.path("SIT-A.inventory.json")
    _ = try CommandRun.baseline(["probe", "--env", "SIT-A", "--output", saved], in: estate.url)
    let run = try CommandRun.baseline(
      ["verify", "--env", "SIT-A", "--inventory", saved, "--format", "json"], in: estate.url)
    #expect(run.status == 1)
    let evidence = try #require(try run.json()["evidence"] as? [String: Any])
    let files = try #require(evidence["inventories"] as? [[String: Any]])
    let digest = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/sha256sum"), arguments: [saved], in: estate.url)
    let expected = "sha256:" + (digest.stdout.split(separator: " ").first.map(String.init) ?? "")
    #expect(files.count == 1)
    #expect(files.first?["path"] as? String == saved)
    #expect(files.first?["sha256"] as? String == expected)
    let inventory = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: saved)))
    #expect(
      files.first?["collected_at"] as? String
        == (inventory as? [String: Any])?["collected_at"] as? String)
    let commandLine = evidence["command_line"] as? [String] ?? []
    #expect(
      Array(commandLine.dropFirst()) == [
        "verify", "--env", "SIT-A", "--inventory", saved, "--format", "json",
      ])
    let text = try CommandRun.baseline(
      ["verify", "--env", "SIT-A", "--inventory", saved], in: estate.url)
    #expect(text.stdout.contains("  inventory file: \(saved) (\(expected), collected_at "))
  }

  @Test(
    "verify: a component seen by version alone is 'version only'; evidence: commit makes it NO-GO")
  func versionOnlyEvidence() throws {
    let estate = try exampleEstate()
    // SIT-Staging's probe reports smart-meter-gateway's version but no commit.
    let run = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--format", "json"], in: estate.url)
    #expect(run.status == 0)
    let checks = try run.json()["checks"] as? [[String: Any]] ?? []
    func status(_ id: String, _ checks: [[String: Any]]) -> String? {
      checks.first { $0["id"] as? String == id }?["status"] as? String
    }
    #expect(status("builds_at_baseline", checks) == "version_only")
    #expect(status("no_untagged_builds", checks) == "version_only")
    #expect(status("estate_committed", checks) == "not_applicable")
    let baseline = estate.url.appendingPathComponent("Baselines/SIT-Staging.yaml")
    let text = try String(contentsOf: baseline, encoding: .utf8)
    try (text + "evidence: commit\n").write(to: baseline, atomically: true, encoding: .utf8)
    let strict = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--format", "json"], in: estate.url)
    #expect(strict.status == 1)
    let strictChecks = try strict.json()["checks"] as? [[String: Any]] ?? []
    #expect(status("builds_at_baseline", strictChecks) == "fail")
    #expect(try strict.json()["decision"] as? String == "NO-GO")
    try (text + "evidence: always\n").write(to: baseline, atomically: true, encoding: .utf8)
    let bad = try CommandRun.baseline(["verify", "--env", "SIT-Staging"], in: estate.url)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("Baselines/SIT-Staging.yaml:"))
    #expect(bad.stderr.contains("expected version (a reported release is enough) or commit"))
  }

  @Test("hotfixes --help offers only the formats hotfixes can write")
  func formatsPerCommand() throws {
    let estate = try exampleEstate()
    let help = try CommandRun.baseline(["hotfixes", "--help"], in: estate.url)
    #expect(help.stdout.contains("--format <format>"))
    #expect(!help.stdout.contains("junit"))
    let junit = try CommandRun.baseline(["hotfixes", "--format", "junit"], in: estate.url)
    #expect(junit.status == 2)
    #expect(junit.stderr.contains("Please provide one of 'text', 'json' or 'markdown'"))
  }
}

extension FoundationDefectsTests {
  @Test("a probe the baseline runs but a saved inventory's probes do not list did not run")
  func unrecordedProbeIsAFailure() throws {
    let estate = try exampleEstate()
    let saved = estate.path("SIT-A.inventory.json")
    _ = try CommandRun.baseline(["probe", "--env", "SIT-A", "--output", saved], in: estate.url)
    // SIT-A runs inventory and db-schema; drop db-schema's record, as a hand edit would.
    try editJSONObject(at: saved) { object in
      let probes = object["probes"] as? [[String: Any]] ?? []
      #expect(probes.count == 2)
      object["probes"] = probes.filter { $0["probe"] as? String != "db-schema" }
    }
    let run = try CommandRun.baseline(
      ["verify", "--env", "SIT-A", "--inventory", saved, "--format", "json"], in: estate.url)
    #expect(run.status == 1)
    let checks = try run.json()["checks"] as? [[String: Any]] ?? []
    let probesCheck = checks.first { $0["id"] as? String == "probes" }
    #expect(probesCheck?["status"] as? String == "fail")
    let reasons = probesCheck?["reasons"] as? [String] ?? []
    #expect(reasons.contains { $0.contains("probe db-schema failed (not run: ") })
  }
}

extension FoundationDefectsTests {
  @Test("a saved probe's stderr is kept to its last 4 KiB, as a live run's is")
  func savedStandardErrorIsCapped() throws {
    let estate = try exampleEstate()
    let saved = estate.path("SIT-B.inventory.json")
    _ = try CommandRun.baseline(["probe", "--env", "SIT-B", "--output", saved], in: estate.url)
    try editJSONObject(at: saved) { object in
      var probes = object["probes"] as? [[String: Any]] ?? []
      try #require(!probes.isEmpty, "the saved inventory records its probes")
      probes[0]["stderr"] = String(repeating: "x", count: 100_000) + "THE END"
      object["probes"] = probes
    }
    let run = try CommandRun.baseline(
      ["report", "--inventory", saved, "--format", "json"], in: estate.url)
    let environments = try run.json()["environments"] as? [[String: Any]] ?? []
    let stderr = (environments.first?["probes"] as? [[String: Any]])?.first?["stderr"] as? String
    #expect(stderr?.count == 4096)
    #expect(stderr?.hasSuffix("THE END") == true)
  }
}

extension FoundationDefectsTests {
  @Test("verify from a file that records no probes does not say every probe ran")
  func fileWithoutProbesIsNotAProbeRun() throws {
    let estate = try exampleEstate()
    let saved = estate.path("SIT-Staging.inventory.json")
    _ = try CommandRun.baseline(
      ["probe", "--env", "SIT-Staging", "--output", saved], in: estate.url)
    // As probe wrote it, the file records its probes: every probe ran is proven.
    let recorded = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--inventory", saved, "--format", "json"], in: estate.url)
    let recordedChecks = try recorded.json()["checks"] as? [[String: Any]] ?? []
    #expect(
      recordedChecks.first { $0["id"] as? String == "probes" }?["status"] as? String == "pass")
    try editJSONObject(at: saved) { object in
      object["probes"] = nil
    }
    let run = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--inventory", saved, "--format", "json"], in: estate.url)
    let checks = try run.json()["checks"] as? [[String: Any]] ?? []
    let probes = checks.first { $0["id"] as? String == "probes" }
    #expect(probes?["status"] as? String == "not_applicable")
    #expect(
      (probes?["reasons"] as? [String])?.first?.hasSuffix(
        "records no probes: which of the baseline's probes ran, and how, is not known (baseline probe --output records them)"
      ) == true)
  }
}
