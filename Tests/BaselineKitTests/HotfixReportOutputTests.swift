import BaselineKit
import BaselineTestSupport
import Foundation
import Testing

/// `baseline hotfixes` in its three forms, on real repositories: every hotfix shows its tag
/// and commit; a component without emergency releases says so.
@Suite("Hotfix report output")
struct HotfixReportOutputTests {
  /// alpha: `v1.0.0.0`, the emergency release `v1.0.0.1` never merged, `v1.1.0.0` on main, then
  /// `v1.1.0.1` merged into main with no regular release after it. bravo: `1.0.0.0` only.
  struct Estate {
    let folder = TemporaryDirectory("hotfix-output")
    let report: HotfixReport
    /// Full ids of the commits of alpha's hotfixes (1.0.0.1, 1.1.0.1) and of bravo's release.
    let firstFix: String
    let secondFix: String

    init() throws {
      var alpha = try GitScript(at: folder.url.appendingPathComponent("alpha"))
      try alpha.commit("base", file: "app.txt")
      try alpha.tag("v1.0.0.0", message: "1.0.0.0")
      try alpha.run(["checkout", "-q", "-b", "hotfix/1.0.0.1"])
      firstFix = try alpha.commit("DEF-8 fix | the pipe", file: "fix.txt")
      try alpha.tag("v1.0.0.1", message: "1.0.0.1")
      try alpha.run(["checkout", "-q", "main"])
      try alpha.commit("feature", file: "feature.txt")
      try alpha.tag("v1.1.0.0", message: "1.1.0.0")
      try alpha.run(["checkout", "-q", "-b", "hotfix/1.1.0.1"])
      secondFix = try alpha.commit("DEF-9 second fix", file: "second.txt")
      try alpha.tag("v1.1.0.1", message: "1.1.0.1")
      try alpha.run(["checkout", "-q", "main"])
      try alpha.run(["merge", "-q", "--ff-only", "hotfix/1.1.0.1"])
      var bravo = try GitScript(at: folder.url.appendingPathComponent("bravo"))
      try bravo.commit("base", file: "app.txt")
      try bravo.tag("1.0.0.0")
      report = HotfixReport(
        components: try [alpha, bravo].map { script in
          let name = script.directory.lastPathComponent
          return try HotfixAnalysis.analyse(
            Component(
              name: name, repository: name, repositoryURL: script.directory, mainline: "main"))
        })
    }
  }

  @Test("markdown: tag and short commit on every row; no empty table for bravo; notes listed")
  func markdown() throws {
    let estate = try Estate()
    let first = String(estate.firstFix.prefix(7))
    let second = String(estate.secondFix.prefix(7))
    #expect(
      estate.report.markdown() == """
        # Emergency releases merged forward

        ## alpha

        | hotfix | tag | commit | status | target | target status | missing |
        |---|---|---|---|---|---|---|
        | 1.0.0.1 | v1.0.0.1 | \(first) | not_merged | 1.1.0.0 | not_merged | \(first) DEF-8 fix \\| the pipe |
        | 1.0.0.1 | v1.0.0.1 | \(first) | not_merged | main | not_merged | \(first) DEF-8 fix \\| the pipe |
        | 1.1.0.1 | v1.1.0.1 | \(second) | merged | main | merged | — |

        - 1.0.0.1: its own commits are those since tag v1.0.0.0, the release it patches
        - 1.1.0.1: no regular release after 1.1.0.1 yet

        ## bravo

        No emergency releases.

        2 emergency releases: 1 not merged, 0 needing review, 0 unknown. Exit 1.

        """)
  }

  @Test("markdown: a target's note follows its status (why unknown)")
  func markdownNote() throws {
    let estate = try Estate()
    let alpha = estate.folder.url.appendingPathComponent("alpha")
    let report = HotfixReport(components: [
      try HotfixAnalysis.analyse(
        Component(name: "alpha", repository: "alpha", repositoryURL: alpha, mainline: "trunk"))
    ])
    #expect(
      report.markdown().contains(
        "| 1.1.0.1 | v1.1.0.1 | \(estate.secondFix.prefix(7)) | unknown | trunk | unknown "
          + "(the mainline branch trunk is not in the repository) | — |\n"))
  }

  @Test("text: tag and short commit on every hotfix; a line for a component without any")
  func text() throws {
    let estate = try Estate()
    let text = estate.report.text()
    #expect(
      text.contains(
        "  1.0.0.1  not_merged  (tag v1.0.0.1, \(estate.firstFix.prefix(7)))\n"
          + "    its own commits: those since tag v1.0.0.0, the release it patches\n"))
    #expect(text.contains("  1.1.0.1  merged  (tag v1.1.0.1, \(estate.secondFix.prefix(7)))\n"))
    #expect(text.contains("bravo\n  no emergency releases\n"))
    #expect(
      text.contains(
        "       to do: carry them into main (git cherry-pick -x \(estate.firstFix.prefix(7))), "
          + "or, if they reached it as other commits, record that under reviewed:\n"))
    #expect(
      text.hasSuffix("2 emergency releases: 1 not merged, 0 needing review, 0 unknown. Exit 1.\n"))
  }

  @Test("json: tag and full commit on every hotfix; an empty list for a component without any")
  func json() throws {
    let estate = try Estate()
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(estate.report.json().utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "baseline.hotfixes/1")
    let components = try #require(object["components"] as? [[String: Any]])
    #expect(components.map { $0["component"] as? String } == ["alpha", "bravo"])
    let hotfixes = try #require(components.first?["hotfixes"] as? [[String: Any]])
    #expect(hotfixes.map { $0["tag"] as? String } == ["v1.0.0.1", "v1.1.0.1"])
    #expect(hotfixes.map { $0["commit"] as? String } == [estate.firstFix, estate.secondFix])
    #expect((components.last?["hotfixes"] as? [Any])?.isEmpty == true)
  }
}
