import BaselineTestSupport
import Foundation
import Testing

/// The built `baseline` binary on a real estate: standard output, standard error, exit code.
@Suite("baseline report, end to end")
struct ReportCommandTests {
  @Test("the example estate: one environment at baseline, two drifted, one incomplete; exit 1")
  func exampleEstateReport() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(["report", "--format", "json"], in: estate.url)
    #expect(run.status == 1)
    #expect(run.stderr.isEmpty)
    let report = try run.json()
    #expect(report["schema"] as? String == "baseline.report/1")
    let environments = try #require(report["environments"] as? [[String: Any]])
    let status = Dictionary(
      uniqueKeysWithValues: environments.compactMap { environment in
        (environment["environment"] as? String).map { ($0, environment["status"] as? String) }
      })
    #expect(status["SIT-Staging"] == "in_baseline")
    #expect(status["SIT-A"] == "drifted")
    #expect(status["SIT-B"] == "drifted")
    #expect(status["UIT"] == "incomplete")
    func kinds(_ name: String) -> [String] {
      let environment = environments.first { $0["environment"] as? String == name }
      let findings = environment?["findings"] as? [[String: Any]] ?? []
      return findings.compactMap { $0["kind"] as? String }.sorted()
    }
    #expect(kinds("SIT-Staging").isEmpty)
    #expect(kinds("SIT-A") == ["setting_drift", "setting_drift", "version_mismatch"])
    #expect(
      kinds("SIT-B") == [
        "commit_mismatch", "file_drift", "missing_component", "moved_tag", "unexpected_component",
        "untagged_build",
      ])
    #expect(kinds("UIT") == ["probe_failed", "version_mismatch"])
    let summary = try #require(report["summary"] as? [String: Any])
    #expect(summary["environments"] as? Int == 4)
    #expect(summary["findings"] as? Int == 10)
    #expect(summary["accepted"] as? Int == 1)
  }

  @Test("text form: a table per environment and the summary line")
  func textReport() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(["report", "--env", "SIT-B", "--env", "UIT"], in: estate.url)
    #expect(run.status == 1)
    #expect(run.stdout.contains("SIT-B  drifted  (6 findings)"))
    #expect(run.stdout.contains("db-schema FAILED (exit 3: connection refused: uit-db-01:5432)"))
    #expect(run.stdout.contains("line endings only"))
    #expect(
      run.stdout.hasSuffix(
        "2 environments: 0 in baseline, 1 drifted, 1 incomplete; 8 findings. Exit 1.\n"))
    #expect(!run.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    // Baseline's own sentences are never cut, however long; only a long value would be.
    #expect(!run.stdout.contains("more characters)"))
    let json = try CommandRun.baseline(
      ["report", "--env", "SIT-B", "--env", "UIT", "--format", "json"], in: estate.url)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let environments = try #require(report["environments"] as? [[String: Any]])
    for environment in environments {
      let name = try #require(environment["environment"] as? String)
      for finding in environment["findings"] as? [[String: Any]] ?? [] {
        // JSON names the environment first; the text form's table is the environment's own.
        let message = try #require(finding["message"] as? String).dropFirst(name.count + 2)
        #expect(run.stdout.contains(message), "the text form shows \(message) whole")
      }
    }
  }

  @Test("an environment at its baseline exits 0")
  func inBaselineExitsZero() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(["report", "--env", "SIT-Staging"], in: estate.url)
    #expect(run.status == 0)
    #expect(run.stdout.contains("SIT-Staging  in baseline  (0 findings)"))
  }

  @Test("--root finds the estate from elsewhere; --output writes the file atomically")
  func rootAndOutput() throws {
    let estate = try exampleEstate()
    let elsewhere = TemporaryDirectory()
    let target = elsewhere.url.appendingPathComponent("report.json")
    let run = try CommandRun.baseline(
      [
        "report", "--root", estate.url.path, "--env", "SIT-A", "--format", "json", "--output",
        target.path,
      ],
      in: elsewhere.url)
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    let written = try String(contentsOf: target, encoding: .utf8)
    #expect(written.contains("\"schema\" : \"baseline.report/1\""))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: elsewhere.url.path)
    #expect(leftovers == ["report.json"])
  }

  @Test("an output file in a missing folder is exit 2 and writes nothing")
  func unwritableOutput() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(
      ["report", "--env", "SIT-A", "--output", estate.path("no/such/folder/report.txt")],
      in: estate.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains("no/such/folder/report.txt: the folder "))
    #expect(run.stderr.contains("no/such/folder does not exist"))
  }

  @Test("saved inventories instead of probes: baseline probe, then report --inventory")
  func savedInventory() throws {
    let estate = try exampleEstate()
    let saved = estate.path("sit-a.json")
    let probe = try CommandRun.baseline(
      ["probe", "--env", "SIT-A", "--output", saved], in: estate.url)
    #expect(probe.status == 0)
    let report = try CommandRun.baseline(
      ["report", "--inventory", saved, "--format", "json"], in: estate.url)
    #expect(report.status == 1)
    let environments = try #require(try report.json()["environments"] as? [[String: Any]])
    #expect(environments.count == 1)
    #expect(environments.first?["environment"] as? String == "SIT-A")
    let findings = environments.first?["findings"] as? [[String: Any]] ?? []
    #expect(findings.count == 3)
  }

  @Test("a failing probe makes `baseline probe` exit 1 and say why on standard error")
  func probeCommandFailure() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(["probe", "--env", "UIT"], in: estate.url)
    #expect(run.status == 1)
    #expect(
      run.stderr.contains("probe db-schema failed: exit 3: connection refused: uit-db-01:5432"))
    #expect(run.stdout.contains("\"environment\" : \"UIT\""))
  }
}

/// Bad input: exit 2 with a message that names the file, line and column.
@Suite("baseline, bad input")
struct BadInputTests {
  @Test("an --env with no baseline file is exit 2 and suggests the nearest")
  func unknownEnvironment() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(["report", "--env", "SIT-C"], in: estate.url)
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("Baselines/SIT-C.yaml: no baseline for environment \"SIT-C\""))
  }

  @Test("a typo in a baseline is exit 2 with file:line:column and the nearest key")
  func typoInBaseline() throws {
    let estate = try exampleEstate()
    let file = estate.url.appendingPathComponent("Baselines/SIT-A.yaml")
    var text = try String(contentsOf: file, encoding: .utf8)
    text = text.replacingOccurrences(
      of: "    version: \"1.2.1.0\"", with: "    verison: \"1.2.1.0\"")
    try Data(text.utf8).write(to: file)
    let run = try CommandRun.baseline(["report", "--env", "SIT-A"], in: estate.url)
    #expect(run.status == 2)
    let pattern =
      #/Baselines/SIT-A\.yaml:\d+:5: components\.[a-z-]+: unknown key "verison"; did you mean "version"\?/#
    #expect(run.stderr.contains(pattern))
  }

  @Test("no Baselines/ under --root is exit 2")
  func noEstate() throws {
    let empty = TemporaryDirectory()
    let run = try CommandRun.baseline(["report"], in: empty.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains("no Baselines/ folder"))
  }

  @Test("a component repository that is missing is exit 2, never drift")
  func missingRepository() throws {
    let estate = try exampleEstate()
    try FileManager.default.removeItem(at: estate.url.appendingPathComponent("repos/dip-adapter"))
    let run = try CommandRun.baseline(["report", "--env", "SIT-Staging"], in: estate.url)
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("component dip-adapter: repository ../repos/dip-adapter"))
  }

  @Test("an unknown option or format is exit 2, not ArgumentParser's 64")
  func usageErrors() throws {
    let estate = try exampleEstate()
    let option = try CommandRun.baseline(["report", "--colour"], in: estate.url)
    #expect(option.status == 2)
    let format = try CommandRun.baseline(["report", "--format", "yaml"], in: estate.url)
    #expect(format.status == 2)
    #expect(format.stderr.contains("yaml"))
  }

  @Test("a broken saved inventory is exit 2 with its line and column")
  func brokenInventory() throws {
    let estate = try exampleEstate()
    let file = try estate.write(
      "broken.json",
      """
      {"environment": "SIT-A", "collected_at": "2026-11-29T01:00:00Z",
       "components": [{"name": "dip-adapter", "verison": "1.2.1.0"}]}
      """)
    let run = try CommandRun.baseline(["report", "--inventory", file.path], in: estate.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains("broken.json:2:41: components[0]: unknown key \"verison\""))
  }

  @Test("--help is exit 0")
  func help() throws {
    let run = try CommandRun.baseline(["--help"], in: CommandRun.packageRoot)
    #expect(run.status == 0)
    #expect(run.stdout.contains("report"))
  }
}

/// Case G1: a component repository owned by another user (a CI container running as root
/// over a mounted checkout).
@Suite("baseline, repository owned by another user")
struct ForeignOwnerTests {
  @Test(
    "exit 2 naming the path and the remedy; never drift from a repository it could not open",
    .enabled(if: getuid() == 0, "needs root to give the repository to another user"))
  func foreignOwner() throws {
    let estate = try exampleEstate()
    let repository = estate.path("repos/dip-adapter")
    let chown = try CommandRun.run(
      executable: URL(fileURLWithPath: "/bin/chown"), arguments: ["-R", "65534:65534", repository],
      in: estate.url)
    try #require(chown.status == 0)
    let run = try CommandRun.baseline(["report", "--env", "SIT-Staging"], in: estate.url)
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("owned by another user"))
    #expect(run.stderr.contains("safe.directory \(repository)"))
    #expect(run.stderr.contains("--allow-foreign-owner"))
    // The opt-out reads the repository; the example probe itself uses git, which refuses it
    // too, so the environment is incomplete rather than in baseline: that is the probe's fault.
    let trusted = try CommandRun.baseline(
      ["report", "--env", "SIT-Staging", "--allow-foreign-owner", "--format", "json"],
      in: estate.url)
    #expect(trusted.status == 1)
    let environments = try #require(try trusted.json()["environments"] as? [[String: Any]])
    #expect(environments.first?["status"] as? String == "incomplete")
    let findings = environments.first?["findings"] as? [[String: Any]] ?? []
    #expect(findings.map { $0["kind"] as? String } == ["probe_failed"])
  }
}

/// `baseline hotfixes` on the example estate, whose repositories hold one hotfix merged back,
/// one cherry-picked with -x and one never merged forward.
@Suite("baseline hotfixes, end to end")
struct HotfixesCommandTests {
  @Test("json: merged, cherry_picked and not_merged with the missing commit; exit 1")
  func exampleHotfixes() throws {
    let estate = try exampleEstate()
    let run = try CommandRun.baseline(["hotfixes", "--format", "json"], in: estate.url)
    #expect(run.status == 1)
    let document = try run.json()
    #expect(document["schema"] as? String == "baseline.hotfixes/1")
    let components = try #require(document["components"] as? [[String: Any]])
    func hotfix(_ name: String) -> [String: Any]? {
      let component = components.first { $0["component"] as? String == name }
      return (component?["hotfixes"] as? [[String: Any]])?.first
    }
    #expect(hotfix("dip-adapter")?["status"] as? String == "merged")
    #expect(hotfix("load-shaping-service")?["status"] as? String == "cherry_picked")
    let lost = try #require(hotfix("volume-allocation-service"))
    #expect(lost["status"] as? String == "not_merged")
    let targets = try #require(lost["targets"] as? [[String: Any]])
    #expect(targets.compactMap { $0["target"] as? String } == ["1.2.0.0", "main"])
    let missing = (targets.first?["missing"] as? [[String: Any]])?.compactMap {
      $0["commit"] as? String
    }
    #expect(missing == ["028229ed21754168b97096a31cb0fa0efbacc7b9"])
  }

  @Test("--component limits the check; all merged is exit 0; an unknown component is exit 2")
  func oneComponent() throws {
    let estate = try exampleEstate()
    let merged = try CommandRun.baseline(
      ["hotfixes", "--component", "dip-adapter"], in: estate.url)
    #expect(merged.status == 0)
    #expect(
      merged.stdout.hasSuffix(
        "1 emergency release: 0 not merged, 0 needing review, 0 unknown. Exit 0.\n"))
    let unknown = try CommandRun.baseline(["hotfixes", "--component", "nope"], in: estate.url)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("no component \"nope\""))
  }

  @Test("--cache keeps one file per repository and the same answer warm; --no-cache keeps none")
  func cache() throws {
    let estate = try exampleEstate()
    let cache = estate.url.appendingPathComponent("cache")
    let arguments = ["hotfixes", "--format", "json", "--cache", cache.path]
    let cold = try CommandRun.baseline(arguments, in: estate.url)
    let folder = cache.appendingPathComponent("patch-ids")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    // Only the repositories whose hotfixes needed patch-ids: one not merged, one picked.
    #expect(files.count == 2)
    #expect(files.allSatisfy { $0.hasSuffix(".patches") })
    let warm = try CommandRun.baseline(arguments, in: estate.url)
    #expect(warm.status == cold.status)
    #expect(warm.stdout == cold.stdout)
    let other = estate.url.appendingPathComponent("no-cache")
    let none = try CommandRun.baseline(
      ["hotfixes", "--no-cache"], in: estate.url,
      environment: ["BASELINE_CACHE": other.path])
    #expect(none.status == cold.status)
    #expect(!FileManager.default.fileExists(atPath: other.path))
    let both = try CommandRun.baseline(
      ["hotfixes", "--no-cache", "--cache", cache.path], in: estate.url)
    #expect(both.status == 2)
    #expect(both.stderr.contains("--cache and --no-cache exclude each other"))
    for (value, says) in [
      ("", "--cache needs a folder"), ("Baselines/components.yaml", "is not a folder"),
    ] {
      let bad = try CommandRun.baseline(["hotfixes", "--cache", value], in: estate.url)
      #expect(bad.status == 2)
      #expect(bad.stderr.contains(says), "\(bad.stderr)")
    }
  }

  @Test("a bookkeeping subject that backtracks for ever is named when the time limit ends it")
  func slowSubjectPattern() throws {
    let folder = TemporaryDirectory("redos")
    var git = try GitScript(at: folder.url.appendingPathComponent("repo"))
    try git.commit("base", file: "a.txt")
    try git.tag("1.0.0.0", message: "1.0.0.0")
    try git.run(["checkout", "-q", "-b", "hotfix"])
    try git.commit(String(repeating: "a", count: 34) + "!", file: "n.txt")
    try git.tag("1.0.0.1", message: "1.0.0.1")
    try git.run(["checkout", "-q", "main"])
    try folder.write(
      "Baselines/components.yaml",
      "bookkeeping:\n  subjects: [\"^(a+)+$\"]\ncomponents:\n  s:\n    repository: ../repo\n"
        + "    mainline: main\n")
    let run = try CommandRun.baseline(
      ["hotfixes", "--no-cache", "--repository-timeout", "2"], in: folder.url)
    #expect(run.status == 2)
    #expect(run.stderr.contains("the bookkeeping subject \"^(a+)+$\" did not finish matching"))
    #expect(!run.stderr.contains("git fsck"))
  }
}
