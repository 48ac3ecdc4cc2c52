import BaselineTestSupport
import Foundation
import Testing

/// Issue 11: the dashboard (`report --format html`) loaded in a real headless browser
/// (Debian's Chromium; `Scripts/test` installs it): the matrix cells read as the report says,
/// the page holds no script and fetches nothing, and on a 390 px screen only the matrix
/// scrolls sideways.
@Suite("The dashboard in a real browser")
struct DashboardBrowserTests {
  static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// Chromium's serialised DOM of `page` after loading it (scripts run, files may read files).
  static func dom(_ page: URL, windowWidth: Int = 1280) throws -> String {
    let browser = try #require(chromium, "Chromium is not installed: Scripts/test installs it")
    let run = try CommandRun.run(
      executable: URL(fileURLWithPath: browser),
      arguments: [
        "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
        "--virtual-time-budget=5000", "--window-size=\(windowWidth),900", "--dump-dom",
        page.absoluteString,
      ],
      environment: ["HOME": page.deletingLastPathComponent().path, "PATH": "/usr/bin:/bin"])
    #expect(run.status == 0, "\(run.stderr.suffix(500))")
    return run.stdout
  }

  /// The text of each cell of the matrix row of `component`, tags removed.
  static func row(_ component: String, in dom: String) throws -> [String] {
    let start = try #require(dom.range(of: "<th scope=\"row\">\(component)</th>"))
    let end = try #require(dom.range(of: "</tr>", range: start.upperBound..<dom.endIndex))
    return dom[start.upperBound..<end.lowerBound].components(separatedBy: "<td").dropFirst().map {
      ("<td" + $0).replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
  }

  @Test("the matrix of the example estate, its drill-down, no script, no sideways page at 390 px")
  func exampleDashboard() throws {
    let estate = try exampleEstate()
    #expect(try CommandRun.baseline(["report"], in: estate.url).status == 1)
    #expect(
      try CommandRun.baseline(["verify", "--env", "SIT-Staging"], in: estate.url).status == 0)
    let page = estate.url.appendingPathComponent("dashboard.html")
    let json = estate.url.appendingPathComponent("report.json")
    let run = try CommandRun.baseline(
      ["report", "--output", "html=\(page.path)", "--output", "json=\(json.path)"], in: estate.url)
    #expect(run.status == 1)
    #expect(FileManager.default.fileExists(atPath: json.path))
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("http://") && !html.contains("https://"))
    #expect(html.contains("@media print"))

    let dom = try Self.dom(page)
    // Columns in the estate's lifecycle order (environments: in components.yaml).
    let header = try #require(dom.range(of: "<thead>")).upperBound
    let columns = ["SIT-Staging", "SIT-A", "SIT-B", "UIT"].map {
      dom.range(of: ">\($0)</a>", range: header..<dom.endIndex)?.lowerBound
    }
    #expect(columns.allSatisfy { $0 != nil })
    #expect(columns.compactMap { $0 } == columns.compactMap { $0 }.sorted())
    let market = try Self.row("market-data-service", in: dom)
    #expect(market.count == 4)
    #expect(market[0].hasPrefix("✓ at baseline : market-data-service in SIT-Staging"))
    #expect(market[0].contains("1.2.1.0 cddd13a , tag 1.2.1.0 since "), "\(market)")
    #expect(market[1].hasPrefix("✗ drifted : market-data-service in SIT-A"), "\(market)")
    // What ran, with its own tag: not the baselined release's.
    #expect(
      market[1].contains("version_mismatch 1.2.0.0 abe8296 , tag 1.2.0.0 baseline 1.2.1.0"),
      "\(market)")
    #expect(market[2].contains("drifted") && market[2].contains("1.1.0.0 1e2f401"), "\(market)")
    let gateway = try Self.row("smart-meter-gateway", in: dom)
    #expect(gateway[2].contains("no release reported baseline 1.1.0.0"), "\(gateway)")
    // At baseline by its version alone: said so, never a bare "at baseline".
    #expect(gateway[0].contains("version only, no commit"), "\(gateway)")
    // Symbols are hidden from screen readers; the words carry the verdict.
    #expect(dom.contains("<span aria-hidden=\"true\">✗</span> drifted"))
    // Drill-down: the cell's history and the environment's Board decision.
    #expect(dom.contains("What ran: market-data-service in SIT-A"))
    #expect(dom.contains("Control point 3 decisions on SIT-Staging (each baseline verify run)"))
    #expect(dom.contains("<td>GO</td>"))
    #expect(dom.contains(/<code class="digest">[0-9a-f]{64}<\/code>/))
    // The environment's section counts its accepted deviation apart and marks it so, as the
    // matrix cell and the text report do.
    #expect(dom.contains("<p>2 findings and 1 accepted deviation; inventory collected "), "\(dom)")
    #expect(dom.contains("<li>accepted (RFC-0142, until 2099-12-31): setting_drift: dip-adapter"))
    // An environment at baseline says it was recorded, with nothing open.
    let staging = try CommandRun.baseline(["report", "--env", "SIT-Staging"], in: estate.url)
    #expect(staging.stdout.contains("  history: 0 new, 0 known, 0 reopened; 0 resolved since "))
    #expect(staging.stdout.contains("2.0.0.0   —        ok (version only: no commit reported)"))
    // Accepted findings are counted apart in the history line too, as in the status line.
    let sitA = try CommandRun.baseline(["report", "--env", "SIT-A"], in: estate.url)
    #expect(sitA.stdout.contains("(2 findings, 1 accepted)"), "\(sitA.stdout)")
    #expect(sitA.stdout.contains("0 reopened (1 of them accepted); 0 resolved since"))

    // At 390 px (in a frame: headless Chromium's window is at least 500 px wide) the page
    // itself does not scroll sideways; the matrix scrolls in its own box.
    let frame = estate.url.appendingPathComponent("frame.html")
    try Data(
      """
      <!DOCTYPE html><html><head><title>pending</title></head><body style="margin:0">
      <iframe id="f" src="dashboard.html" style="width:390px;height:800px;border:0"></iframe>
      <script>
      document.getElementById("f").addEventListener("load", function () {
        var page = this.contentDocument.documentElement;
        var matrix = this.contentDocument.getElementById("matrix");
        document.title = "page " + page.scrollWidth + " " + page.clientWidth
          + " matrix " + matrix.scrollWidth + " " + matrix.clientWidth;
      });
      </script></body></html>
      """.utf8
    ).write(to: frame)
    let measured = try Self.dom(frame, windowWidth: 800)
    let title = try #require(
      measured.firstMatch(of: /<title>page (\d+) (\d+) matrix (\d+) (\d+)<\/title>/))
    let (pageWidth, pageClient) = (Int(title.1) ?? 0, Int(title.2) ?? 0)
    let (matrixWidth, matrixClient) = (Int(title.3) ?? 0, Int(title.4) ?? 0)
    #expect(pageClient > 300 && pageClient <= 390)
    #expect(pageWidth <= pageClient, "the page scrolls sideways: \(pageWidth) > \(pageClient)")
    #expect(matrixWidth > matrixClient, "the matrix should scroll inside its box")
  }
}

/// Issue 14: a large estate's dashboard (more than 5,000 cells): short cells at baseline,
/// sections only for the others, and a filter that works in the browser without a server and
/// leaves a readable page without script.
@Suite("The dashboard of a large estate in a real browser")
struct LargeDashboardTests {
  /// 60 environments × 100 components over one repository; component c07 drifts in every
  /// environment, c42 only in E03.
  static func largeEstate() throws -> TemporaryDirectory {
    let folder = TemporaryDirectory("large-dashboard")
    var git = try GitScript(at: folder.url.appendingPathComponent("repos/shared"))
    let old = try git.commit("first")
    try git.tag("1.0.0.0", message: "release 1.0.0.0")
    let new = try git.commit("second")
    try git.tag("1.0.1.0", message: "release 1.0.1.0")
    var catalog = "components:\n"
    for index in 0..<100 {
      catalog += String(format: "  c%02d:\n    repository: ../repos/shared\n", index)
    }
    _ = try folder.write("Baselines/components.yaml", catalog)
    for environment in 0..<60 {
      var baseline = String(format: "environment: E%02d\ncomponents:\n", environment)
      for index in 0..<100 {
        baseline += String(format: "  c%02d: { version: \"1.0.1.0\" }\n", index)
      }
      _ = try folder.write(String(format: "Baselines/E%02d.yaml", environment), baseline)
    }
    _ = try folder.write(
      "Probes/inventory",
      """
      #!/bin/sh
      printf '{"environment": "%s", "collected_at": "%s", "components": [' "$1" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
      i=0
      while [ $i -lt 100 ]; do
        name=$(printf 'c%02d' $i); version=1.0.1.0; commit=\(new)
        if [ $i -eq 7 ] || { [ $i -eq 42 ] && [ "$1" = E03 ]; }; then version=1.0.0.0; commit=\(old); fi
        [ $i -gt 0 ] && printf ','
        printf '{"name": "%s", "version": "%s", "commit": "%s"}' $name $version $commit
        i=$((i + 1))
      done
      printf ']}\\n'
      """, executable: true)
    return folder
  }

  @Test("6,000 cells: a short page, filtered by environment, component and verdict in Chromium")
  func largeEstateFilters() throws {
    let estate = try Self.largeEstate()
    let page = estate.url.appendingPathComponent("dashboard.html")
    let run = try CommandRun.baseline(
      ["report", "--no-history", "--format", "html", "--output", page.path], in: estate.url)
    #expect(run.status == 1, "\(run.stderr)")
    let html = try String(contentsOf: page, encoding: .utf8)
    // Short cells: well under 100 bytes a cell; no cell sections, a drifted cell links to its
    // environment's findings; the matrix in tables of 100 components the browser lays out
    // when they come into view.
    #expect(html.utf8.count < 6_000 * 100, "\(html.utf8.count) bytes")
    #expect(!html.contains("<section id=\"cell-"))
    #expect(html.contains("<a href=\"#environment-3\"><span aria-hidden=\"true\">✗</span> drifted"))
    #expect(html.contains("<div class=\"chunk\"><table class=\"fixed\">"))
    #expect(html.contains("<script>") && !html.contains("http://") && !html.contains("https://"))
    func shown(_ fragment: String) throws -> (String, Int) {
      let dom = try DashboardBrowserTests.dom(URL(string: page.absoluteString + fragment)!)
      let count = try #require(dom.firstMatch(of: /(\d+) of 100 components/))
      return (dom, Int(count.1) ?? -1)
    }
    #expect(try shown("").1 == 100)
    #expect(try shown("#verdict=drifted").1 == 2)
    #expect(try shown("#verdict=not-ok&environment=E04").1 == 1, "only c07 drifts in E04")
    #expect(try shown("#verdict=drifted&environment=E03").1 == 2)
    #expect(try shown("#component=c4").1 == 10)
    let (filtered, _) = try shown("#environment=E1")
    // One style rule per hidden column: of 60 environments, E10 to E19 hold "E1".
    #expect(filtered.matches(of: /nth-child\(\d+\)\{display:none\}/).count == 50, "hidden columns")
    // Without script the browser shows the page as written (Chromium's --dump-dom needs
    // script, so the source is read): the form hidden, every row there, none hidden.
    #expect(html.contains("<form id=\"filter\" hidden"))
    #expect(!html.contains("<tr hidden"))
    let matrix = try #require(html.range(of: "<div class=\"matrix\""))
    let end = try #require(html.range(of: "</table>", range: matrix.upperBound..<html.endIndex))
    #expect(html[matrix.upperBound..<end.lowerBound].matches(of: /<th scope="row">/).count == 100)
  }
}
