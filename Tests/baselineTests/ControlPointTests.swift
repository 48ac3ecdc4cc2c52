import BaselineTestSupport
import Foundation
import Testing

/// `verify`, `pin` and `lint` end to end, with the built binary on the example estate.
@Suite("baseline verify, pin and lint on the example estate")
struct ControlPointTests {
  @Test("verify: SIT-Staging is GO for R3 and NO-GO for R4; the evidence file is written")
  func verifyStaging() throws {
    let estate = try exampleEstate()
    let go = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--release", "R3"], in: estate.url)
    #expect(go.status == 0, "\(go.stdout)\(go.stderr)")
    #expect(go.stdout.hasPrefix("SIT-Staging: GO  (control point 3, "))
    // smart-meter-gateway's probe reports no commit: GO, but shown as version only; the
    // estate copy is in no git repository and accepts nothing: not applicable, not passed.
    #expect(
      go.stdout.hasSuffix(
        "SIT-Staging: GO: 6 of 12 checks passed; 4 not applicable, 2 version only. Exit 0.\n"))
    #expect(
      go.stdout.contains(
        "  n/a           nothing under Baselines/ or Probes/ differs from the estate's commit"))
    let evidence = estate.path("evidence.md")
    let noGo = try CommandRun.baseline(
      [
        "verify", "--env", "SIT-Staging", "--release", "R4", "--format", "markdown", "--output",
        evidence,
      ],
      in: estate.url)
    #expect(noGo.status == 1)
    // Where the decision was recorded, with the digest `sha256sum` gives of the evidence file.
    let digest = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/sha256sum"), arguments: [evidence]
    ).stdout.prefix(64)
    #expect(
      noGo.stderr
        == "baseline: recorded SIT-Staging NO-GO in \(estate.path(".baseline/history.sqlite")) "
        + "(evidence sha256 \(digest))\n"
        + "baseline: wrote \(evidence): SIT-Staging NO-GO: 1 of 12 checks failed; exit 1\n")
    let markdown = try String(contentsOfFile: evidence, encoding: .utf8)
    #expect(markdown.hasPrefix("# Control point 3: SIT-Staging is **NO-GO**\n"))
    #expect(markdown.contains("| Programme release | R4 required; the baseline declares R3 |"))
    #expect(markdown.contains("| Pin file | Baselines/SIT-Staging.pins.yaml (blob "))
    #expect(markdown.contains("declared for programme release R3, not R4"))
  }

  @Test(
    "verify: SIT-A is NO-GO and lists its accepted deviation; SIT-B fails pins_hold; UIT fails probes"
  )
  func verifyOthers() throws {
    let estate = try exampleEstate()
    func failedChecks(_ environment: String) throws -> [String] {
      let run = try CommandRun.baseline(
        ["verify", "--env", environment, "--format", "json"], in: estate.url)
      #expect(run.status == 1)
      let json = try run.json()
      #expect(json["decision"] as? String == "NO-GO")
      let checks = json["checks"] as? [[String: Any]] ?? []
      return checks.filter { $0["status"] as? String == "fail" }.compactMap { $0["id"] as? String }
    }
    #expect(try failedChecks("SIT-A") == ["builds_at_baseline", "configuration_items"])
    #expect(
      try failedChecks("SIT-B") == [
        "pins_hold", "builds_at_baseline", "no_untagged_builds", "configuration_items",
      ])
    #expect(try failedChecks("UIT") == ["probes", "builds_at_baseline"])
    // A failed probe's settings are not known: configuration_items is not passed by default.
    let uit = try CommandRun.baseline(
      ["verify", "--env", "UIT", "--format", "json"], in: estate.url)
    let items = (try uit.json()["checks"] as? [[String: Any]])?.first {
      $0["id"] as? String == "configuration_items"
    }
    #expect(items?["status"] as? String == "not_applicable", "\(String(describing: items))")
    #expect((items?["reasons"] as? [String])?.first?.hasPrefix("probe db-schema failed") == true)
    let text = try CommandRun.baseline(["verify", "--env", "SIT-A"], in: estate.url)
    #expect(
      text.stdout.contains(
        "accepted deviations (not counted):\n  - accepted (RFC-0142, until 2099-12-31): setting_drift"
      ))
  }

  @Test("verify: a baselined release tagged on two commits and not pinned is NO-GO")
  func verifyAmbiguousRelease() throws {
    let estate = try exampleEstate()
    try GitScript.git(
      ["tag", "v1.2.0.0", "1bce396"],
      in: estate.url.appendingPathComponent("repos/registration-service"))
    let run = try CommandRun.baseline(
      ["verify", "--env", "UIT", "--format", "json"], in: estate.url)
    let checks = try run.json()["checks"] as? [[String: Any]] ?? []
    let failed = checks.first { $0["id"] as? String == "releases_well_formed" }
    #expect(failed?["passed"] as? Bool == false)
    #expect(
      (failed?["reasons"] as? [String])?.first?.contains("is tagged on different commits") == true)
  }

  @Test("verify: a bad --format or two --env are usage errors (exit 2)")
  func verifyUsage() throws {
    let estate = try exampleEstate()
    #expect(
      try CommandRun.baseline(["verify", "--env", "SIT-A", "--env", "SIT-Staging"], in: estate.url)
        .status == 2)
    #expect(
      try CommandRun.baseline(["verify", "--env", "SIT-A", "--format", "junit"], in: estate.url)
        .status == 2)
    #expect(try CommandRun.baseline(["verify"], in: estate.url).status == 2)
    #expect(try CommandRun.baseline(["verify", "--env", "PROD"], in: estate.url).status == 2)
  }

  @Test("pin: writes once, then leaves the file alone; pins survive an edit of the baseline")
  func pinsSurviveEdits() throws {
    let estate = try exampleEstate()
    let first = try CommandRun.baseline(["pin", "--env", "SIT-A"], in: estate.url)
    #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
    #expect(
      first.stdout.hasPrefix(
        "SIT-A: wrote Baselines/SIT-A.pins.yaml (4 pinned, 2 pinned in baseline)"))
    let file = estate.url.appendingPathComponent("Baselines/SIT-A.pins.yaml")
    let written = try Data(contentsOf: file)
    let again = try CommandRun.baseline(["pin", "--env", "SIT-A"], in: estate.url)
    #expect(again.status == 0)
    #expect(
      again.stdout.hasPrefix(
        "SIT-A: Baselines/SIT-A.pins.yaml unchanged (4 kept, 2 pinned in baseline)"))
    #expect(try Data(contentsOf: file) == written)

    // An edit: comments, an order change and another release for market-data-service.
    let baselineFile = estate.url.appendingPathComponent("Baselines/SIT-A.yaml")
    var text = try String(contentsOf: baselineFile, encoding: .utf8)
    text =
      "# edited after approval\n"
      + text.replacingOccurrences(
        of: "  market-data-service:\n    version: \"1.2.1.0\"",
        with: "  # rolled back by CR-101\n  market-data-service:\n    version: \"1.2.0.0\"")
    try text.write(to: baselineFile, atomically: true, encoding: .utf8)
    let report = try CommandRun.baseline(
      ["report", "--env", "SIT-A", "--format", "json"], in: estate.url)
    let rows = try #require(
      ((try report.json()["environments"] as? [[String: Any]])?.first?["components"])
        as? [[String: Any]])
    func row(_ name: String) -> [String: Any]? { rows.first { $0["component"] as? String == name } }
    #expect(row("load-shaping-service")?["pin_source"] as? String == "pin_file")
    #expect(
      row("load-shaping-service")?["pin"] as? String == "5a5d14cd19531c93d7508b2ac813ddac83cb2726")
    #expect(row("dip-adapter")?["pin_source"] as? String == "baseline")
    #expect(row("market-data-service")?["pin"] is NSNull, "the pin was for 1.2.1.0")
    let lint = try CommandRun.baseline(["lint"], in: estate.url)
    #expect(lint.stdout.contains("the pin of market-data-service 1.2.1.0 is not used"))
    let repinned = try CommandRun.baseline(["pin", "--env", "SIT-A"], in: estate.url)
    #expect(repinned.status == 0)
    #expect(repinned.stdout.contains("market-data-service        1.2.0.0  abe8296  pinned"))
  }

  @Test(
    "pin: a moved tag is caught by report, verify, lint and pin, and only --repin moves the pin")
  func movedTagAfterPinning() throws {
    let estate = try exampleEstate()
    #expect(try CommandRun.baseline(["pin", "--env", "SIT-A"], in: estate.url).status == 0)
    // Force-move load-shaping-service's v1.2.0.0 to the untagged work-in-progress commit.
    let repository = estate.url.appendingPathComponent("repos/load-shaping-service")
    try GitScript.git(
      ["tag", "-f", "-a", "-m", "rebuilt", "v1.2.0.0", "080a1e1d574ed3a54810df05a787b1699ae5fd4b"],
      in: repository)
    let report = try CommandRun.baseline(["report", "--env", "SIT-A"], in: estate.url)
    #expect(report.status == 1)
    #expect(
      report.stdout.contains(
        "moved_tag: the tag v1.2.0.0 of load-shaping-service 1.2.0.0 now names 080a1e1d574ed3a54810df05a787b1699ae5fd4b"
      ))
    let verify = try CommandRun.baseline(
      ["verify", "--env", "SIT-A", "--format", "json"], in: estate.url)
    let checks = try verify.json()["checks"] as? [[String: Any]] ?? []
    #expect(
      checks.contains { $0["id"] as? String == "pins_hold" && $0["passed"] as? Bool == false })
    let lint = try CommandRun.baseline(["lint"], in: estate.url)
    #expect(lint.status == 1)
    #expect(lint.stdout.contains("problem  pin: Baselines/SIT-A.pins.yaml"))

    let file = estate.url.appendingPathComponent("Baselines/SIT-A.pins.yaml")
    let before = try Data(contentsOf: file)
    let refused = try CommandRun.baseline(["pin", "--env", "SIT-A"], in: estate.url)
    #expect(refused.status == 1)
    #expect(refused.stdout.contains("MOVED: pinned to 5a5d14cd19531c93d7508b2ac813ddac83cb2726"))
    #expect(try Data(contentsOf: file) == before, "the old pin is kept")
    let accepted = try CommandRun.baseline(
      ["pin", "--env", "SIT-A", "--repin", "load-shaping-service"], in: estate.url)
    #expect(accepted.status == 0)
    #expect(accepted.stdout.contains("re-pinned from 5a5d14c"))
    #expect(
      try String(contentsOf: file, encoding: .utf8).contains(
        "commit: 080a1e1d574ed3a54810df05a787b1699ae5fd4b"))
    #expect(try CommandRun.baseline(["pin", "--repin", "nothing"], in: estate.url).status == 2)

    // A run that cannot pin everything writes nothing: a release typed wrong and typed back
    // must not drop a pin and then pin a moved tag afresh.
    let baselineFile = estate.url.appendingPathComponent("Baselines/SIT-A.yaml")
    let original = try String(contentsOf: baselineFile, encoding: .utf8)
    try GitScript.git(["tag", "-f", "-a", "-m", "moved", "v1.2.0.0", "HEAD~1"], in: repository)
    let pinsBefore = try Data(contentsOf: file)
    try original.replacingOccurrences(
      of: "  load-shaping-service:\n    version: \"1.2.0.0\"",
      with: "  load-shaping-service:\n    version: \"1.2.0.9\""
    ).write(to: baselineFile, atomically: true, encoding: .utf8)
    let typo = try CommandRun.baseline(["pin", "--env", "SIT-A"], in: estate.url)
    #expect(typo.status == 1)
    #expect(typo.stdout.contains("NOT written"))
    #expect(try Data(contentsOf: file) == pinsBefore)
    try original.write(to: baselineFile, atomically: true, encoding: .utf8)
    let back = try CommandRun.baseline(["pin", "--env", "SIT-A"], in: estate.url)
    #expect(back.status == 1, "the moved tag is still caught")
    #expect(back.stdout.contains("MOVED"))
  }

  @Test("lint: every problem of a broken estate in one pass, with file and line; exit 1")
  func lintBrokenEstate() throws {
    let estate = try exampleEstate()
    let clean = try CommandRun.baseline(["lint"], in: estate.url)
    #expect(clean.status == 1, "the example's SIT-B pin has moved")
    #expect(
      clean.stdout.hasSuffix("4 environments, 6 components: 1 problem, 3 warnings. Exit 1.\n"))
    func edit(_ path: String, _ from: String, _ to: String) throws {
      let url = estate.url.appendingPathComponent(path)
      let text = try String(contentsOf: url, encoding: .utf8)
      #expect(text.contains(from))
      try text.replacingOccurrences(of: from, with: to).write(
        to: url, atomically: true, encoding: .utf8)
    }
    try edit("Baselines/SIT-A.yaml", "version: \"1.2.0.0\"", "version: \"1.2\"")
    try edit("Baselines/SIT-A.yaml", "expires: 2099-12-31", "expires: 2020-01-31")
    try edit("Baselines/UIT.yaml", "version: \"1.2.0.0\"", "version: \"1.9.0.0\"")
    try edit("Baselines/SIT-Staging.pins.yaml", "commit: c6a93bc", "commit: zz")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o644], ofItemAtPath: estate.path("Probes/db-schema"))
    let run = try CommandRun.baseline(["lint", "--format", "json"], in: estate.url)
    #expect(run.status == 1)
    let json = try run.json()
    #expect(json["schema"] as? String == "baseline.lint/1")
    let problems = (json["problems"] as? [[String: Any]] ?? []).map {
      "\($0["check"] as? String ?? ""): \($0["file"] as? String ?? "")"
        + (($0["line"] as? Int).map { ":\($0)" } ?? "")
    }
    #expect(problems.contains { $0.hasPrefix("parse: Baselines/SIT-A.yaml:") })
    #expect(problems.contains { $0.hasPrefix("parse: Baselines/SIT-Staging.pins.yaml:") })
    #expect(problems.contains("tag: Baselines/UIT.yaml"))
    #expect(problems.contains("probe: Baselines/UIT.yaml"))
    #expect(problems.contains("pin: Baselines/SIT-B.yaml"))
    #expect(problems.count == 6, "\(problems)")  // two releases of UIT became 1.9.0.0
    let text = try CommandRun.baseline(["lint"], in: estate.url)
    #expect(
      text.stdout.contains(
        "problem  tag: Baselines/UIT.yaml: registration-service 1.9.0.0: no tag of the repository is that release"
      ))
  }

  @Test("lint: an expired acceptance is a problem; no Baselines/ folder is exit 2")
  func lintExpiredAndMissing() throws {
    let estate = try exampleEstate()
    let url = estate.url.appendingPathComponent("Baselines/SIT-A.yaml")
    let text = try String(contentsOf: url, encoding: .utf8)
    try text.replacingOccurrences(of: "expires: 2099-12-31", with: "expires: 2020-01-31")
      .write(to: url, atomically: true, encoding: .utf8)
    let run = try CommandRun.baseline(["lint"], in: estate.url)
    #expect(run.stdout.contains("problem  acceptance: Baselines/SIT-A.yaml:"))
    #expect(run.stdout.contains("expired at the end of 2020-01-31"))
    let report = try CommandRun.baseline(["report", "--env", "SIT-A"], in: estate.url)
    #expect(
      report.stdout.contains("expired_acceptance: the acceptance of dip-adapter setting_drift"))
    let empty = TemporaryDirectory()
    #expect(try CommandRun.baseline(["lint"], in: empty.url).status == 2)
  }

  @Test("tags: naming problems in text and JSON, on a repository with a skipped number")
  func tagsNamingProblems() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url.appendingPathComponent("repo"))
    for tag in ["1.0.0.0", "1.0.2.0", "v1.0.02.1"] {
      try git.commit("work \(tag)")
      try git.tag(tag)
    }
    try folder.write(
      "Baselines/components.yaml", "components:\n  alpha:\n    repository: ../repo\n")
    let text = try CommandRun.baseline(["tags", "--component", "alpha"], in: folder.url)
    #expect(text.status == 0)
    #expect(text.stdout.contains("naming problems (2): 1 non_canonical, 1 skipped_number\n"))
    #expect(
      text.stdout.contains(
        "  skipped_number: 1.0.2.0 follows 1.0.0.0, but the next patch release is 1.0.1.0: a number was skipped\n"
      ))
    let json = try CommandRun.baseline(
      ["tags", "--component", "alpha", "--format", "json"], in: folder.url
    ).json()
    let problems = json["problems"] as? [[String: Any]] ?? []
    #expect(problems.compactMap { $0["kind"] as? String } == ["skipped_number", "non_canonical"])
    #expect(problems.first?["previous"] as? String == "1.0.0.0")
    #expect(json["other_tags"] as? Int == 0)
  }

  @Test("tags: the tags that follow no pattern are counted, so a wrong pattern shows")
  func otherTagsCounted() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url.appendingPathComponent("repo"))
    for tag in ["v1.0.0.0", "v1.0.1.0", "nightly"] {
      try git.commit("work \(tag)")
      try git.tag(tag)
    }
    try folder.write(
      "Baselines/components.yaml",
      "components:\n  alpha:\n    repository: ../repo\n    tag: \"release-{version}\"\n")
    let text = try CommandRun.baseline(["tags", "--component", "alpha"], in: folder.url)
    #expect(text.status == 0)
    #expect(text.stdout.contains("0 tagged builds"), "\(text.stdout)")
    #expect(
      text.stdout.contains("3 other tags of the repository follow none of these patterns"),
      "\(text.stdout)")
    let json = try CommandRun.baseline(
      ["tags", "--component", "alpha", "--format", "json"], in: folder.url
    ).json()
    #expect(json["other_tags"] as? Int == 3)
  }
}
