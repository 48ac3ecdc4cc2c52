import BaselineTestSupport
import Foundation
import Testing

/// Faults found by a third trial of `verify` (saved probes, commits named by branches,
/// untagged builds under an acceptance, line feeds in the text forms), each run with the
/// built binary on a copy of the example estate: each test fails on the binary before its fix.
@Suite("Third trial: saved probes, branch-like commits, accepted versions, report lines")
struct ThirdTrialTests {
  /// Saves SIT-Staging's inventory (`baseline probe --output`) and returns its path.
  private func saved(_ estate: TemporaryDirectory) throws -> String {
    let saved = estate.path("SIT-Staging.inventory.json")
    let probe = try CommandRun.baseline(
      ["probe", "--env", "SIT-Staging", "--output", saved], in: estate.url)
    #expect(probe.status == 0)
    return saved
  }

  /// The saved inventory's JSON object.
  private func object(_ path: String) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        as? [String: Any])
  }

  /// Writes `object` to `path`, with `change` applied to the component `name`.
  private func write(
    _ object: [String: Any], to path: String, component name: String,
    _ change: (inout [String: Any]) -> Void
  ) throws {
    var object = object
    var components = object["components"] as? [[String: Any]] ?? []
    for index in components.indices where components[index]["name"] as? String == name {
      change(&components[index])
    }
    object["components"] = components
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
  }

  private func git(_ arguments: [String], in directory: URL) throws -> String {
    let run = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["git"] + arguments,
      in: directory,
      environment: CommandRun.environment([
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
      ]))
    #expect(run.status == 0, "git \(arguments): \(run.stderr)")
    return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private func check(_ run: CommandRun, _ id: String) throws -> [String: Any]? {
    let checks = try run.json()["checks"] as? [[String: Any]] ?? []
    return checks.first { $0["id"] as? String == id }
  }

  @Test("a saved inventory that records its probes: every probe ran is a pass, not n/a")
  func fileWithProbesIsAProbeRun() throws {
    let estate = try exampleEstate()
    let saved = try saved(estate)
    let verify = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--inventory", saved, "--format", "json"], in: estate.url)
    #expect(verify.status == 0)
    let probes = try check(verify, "probes")
    #expect(probes?["status"] as? String == "pass")
    #expect((probes?["reasons"] as? [String]) == [])
  }

  @Test(
    "a branch named like hex (short, forty digits, fullwidth) is no commit evidence; an id is",
    arguments: [
      ("deadbeef", false), ("0123456789abcdef0123456789abcdef01234567", false),
      ("\u{FF43}\u{FF16}\u{FF41}\u{FF19}", false), ("C6A93BC", true), ("c6a9", true),
    ])
  func hexLikeBranchIsNoCommitEvidence(commit: String, isEvidence: Bool) throws {
    let estate = try exampleEstate()
    let repository = estate.url.appendingPathComponent("repos/smart-meter-gateway")
    let head = try git(["rev-parse", "2.0.0.0^{commit}"], in: repository)
    #expect(head.hasPrefix("c6a93bc"))
    if !isEvidence { _ = try git(["branch", commit, head], in: repository) }
    let baseline = estate.url.appendingPathComponent("Baselines/SIT-Staging.yaml")
    let text = try String(contentsOf: baseline, encoding: .utf8)
    try text.replacingOccurrences(of: "max_age: 36h", with: "max_age: 36h\nevidence: commit")
      .write(to: baseline, atomically: true, encoding: .utf8)
    let saved = try saved(estate)
    try write(try object(saved), to: saved, component: "smart-meter-gateway") {
      $0["commit"] = commit
    }
    let verify = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--inventory", saved, "--format", "json"], in: estate.url)
    let proofs = try verify.json()["proofs"] as? [[String: Any]] ?? []
    let proof = proofs.first { $0["component"] as? String == "smart-meter-gateway" }
    #expect(proof?["seen_by"] as? String == (isEvidence ? "commit" : "version"))
    #expect(try verify.json()["decision"] as? String == (isEvidence ? "GO" : "NO-GO"))
    #expect(verify.status == (isEvidence ? 0 : 1))
  }

  @Test("an accepted version_mismatch does not accept the untagged build that claims it")
  func acceptedVersionIsNoAcceptedUntaggedBuild() throws {
    let estate = try exampleEstate()
    let repository = estate.url.appendingPathComponent("repos/market-data-service")
    // The untagged commit after 1.1.0.0, tagged with a name that follows the tag pattern but
    // is no release: the claim of 1.1.0.1 (no such tag) on it is one version_mismatch.
    let untagged = try git(["rev-parse", "1.2.0.0~1"], in: repository)
    _ = try git(["tag", "1.1.0-1", untagged], in: repository)
    let baseline = estate.url.appendingPathComponent("Baselines/SIT-Staging.yaml")
    let text = try String(contentsOf: baseline, encoding: .utf8)
    try
      (text + """
        accepted:
          - component: market-data-service
            kind: version_mismatch
            actual: "1.1.0.1"
            reason: "an emergency build under test"
            reference: RFC-1
            expires: 2099-12-31

        """).write(to: baseline, atomically: true, encoding: .utf8)
    let saved = try saved(estate)
    try write(try object(saved), to: saved, component: "market-data-service") {
      $0["commit"] = untagged
      $0["version"] = "1.1.0.1"
    }
    let verify = try CommandRun.baseline(
      ["verify", "--env", "SIT-Staging", "--inventory", saved, "--format", "json"], in: estate.url)
    let findings = try verify.json()["findings"] as? [[String: Any]] ?? []
    // An emergency version claimed on a commit that is not its tagged build: its fix is not
    // proven carried either.
    #expect(findings.map { $0["kind"] as? String } == ["version_mismatch", "hotfix_regression"])
    #expect(try check(verify, "no_untagged_builds")?["status"] as? String == "fail")
    #expect(try check(verify, "no_hotfix_regression")?["status"] as? String == "fail")
    #expect(try verify.json()["decision"] as? String == "NO-GO")
    #expect(verify.status == 1)
  }

  @Test("line feeds in reported names, versions and probe names stay inside their report line")
  func noForgedLines() throws {
    let estate = try exampleEstate()
    let saved = try saved(estate)
    var object = try object(saved)
    var components = object["components"] as? [[String: Any]] ?? []
    components.append([
      "name": "zz\nFORGED name\u{2028}FORGED separator", "version": "1.0.0.0\nFORGED version",
    ])
    object["components"] = components
    var probes = object["probes"] as? [[String: Any]] ?? []
    probes[0]["probe"] = "inventory\nFORGED probe"
    probes.append([
      "probe": "p2\nFORGED failed probe", "status": "failed", "failure": "boom",
      "stderr": "one\ntwo",
    ])
    object["probes"] = probes
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: saved))
    for arguments in [
      ["verify", "--env", "SIT-Staging", "--inventory", saved],
      ["report", "--inventory", saved],
    ] {
      let run = try CommandRun.baseline(arguments, in: estate.url)
      #expect(run.status == 1)
      #expect(run.stdout.contains("FORGED name"))
      #expect(!run.stdout.contains("\u{2028}"))
      let forged = run.stdout.split(separator: "\n").filter { $0.hasPrefix("FORGED") }
      #expect(forged.isEmpty, "\(arguments[0]): \(forged)")
    }
  }
}
