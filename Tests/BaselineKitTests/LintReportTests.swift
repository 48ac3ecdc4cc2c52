import BaselineKit
import BaselineTestSupport
import Foundation
import Testing

/// `LintReport.run` on a small estate in a temporary folder: each check's problems and warnings
/// carry its id, in the order the checks run.
@Suite("LintReport: every problem and warning carries the id of the check that found it")
struct LintReportTests {
  /// A fixed time for acceptances to expire against.
  static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

  /// Components `alpha` and `bravo`, both in the one repository `repos/alpha`.
  static let components = """
    components:
      alpha:
        repository: ../repos/alpha
      bravo:
        repository: ../repos/alpha

    """

  /// An estate with `components`, an executable probe `Probes/inventory`, a repository
  /// `repos/alpha` with one commit per tag (in order, each tag on its own commit), and
  /// `baseline(commits)` as `Baselines/SIT-A.yaml`, where `commits` maps each tag to its commit.
  struct LintEstate {
    let folder: TemporaryDirectory
    let commits: [String: String]

    init(
      tags: [String] = ["1.0.0.0", "1.1.0.0"], components: String = LintReportTests.components,
      baseline: (_ commits: [String: String]) -> String
    ) throws {
      folder = TemporaryDirectory("lint")
      var git = try GitScript(at: folder.url.appendingPathComponent("repos/alpha"))
      var commits: [String: String] = [:]
      for tag in tags {
        commits[tag] = try git.commit("build of \(tag)")
        try git.tag(tag)
      }
      self.commits = commits
      try folder.write("Baselines/components.yaml", components)
      try folder.write("Baselines/SIT-A.yaml", baseline(commits))
      try folder.write("Probes/inventory", "#!/bin/sh\necho '{}'\n", executable: true)
    }

    /// Lints the estate at ``LintReportTests/now``.
    func lint() throws -> LintReport {
      try LintReport.run(root: folder.url, now: LintReportTests.now)
    }
  }

  /// A baseline of `alpha` at `release`, pinned to `commit` when given.
  static func baseline(_ release: String = "1.1.0.0", commit: String? = nil, extra: String = "")
    -> String
  {
    """
    environment: SIT-A
    components:
      alpha:
        version: "\(release)"
    \(commit.map { "    commit: \($0)\n" } ?? "")\(extra)
    """
  }

  @Test("the ids are those of baseline.lint/1, in the order the checks run")
  func ids() {
    #expect(
      LintReport.Check.allCases.map(\.rawValue) == [
        "parse", "repository", "signatures", "naming", "probe", "tag", "pin", "acceptance",
      ])
  }

  @Test("an estate with every release tagged and pinned has no problem and no warning")
  func clean() throws {
    let estate = try LintEstate { Self.baseline(commit: $0["1.1.0.0"]) }
    let report = try estate.lint()
    #expect(report.problems.isEmpty, "\(report.problems)")
    #expect(report.warnings.isEmpty, "\(report.warnings)")
    #expect(report.exitCode == 0)
    #expect(report.environments == ["SIT-A"])
    #expect(report.components == ["alpha", "bravo"])
  }

  @Test("parse: a baseline that does not read is a problem with file and line")
  func parseBaseline() throws {
    let estate = try LintEstate { _ in Self.baseline("1.2") }
    let report = try estate.lint()
    let problem = try #require(report.problems.first)
    #expect(report.problems.map(\.check) == [.parse])
    #expect(problem.file == "Baselines/SIT-A.yaml")
    #expect(problem.line == 4)
    #expect(report.warnings.isEmpty)
    #expect(report.exitCode == 1)
  }

  @Test("parse: a components.yaml that does not read is a problem and a warning, and stops lint")
  func parseComponents() throws {
    let estate = try LintEstate(components: "components:\n  alpha:\n    repo: ../repos/alpha\n") {
      _ in Self.baseline("1.9.0.0")
    }
    let report = try estate.lint()
    #expect(report.problems.map(\.check) == [.parse])
    #expect(report.problems.first?.file == "Baselines/components.yaml")
    #expect(report.warnings.map(\.check) == [.parse])
    #expect(
      report.warnings.first?.message == "baselines are not checked until components.yaml reads")
    #expect(report.components.isEmpty)
  }

  @Test("parse: a misnamed baseline file is a problem; the other baselines are still checked")
  func parseEnvironments() throws {
    let estate = try LintEstate { _ in Self.baseline("1.9.0.0") }
    try estate.folder.write("Baselines/UIT.yml", "environment: UIT\n")
    let report = try estate.lint()
    #expect(report.problems.map(\.check) == [.parse, .tag])
    #expect(report.problems.first?.file == "Baselines/UIT.yml")
    #expect(report.environments == ["SIT-A"])
  }

  @Test("repository: a repository that does not open is a problem of components.yaml")
  func repository() throws {
    let components = Self.components + "  charlie:\n    repository: ../repos/absent\n"
    let estate = try LintEstate(components: components) { Self.baseline(commit: $0["1.1.0.0"]) }
    let report = try estate.lint()
    let problem = try #require(report.problems.first)
    #expect(report.problems.map(\.check) == [.repository])
    #expect(problem.file == "Baselines/components.yaml")
    #expect(problem.message.contains("charlie"), "\(problem.message)")
    #expect(report.warnings.isEmpty, "alpha's repository still reads: \(report.warnings)")
  }

  @Test("naming: a skipped number in a component's tags is a warning, not a problem")
  func naming() throws {
    let estate = try LintEstate(tags: ["1.0.0.0", "1.0.2.0"]) {
      Self.baseline("1.0.2.0", commit: $0["1.0.2.0"])
    }
    let report = try estate.lint()
    #expect(report.problems.isEmpty, "\(report.problems)")
    #expect(report.warnings.map(\.check) == [.naming, .naming], "alpha and bravo share the tags")
    #expect(
      report.warnings.first?.message
        == "component alpha: 1 naming problem in its tags (1 skipped_number); "
        + "`baseline tags --component alpha` lists them")
    #expect(report.exitCode == 0)
  }

  @Test("probe: a probe the baseline names that is not in Probes/ is a problem")
  func probe() throws {
    let estate = try LintEstate {
      Self.baseline(commit: $0["1.1.0.0"], extra: "probes: [absent]\n")
    }
    let report = try estate.lint()
    #expect(report.problems.map(\.check) == [.probe])
    #expect(report.problems.first?.file == "Baselines/SIT-A.yaml")
  }

  @Test("tag: a release no tag names, and a release tagged on two commits, are problems")
  func tag() throws {
    let untagged = try LintEstate { _ in Self.baseline("1.9.0.0") }
    let report = try untagged.lint()
    #expect(report.problems.map(\.check) == [.tag])
    #expect(
      report.problems.first?.description
        == "Baselines/SIT-A.yaml: alpha 1.9.0.0: no tag of the repository is that release")
    #expect(report.warnings.map(\.check) == [.pin], "not pinned")

    let twice = try LintEstate(tags: ["1.0.0.0", "v1.0.0.0"]) {
      Self.baseline("1.0.0.0", commit: $0["1.0.0.0"])
    }
    let both = try twice.lint()
    #expect(both.problems.map(\.check) == [.tag])
    #expect(both.problems.first?.message.contains("is tagged on different commits") == true)
    #expect(both.warnings.map(\.check) == [.naming, .naming], "conflicting_tags")
  }

  @Test("pin: a moved pin is a problem; a release not pinned and a stale pin are warnings")
  func pin() throws {
    let moved = try LintEstate { Self.baseline(commit: $0["1.0.0.0"]) }
    let report = try moved.lint()
    #expect(report.problems.map(\.check) == [.pin])
    let commits = moved.commits
    #expect(
      report.problems.first?.message
        == "alpha 1.1.0.0 is pinned to \(commits["1.0.0.0"] ?? ""), but its tag now names "
        + "\(commits["1.1.0.0"] ?? "") (moved_tag)")

    let stale = try LintEstate { _ in Self.baseline() }
    try stale.folder.write(
      "Baselines/SIT-A.pins.yaml",
      """
      schema: baseline.pins/1
      environment: SIT-A
      components:
        alpha:
          release: "1.0.0.0"
          tag: "1.0.0.0"
          commit: \(stale.commits["1.0.0.0"] ?? "")

      """)
    let warned = try stale.lint()
    #expect(warned.problems.isEmpty, "\(warned.problems)")
    #expect(warned.warnings.map(\.check) == [.pin, .pin])
    #expect(warned.warnings.map(\.file) == ["Baselines/SIT-A.yaml", "Baselines/SIT-A.pins.yaml"])
    #expect(warned.warnings.first?.message.hasPrefix("not pinned: alpha; ") == true)
    #expect(warned.warnings.last?.line == 4)
  }

  @Test("acceptance: an accepted deviation past its date is a problem at its line")
  func acceptance() throws {
    let accepted = """
      accepted:
        - component: alpha
          kind: setting_drift
          key: mode
          actual: lax
          reason: "load test"
          reference: RFC-7
          expires: 2025-06-30

      """
    let estate = try LintEstate { Self.baseline(commit: $0["1.1.0.0"], extra: accepted) }
    let report = try estate.lint()
    #expect(report.problems.map(\.check) == [.acceptance])
    #expect(report.problems.first?.line == 7, "the line of its `- component:`")
    #expect(report.problems.first?.message.hasSuffix("expired at the end of 2025-06-30") == true)
  }

  @Test("problems keep the baseline's component order, tag and pin interleaved; JSON and text")
  func order() throws {
    let estate = try LintEstate { commits in
      """
      environment: SIT-A
      components:
        bravo:
          version: "1.1.0.0"
          commit: \(commits["1.0.0.0"] ?? "")
        alpha:
          version: "1.9.0.0"

      """
    }
    let report = try estate.lint()
    #expect(report.problems.map(\.check) == [.pin, .tag])
    let json = try #require(
      JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
    let problems = json["problems"] as? [[String: Any]] ?? []
    #expect(problems.compactMap { $0["check"] as? String } == ["pin", "tag"])
    #expect(report.text().contains("\n  problem  tag: Baselines/SIT-A.yaml: alpha 1.9.0.0: "))
  }
}
