import BaselineKit
import BaselineTestSupport
import Foundation
import FoundationXML
import Testing

@Suite("DriftReport renderers: json, text, markdown, junit")
struct DriftReportRenderingTests {
  let sample: SampleReport

  init() throws {
    sample = try SampleReport()
  }

  @Test("the drift check judges each environment against its own probes")
  func statuses() {
    #expect(sample.report.environments.map(\.environment) == ["SIT-A", "SIT-B", "UIT"])
    #expect(sample.report.environments.map(\.status) == [.inBaseline, .drifted, .incomplete])
    #expect(
      sample.report.environments.map { $0.findings.map(\.kind) } == [
        [], [.versionMismatch, .settingDrift, .unexpectedComponent], [.probeFailed],
      ])
    #expect(sample.report.findingCount == 4)
    #expect(sample.report.exitCode == 1)
    #expect(
      sample.report.warnings == [
        "alpha: tag 1.0.1-3: follows the tag pattern but expected a release like 1.2.0.0 (mhhs), "
          + "found \"1.0.1-3\"",
        "bravo: tag 1.0.1-3: follows the tag pattern but expected a release like 1.2.0.0 (mhhs), "
          + "found \"1.0.1-3\"",
      ])
  }

  @Test("json: baseline.report/1 reads back with statuses, findings and summary")
  func json() throws {
    let data = Data(sample.report.json().utf8)
    let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(document["schema"] as? String == "baseline.report/1")
    #expect(document["generated_at"] as? String == "2026-11-29T01:00:00Z")
    let environments = try #require(document["environments"] as? [[String: Any]])
    #expect(environments.map { $0["environment"] as? String } == ["SIT-A", "SIT-B", "UIT"])
    #expect(
      environments.map { $0["status"] as? String } == ["in_baseline", "drifted", "incomplete"])
    #expect(
      environments.map { $0["collected_at"] as? String }
        == Array(repeating: "2026-11-29T01:00:00Z", count: 3))
    let kinds = environments.map { environment in
      ((environment["findings"] as? [[String: Any]]) ?? []).map { $0["kind"] as? String }
    }
    #expect(
      kinds == [
        [], ["version_mismatch", "setting_drift", "unexpected_component"], ["probe_failed"],
      ])

    let drifted = try #require(environments[1]["findings"] as? [[String: Any]])
    #expect(drifted[0]["component"] as? String == "alpha")
    #expect(drifted[0]["expected"] as? String == "1.1.0.0")
    #expect(drifted[0]["actual"] as? String == "1.0.0.0")
    #expect(drifted[0]["message"] as? String == "SIT-B: alpha runs 1.0.0.0, baseline says 1.1.0.0")
    #expect(drifted[1]["key"] as? String == "greeting")
    #expect(drifted[1]["expected"] as? String == "a<b & \"c\"")
    #expect(drifted[2]["expected"] is NSNull)
    let failed = try #require((environments[2]["findings"] as? [[String: Any]])?.first)
    #expect(failed["component"] is NSNull)
    #expect(failed["probe"] as? String == "broken")
    #expect(failed["actual"] as? String == "exit 3: connection refused")

    let rows = try #require(environments[0]["components"] as? [[String: Any]])
    #expect(rows.first?["commit"] as? String == sample.v1100)
    #expect(rows.first?["tag_commit"] as? String == sample.v1100)
    #expect(rows.first?["deployed_tag"] as? String == "1.1.0.0")
    // Seen by version only: no commit, so no tag on it is claimed; `tag` is the baseline's.
    let driftedRows = try #require(environments[1]["components"] as? [[String: Any]])
    #expect(driftedRows.first?["tag"] as? String == "1.1.0.0")
    #expect(driftedRows.first?["deployed_tag"] is NSNull)
    let probes = try #require(environments[2]["probes"] as? [[String: Any]])
    #expect(probes.map { $0["name"] as? String } == ["inventory", "broken"])
    #expect(probes.map { $0["status"] as? String } == ["ok", "failed"])
    #expect(probes.last?["exit_status"] as? Int == 3)
    #expect(probes.last?["stderr"] as? String == "connecting\nconnection refused\n")

    let summary = try #require(document["summary"] as? [String: Any])
    #expect(summary["environments"] as? Int == 3)
    #expect(summary["findings"] as? Int == 4)
    #expect(summary["in_baseline"] as? Int == 1)
    #expect(summary["drifted"] as? Int == 1)
    #expect(summary["incomplete"] as? Int == 1)
    #expect((document["warnings"] as? [String])?.count == 2)
  }

  @Test("text: a header per environment and the summary line with the exit code")
  func text() throws {
    let text = sample.report.text()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.last == "")
    #expect(
      lines.dropLast().last
        == "3 environments: 1 in baseline, 1 drifted, 1 incomplete; 4 findings. Exit 1.")
    #expect(
      lines.first?.hasPrefix("SIT-A  in baseline  (0 findings)    probes: inventory ok 0.2 s")
        == true)
    #expect(lines.first?.hasSuffix("collected 2026-11-29 01:00 UTC") == true)
    #expect(lines.contains { $0.hasPrefix("SIT-B  drifted  (3 findings)") })
    #expect(
      lines.contains {
        $0.hasPrefix(
          "UIT  incomplete  (1 finding)    probes: inventory ok 0.2 s, broken FAILED "
            + "(exit 3: connection refused)")
      })
    #expect(lines.contains("      broken stderr: connection refused"))
    #expect(lines.contains { $0.hasPrefix("  ! probe_failed: probe broken failed") })
    #expect(
      lines.contains { $0.contains("version_mismatch: alpha runs 1.0.0.0, baseline says 1.1.0.0") })
    #expect(lines.contains("warnings (2):"))
    #expect(!text.contains("\u{1B}["))
    #expect(sample.report.text(colour: true).contains("\u{1B}[31mdrifted\u{1B}[0m"))
  }

  @Test("markdown: headings, tables with five cells a row, escaped pipes, the closing line")
  func markdown() throws {
    let markdown = sample.report.markdown()
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "# Drift report, 2026-11-29 01:00 UTC")
    #expect(
      lines.dropLast().last
        == "3 environments: 1 in baseline, 1 drifted, 1 incomplete; 4 findings; exit 1.")
    #expect(
      lines.filter { $0.hasPrefix("## ") } == [
        "## SIT-A: in_baseline", "## SIT-B: drifted", "## UIT: incomplete", "## Warnings",
      ])
    #expect(lines.contains("| SIT-B | drifted | 3 | 2026-11-29 01:00 UTC |"))
    #expect(lines.contains { $0.hasPrefix("| pipe\\|name | — | 9.9.9.9 |") })
    #expect(
      lines.contains(
        "- `probe_failed`: UIT: probe broken failed (exit 3: connection refused); what it would report is unknown"
      ))
    var header: Int?
    for line in lines where line.hasPrefix("|") {
      let cells = Self.unescapedPipes(line) - 1
      if line.hasPrefix("| environment |") || line.hasPrefix("| component |") { header = cells }
      #expect(cells == header, "\(line)")
    }
    #expect(header == 5)
  }

  /// The `|` in a line that are not escaped with a backslash.
  static func unescapedPipes(_ line: String) -> Int {
    var count = 0
    var escaped = false
    for character in line {
      if character == "|" && !escaped { count += 1 }
      escaped = character == "\\" && !escaped
    }
    return count
  }

  @Test("junit: well-formed XML, a suite per environment, one failure per failing case")
  func junit() throws {
    let document = try XMLDocument(xmlString: sample.report.junit(), options: [])
    let root = try #require(document.rootElement())
    #expect(root.name == "testsuites")
    #expect(root.attribute(forName: "tests")?.stringValue == "9")
    #expect(root.attribute(forName: "failures")?.stringValue == "3")
    let suites = root.elements(forName: "testsuite")
    #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["SIT-A", "SIT-B", "UIT"])
    #expect(suites.map { $0.attribute(forName: "tests")?.stringValue } == ["2", "4", "3"])
    #expect(suites.map { $0.attribute(forName: "failures")?.stringValue } == ["0", "2", "1"])
    let failures = try document.nodes(forXPath: "//failure").compactMap { $0 as? XMLElement }
    #expect(
      failures.map { $0.attribute(forName: "type")?.stringValue } == [
        "version_mismatch, setting_drift", "unexpected_component", "probe_failed",
      ])
    #expect(
      failures[0].stringValue?.contains(
        "setting_drift: SIT-B: alpha setting greeting is \"hello\", baseline says \"a<b & \"c\"\"")
        == true)
    let owners = failures.map {
      ($0.parent as? XMLElement)?.attribute(forName: "name")?.stringValue
    }
    #expect(owners == ["alpha", "pipe|name", "broken"])
  }

  @Test("junit: an environment where no probe ran still fails, with a failure element")
  func junitNoProbe() throws {
    let folder = TemporaryDirectory("report")
    var git = try GitScript(at: folder.url.appendingPathComponent("repos/alpha"))
    try git.commit("first")
    try git.tag("1.0.0.0")
    let estate = Estate(
      root: folder.url,
      components: [
        "alpha": Component(
          name: "alpha", repository: "../repos/alpha", repositoryURL: git.directory)
      ],
      baselines: [
        Baseline(
          environment: "UIT", probes: [],
          components: [Baseline.Entry(component: "alpha", release: try release("1.0.0.0"))])
      ])
    let report = try DriftCheck(estate: estate).report(runs: [], now: SampleReport.now)
    #expect(report.environments.first?.status == .incomplete)
    #expect(report.findingCount == 1)
    #expect(report.text().contains("  ! probe_failed: no probe ran"))
    #expect(report.markdown().contains("- `probe_failed`: UIT: no probe ran"))
    let document = try XMLDocument(xmlString: report.junit(), options: [])
    let failures = try document.nodes(forXPath: "//failure")
    #expect(
      try document.nodes(forXPath: "//testsuite/@failures").map(\.stringValue) == ["1"])
    #expect(failures.count == 1)
    #expect(try document.nodes(forXPath: "//testcase[@name='environment']/failure").count == 1)
  }
}

@Suite("Text output is safe for a terminal")
struct TerminalSafetyTests {
  @Test("escape sequences and bidi overrides from an inventory are shown, not obeyed")
  func hostileNames() throws {
    #expect(Terminal.safe("a\u{1B}[2Jb") == "a\\u{1b}[2Jb")
    #expect(Terminal.safe("line\nnext\r") == "line\nnext\\u{d}")
    #expect(Terminal.safe("x\u{202E}y\u{9B}z") == "x\\u{202e}y\\u{9b}z")
    #expect(Terminal.safe("plain — ünïcode ok") == "plain — ünïcode ok")
    let baseline = Baseline(environment: "SIT-A", components: [])
    let run = ProbeRun(
      probe: "inventory", environment: "SIT-A",
      inventory: Inventory(
        environment: "SIT-A", collectedAt: SampleReport.now,
        components: [Inventory.Entry(name: "evil\u{1B}]0;owned\u{7}", version: "1\u{1B}[31m")]))
    let environment = Comparison.compare(
      baseline: baseline, runs: [run], components: [:], facts: [:], now: SampleReport.now)
    let report = DriftReport(
      generatedAt: SampleReport.now, environments: [environment], warnings: [])
    for text in [report.text(), report.text(colour: true)] {
      #expect(!text.contains("\u{7}"))
      #expect(text.contains("evil\\u{1b}]0;owned\\u{7}"))
      #expect(!text.contains("\u{1B}]0"))
    }
    #expect(report.text(colour: true).hasPrefix("SIT-A  \u{1B}[31mdrifted\u{1B}[0m  (1 finding)"))
  }
}
