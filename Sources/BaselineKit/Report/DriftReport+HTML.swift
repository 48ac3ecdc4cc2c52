import Foundation

extension DriftReport {
  /// The report as the estate dashboard: one self-contained HTML page (inline CSS, no script,
  /// nothing fetched), readable on a phone, in print and with a keyboard or screen reader.
  ///
  /// A matrix of components (rows) by environments (columns, in the report's order: the
  /// estate's lifecycle order) whose cells give the release deployed, its short commit and
  /// tag, the verdict in words and a symbol, the baselined release when it differs, and since
  /// when the build has run there; each cell links to its section (what ran there when, its
  /// drift periods, its findings now), each environment to its own (status, probes, the
  /// Board's decisions).
  /// - Parameter history: the run history's periods and decisions; without one, the page
  ///   shows this run only.
  /// - Returns: the page, UTF-8 text ending with a newline.
  public func html(history: DashboardHistory? = nil) -> String {
    var page = HTMLPage(report: self, history: history)
    return page.render()
  }
}

/// Builds the dashboard page; one per rendering.
struct HTMLPage {
  let report: DriftReport
  let history: DashboardHistory?
  var out = ""
  /// Each environment's rows by component (a page of 100,000 cells looks each up once).
  let rows: [[String: EnvironmentReport.Row]]
  /// A large estate's page (more than ``largeEstateCells`` cells): the matrix in short form
  /// (a cell at baseline is its symbol and release, without a link), sections only for the
  /// cells not at baseline, and a filter (environment, component, verdict) run by a small
  /// script, so that 100,000 cells stay a few megabytes; without the script the page is the
  /// whole matrix, readable as it is.
  let large: Bool
  static let largeEstateCells = 5_000

  init(report: DriftReport, history: DashboardHistory?) {
    self.report = report
    self.history = history
    rows = report.environments.map { environment in
      Dictionary(environment.rows.map { ($0.component, $0) }) { first, _ in first }
    }
    large = report.environments.reduce(0) { $0 + $1.rows.count } > Self.largeEstateCells
  }

  /// Whether a cell is shown in short form: a large estate's cell at baseline with no finding.
  func isShort(_ row: EnvironmentReport.Row) -> Bool {
    large && row.verdict == .ok && row.findings.isEmpty
  }

  /// Every component of every environment, in the order first met (baseline order).
  var components: [String] {
    var seen: Set<String> = []
    return report.environments.flatMap(\.rows).map(\.component).filter {
      seen.insert($0).inserted
    }
  }

  static func cellID(_ environment: Int, _ component: Int) -> String {
    "cell-\(environment)-\(component)"
  }

  static func environmentID(_ environment: Int) -> String { "environment-\(environment)" }

  mutating func render() -> String {
    let generated = Timestamp.human(report.generatedAt)
    out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Baseline: what runs where, \(generated)</title>
      <style>\(Self.style)</style>
      </head>
      <body>
      <a class="skip" href="#matrix">Skip to the matrix</a>
      <header>
      <h1>What runs where</h1>
      <p>Report of \(generated). \(HTML.text(report.summary)); exit \(report.exitCode).</p>
      </header>
      <nav aria-label="Environments"><ul>

      """
    for (index, environment) in report.environments.enumerated() {
      out +=
        "<li><a href=\"#\(Self.environmentID(index))\">\(HTML.text(environment.environment))</a>: "
        + "\(Self.statusWords(environment.status))</li>\n"
    }
    out += "</ul></nav>\n<main>\n"
    matrix()
    out += "<h2>Environments</h2>\n"
    for (index, environment) in report.environments.enumerated() {
      environmentSection(environment, index: index)
    }
    if large {
      out +=
        "<p>In an estate this large a cell has no section of its own: a cell not at baseline "
        + "links to its environment's findings, and <code>baseline history --env ENV "
        + "--component NAME</code> gives any cell's history.</p>\n"
    } else {
      out += "<h2>Cells</h2>\n"
      for (environmentIndex, environment) in report.environments.enumerated() {
        for (componentIndex, name) in components.enumerated() {
          guard let row = rows[environmentIndex][name] else { continue }
          cellSection(row, in: environment, id: Self.cellID(environmentIndex, componentIndex))
        }
      }
    }
    out += "</main>\n<footer><p>Baseline \(BaselineTool.version).</p></footer>\n"
    if large { out += "<script>\(Self.filterScript)</script>\n" }
    out += "</body>\n</html>\n"
    return out
  }

  mutating func matrix() {
    out += """
      <h2 id="matrix-title">Components by environment</h2>
      <p>Each component (rows) in each environment (columns, in lifecycle order): the verdict, \
      the release deployed, its commit and tag, the baselined release where it differs, and \
      since when. \(large ? "A cell not at baseline links to its environment's findings" : "Each cell links to its history"); \
      on a narrow screen the table scrolls sideways in its box.</p>
      \(large ? Self.filterForm : "")<div class="matrix" id="matrix" role="region" aria-labelledby="matrix-title" tabindex="0">

      """
    let names = components
    // A large estate's matrix is cut into tables of `chunkRows` components, each with its
    // own header, which the browser lays out only when they come into view.
    let chunk = large ? Self.chunkRows : max(names.count, 1)
    var start = 0
    repeat {
      let end = min(names.count, start + chunk)
      matrixTable(names, from: start, to: end)
      start = end
    } while start < names.count
    out += "</div>\n"
  }

  /// Components of one matrix table, in large estates.
  static let chunkRows = 100

  /// One table of the matrix: the components `names[start..<end]` by every environment.
  mutating func matrixTable(_ names: [String], from start: Int, to end: Int) {
    let part = large ? " \(start + 1) to \(end)" : ""
    out += """
      \(large ? "<div class=\"chunk\"><table class=\"fixed\">" : "<table>")
      <caption class="visually-hidden">Components\(part) by environment</caption>
      <thead><tr><th scope="col">Component</th>
      """
    for (index, environment) in report.environments.enumerated() {
      out +=
        "<th scope=\"col\"><a href=\"#\(Self.environmentID(index))\">"
        + "\(HTML.text(environment.environment))</a>"
        + "<span class=\"status\">\(Self.statusWords(environment.status))</span></th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for componentIndex in start..<end {
      let name = names[componentIndex]
      out += "<tr><th scope=\"row\">\(HTML.text(name))</th>"
      for (environmentIndex, environment) in report.environments.enumerated() {
        guard let row = rows[environmentIndex][name] else {
          out += "<td class=\"absent\">not in this baseline</td>"
          continue
        }
        if isShort(row) {
          // Symbol and release; the column and row headers name the cell to a screen reader.
          out += "<td class=ok>✓ \(HTML.text(row.deployed ?? "at baseline"))"
          continue
        }
        // A large estate's cell links to its environment's findings (no cell sections).
        let target =
          large
          ? Self.environmentID(environmentIndex) : Self.cellID(environmentIndex, componentIndex)
        out += cell(row, in: environment, id: target)
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n</table>\n" + (large ? "</div>\n" : "")
  }

  /// One cell: verdict (symbol and words), release, commit and tag, baseline, since.
  func cell(_ row: EnvironmentReport.Row, in environment: EnvironmentReport, id: String) -> String {
    let (symbol, words) = Self.verdict(row.verdict)
    var lines = [
      "<a href=\"#\(id)\"><span aria-hidden=\"true\">\(symbol)</span> \(words)"
        + "<span class=\"visually-hidden\">: \(HTML.text(row.component)) in "
        + "\(HTML.text(environment.environment))</span></a>"
    ]
    if !row.findings.isEmpty {
      // What kind of drift, and whether it is new since the previous run.
      let fresh = zip(environment.findings, environment.history?.findings ?? []).contains {
        $0.0.component == row.component && $0.1.isNew
      }
      let kinds = HTML.text(row.findings.map(\.rawValue).joined(separator: ", "))
      lines.append(
        (fresh ? "<strong>new:</strong> " : "") + "<span class=\"kinds\">\(kinds)</span>")
    }
    lines.append(
      "<span class=\"release\">\(HTML.text(row.deployed ?? "no release reported"))</span>")
    // What the history says ran there is shown only where this run saw the component.
    let period = row.verdict == .unknown ? nil : current(row, in: environment)
    var build: [String] = []
    if let commit = row.commit {
      build.append("<code>\(HTML.text(ObjectIDText.short(commit)))</code>")
    }
    // This run's finding where it resolved the commit (a tag moved away shows none); else what
    // the history says.
    if let tag = row.commitTagged != nil
      ? row.deployedTag : (period?.release == row.deployed ? period?.tag : nil)
    {
      build.append("tag \(HTML.text(tag))")
    }
    // At baseline by its version alone: the build is not shown to be the tagged one.
    if row.isOKByVersionOnly { build.append("version only, no commit") }
    if !build.isEmpty { lines.append(build.joined(separator: ", ")) }
    if let baseline = row.baseline, baseline != row.deployed {
      lines.append("<span class=\"baseline\">baseline \(HTML.text(baseline))</span>")
    }
    if let since = period?.from {
      lines.append("<span class=\"since\">since \(HistoryText.day(since))</span>")
    }
    return "<td class=\"\(row.verdict.rawValue)\">" + lines.joined(separator: "<br>") + "</td>"
  }

  /// The open deployment period of a row's cell, when the history has one.
  func current(_ row: EnvironmentReport.Row, in environment: EnvironmentReport)
    -> DashboardHistory.Deployment?
  {
    history?.deployments[environment.environment]?[row.component]?.last { $0.to == nil }
  }

  mutating func environmentSection(_ environment: EnvironmentReport, index: Int) {
    let name = HTML.text(environment.environment)
    out += """
      <section id="\(Self.environmentID(index))" aria-labelledby="\(Self.environmentID(index))-title">
      <h3 id="\(Self.environmentID(index))-title">\(name): \(Self.statusWords(environment.status))</h3>

      """
    let count = environment.openFindings.count
    let accepted = environment.acceptedCount
    out += "<p>\(count) finding\(count == 1 ? "" : "s")"
    if accepted > 0 { out += " and \(accepted) accepted deviation\(accepted == 1 ? "" : "s")" }
    if let collected = environment.collectedAt {
      out += "; inventory collected \(Timestamp.human(collected))"
    }
    out += ".</p>\n"
    out += Self.table(
      caption: "Probes of \(name)", headers: ["Probe", "Outcome"],
      rows: environment.probes.map { run in
        let outcome =
          run.inventory == nil ? "✗ failed: \(run.failure ?? "no inventory")" : "✓ ran"
        return [HTML.text(run.probe), HTML.text(outcome)]
      })
    out += Self.findingList(DriftReport.newFirst(environment))
    let decisions = history?.decisions[environment.environment] ?? []
    if decisions.isEmpty {
      out += "<p>No control point 3 decision (baseline verify) is recorded for \(name).</p>\n"
    } else {
      out += Self.table(
        // What each verify run decided, and who ran it: evidence for the Board, not a record
        // that the Board met.
        caption: "Control point 3 decisions on \(name) (each baseline verify run)",
        headers: ["Time", "Decision", "Release", "Run by", "Evidence sha256"],
        rows: decisions.reversed().map { decision in
          [
            Timestamp.human(decision.time), HTML.text(decision.decision),
            HTML.text(decision.release ?? "—"), HTML.text(decision.who),
            "<code class=\"digest\">\(HTML.text(decision.evidenceSHA256))</code>",
          ]
        })
    }
    out += "</section>\n"
  }

  mutating func cellSection(
    _ row: EnvironmentReport.Row, in environment: EnvironmentReport, id: String
  ) {
    let title = "\(HTML.text(row.component)) in \(HTML.text(environment.environment))"
    let (symbol, words) = Self.verdict(row.verdict)
    let versionOnly =
      row.isOKByVersionOnly
      ? " Seen by version only: no commit was reported, so the build running is not shown to "
        + "be the tagged one." : ""
    out += """
      <section id="\(id)" aria-labelledby="\(id)-title">
      <h3 id="\(id)-title">\(title)</h3>
      <p><span aria-hidden="true">\(symbol)</span> \(words). Runs \
      \(HTML.text(row.deployed ?? "no reported release"))\
      \(row.commit.map { " (commit <code>\(HTML.text($0))</code>)" } ?? ""); baseline \
      \(HTML.text(row.baseline ?? "none")).\(versionOnly)</p>

      """
    out += Self.findingList(
      DriftReport.newFirst(environment).filter { $0.0.component == row.component })
    let deployments = history?.deployments[environment.environment]?[row.component] ?? []
    if !deployments.isEmpty {
      out += Self.table(
        caption: "What ran: \(title)", headers: ["From", "To", "Release", "Commit", "Tag"],
        rows: deployments.reversed().map { period in
          [
            Timestamp.human(period.from), period.to.map(Timestamp.human) ?? "now",
            HTML.text(period.release ?? "—"),
            "<code>\(HTML.text(period.commit.map(ObjectIDText.short) ?? "—"))</code>",
            HTML.text(period.tag ?? "—"),
          ]
        })
    }
    let drifts = history?.drifts[environment.environment]?[row.component] ?? []
    if !drifts.isEmpty {
      out += Self.table(
        caption: "Drift periods: \(title)", headers: ["From", "Resolved", "Kind", "Last message"],
        rows: drifts.reversed().map { period in
          [
            Timestamp.human(period.from), period.to.map(Timestamp.human) ?? "still open",
            HTML.text(period.kind) + (period.key.isEmpty ? "" : " " + HTML.text(period.key)),
            HTML.text(period.message)
              + (period.accepted.map { reference in
                " (accepted deviation, \(HTML.text(reference))"
                  + (period.acceptedSince.map { ", since \(Timestamp.human($0))" } ?? "") + ")"
              } ?? ""),
          ]
        })
    }
    if history == nil { out += "<p>No run history was kept for this report.</p>\n" }
    out += "<p><a href=\"#matrix\">Back to the matrix</a></p>\n</section>\n"
  }

  /// A table in its own scrolling box: a caption, column headers, and rows whose first cell
  /// is the row's header; every cell is HTML already escaped.
  static func table(caption: String, headers: [String], rows: [[String]]) -> String {
    var out = "<div class=\"scroll\"><table><caption>\(caption)</caption>\n<thead><tr>"
    out += headers.map { "<th scope=\"col\">\($0)</th>" }.joined()
    out += "</tr></thead><tbody>\n"
    for row in rows {
      out += "<tr><th scope=\"row\">\(row.first ?? "")</th>"
      out += row.dropFirst().map { "<td>\($0)</td>" }.joined() + "</tr>\n"
    }
    return out + "</tbody></table></div>\n"
  }

  /// Findings as a list, each marked `NEW`/`REOPENED` or with since when (from the history)
  /// and `accepted (REF, until DATE)` when an acceptance covers it;
  /// nothing when there are none.
  static func findingList(_ findings: [(Finding, FindingHistory?)]) -> String {
    guard !findings.isEmpty else { return "" }
    return "<ul>"
      + findings.map { finding, history in
        "<li>"
          + HTML.text((history.map(HistoryText.mark) ?? "") + DriftReport.acceptanceMark(finding))
          + "\(HTML.text(finding.kind.rawValue)): \(HTML.text(finding.message))"
          + HTML.text(history.map(HistoryText.age) ?? "") + "</li>"
      }.joined() + "</ul>\n"
  }

  /// A verdict as a symbol (hidden from screen readers) and words (never colour alone).
  static func verdict(_ verdict: EnvironmentReport.Verdict) -> (String, String) {
    switch verdict {
    case .ok: return ("✓", "at baseline")
    case .drifted: return ("✗", "drifted")
    case .accepted: return ("≈", "accepted deviation")
    case .unknown: return ("?", "unknown")
    }
  }

  static func statusWords(_ status: EnvironmentReport.Status) -> String {
    switch status {
    case .inBaseline: return "✓ in baseline"
    case .drifted: return "✗ drifted"
    case .incomplete: return "? incomplete"
    }
  }

  /// Contrast of every text and background pair at least 4.5:1 (WCAG 2.2 AA); focus drawn
  /// in 3 px; the matrix scrolls inside its own box on a narrow screen; print shows all.
  static let style = """
    :root{color-scheme:light;font-family:system-ui,sans-serif;line-height:1.4;color:#1a1a1a;\
    background:#fff}body{margin:0 auto;padding:0 1rem 2rem;max-width:80rem}\
    h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem}\
    a{color:#0b4f9c}a:focus-visible,.matrix:focus-visible{outline:3px solid #0b4f9c;\
    outline-offset:2px}.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;\
    background:#fff;padding:.5rem}.visually-hidden{position:absolute;width:1px;height:1px;\
    overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}nav ul{list-style:none;padding:0;\
    display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}.matrix{position:relative;overflow-x:auto;max-width:100%;\
    border:1px solid #767676}table{border-collapse:collapse;margin:.5rem 0}\
    caption{text-align:left;padding:.25rem;font-size:.9rem}th,td{border:1px solid #767676;\
    padding:.35rem .5rem;vertical-align:top;text-align:left}thead th{background:#f0f0f0}\
    .status{display:block;font-weight:normal;font-size:.85rem}td.ok{background:#e6f4ea;\
    color:#14532d}td.drifted{background:#fde8e8;color:#7f1d1d}td.accepted{background:#e7effb;\
    color:#1e3a8a}td.unknown{background:#fff4d6;color:#5c4300}td.absent{color:#4d4d4d}\
    td a{color:inherit;font-weight:600}.matrix td{min-width:9rem}.scroll{position:relative;overflow-x:auto;max-width:100%}section,header{overflow-wrap:anywhere}.since,code{white-space:nowrap}code.digest{white-space:normal;overflow-wrap:anywhere}code{font-size:.9em}.baseline{font-style:italic}\
    section{border-top:1px solid #767676;margin-top:1rem}\
    .chunk{content-visibility:auto;contain-intrinsic-size:auto 4000px}.fixed{table-layout:fixed}\
    .fixed th,.fixed td{width:8rem}.fixed td{min-width:0}\
    @media print{.skip,nav{display:none}.matrix{overflow:visible;border:0}\
    a{color:inherit;text-decoration:none}section{break-inside:avoid}}
    """
}
