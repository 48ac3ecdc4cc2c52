import Foundation
import Git

extension DriftReport {
  /// The report for people: a header and a table per environment, then a summary line.
  /// - Parameter colour: whether to colour statuses (only on a terminal, never in files).
  /// - Returns: the text, ending with a newline.
  public func text(colour: Bool = false) -> String {
    var out = ""
    for environment in environments {
      out += Self.text(environment, colour: colour)
    }
    var tail = ""
    if !warnings.isEmpty {
      tail += "warnings (\(warnings.count)):\n"
      for warning in warnings.prefix(10) { tail += "  \(Terminal.line(warning))\n" }
      if warnings.count > 10 { tail += "  … and \(warnings.count - 10) more (see --format json)\n" }
    }
    out += Terminal.safe(tail)
    return out + "\(summary). Exit \(exitCode).\n"
  }

  /// One line for people: `4 environments: 1 in baseline, 2 drifted, 1 incomplete; 11 findings`,
  /// then `and 1 accepted deviation` when the baselines accept some.
  public var summary: String {
    let count = { (status: EnvironmentReport.Status) in
      environments.filter { $0.status == status }.count
    }
    return "\(environments.count) environment\(environments.count == 1 ? "" : "s"): "
      + "\(count(.inBaseline)) in baseline, \(count(.drifted)) drifted, "
      + "\(count(.incomplete)) incomplete; \(findingCount) finding\(findingCount == 1 ? "" : "s")"
      + (acceptedCount == 0
        ? "" : " and \(acceptedCount) accepted deviation\(acceptedCount == 1 ? "" : "s")")
  }

  /// One environment's header and table. Everything that came from probes, files or
  /// repositories is made safe for a terminal (``Terminal/safe(_:)``) before the status, and
  /// only the status, is coloured.
  static func text(_ report: EnvironmentReport, colour: Bool) -> String {
    let status = report.status.rawValue.replacingOccurrences(of: "_", with: " ")
    let plain = Terminal.safe(uncoloured(report, status: status))
    let painted: String
    switch (colour, report.status) {
    case (false, _): return plain
    case (true, .inBaseline): painted = "\u{1B}[32m\(status)\u{1B}[0m"
    case (true, .drifted): painted = "\u{1B}[31m\(status)\u{1B}[0m"
    case (true, .incomplete): painted = "\u{1B}[33m\(status)\u{1B}[0m"
    }
    let name = Terminal.safe(report.environment)
    guard plain.hasPrefix("\(name)  \(status)") else { return plain }
    return "\(name)  \(painted)" + plain.dropFirst(name.count + 2 + status.count)
  }

  static func uncoloured(_ report: EnvironmentReport, status painted: String) -> String {
    let count = report.openFindings.count
    let accepted = report.acceptedCount
    let probes = report.probes.map { run in
      run.inventory == nil
        ? Terminal.line("\(run.probe) FAILED (\(run.failure ?? "no inventory"))")
        : Terminal.line("\(run.probe) ok \(String(format: "%.1f", run.duration)) s")
    }.joined(separator: ", ")
    var out =
      "\(report.environment)  \(painted)  (\(count) finding\(count == 1 ? "" : "s")"
      + (accepted == 0 ? "" : ", \(accepted) accepted") + ")"
      + "    probes: \(probes.isEmpty ? "none" : probes)"
      + (report.collectedAt.map { "    collected \(Timestamp.human($0))" } ?? "") + "\n"
    var table: [[String]] = [["component", "baseline", "deployed", "commit", "verdict"]]
    var byComponent: [String: [(finding: Finding, history: FindingHistory?)]] = [:]
    for (finding, history) in Self.newFirst(report) {
      if let component = finding.component {
        byComponent[component, default: []].append((finding, history))
      }
    }
    // Shown for every environment recorded, at baseline too: an environment reported without
    // history (its inventory older than its last recorded run) has no line.
    if let history = report.history { out += Self.historyLine(history, of: report) }
    for row in report.rows {
      let mine = byComponent[row.component] ?? []
      var commit = row.commit.map { ObjectIDText.short($0) } ?? "—"
      if mine.contains(where: { $0.finding.kind == .commitMismatch }) { commit += " (≠)" }
      let verdicts =
        mine.isEmpty
        ? [
          row.verdict == .unknown
            ? "unknown: not reported, and a probe failed"
            : row.isOKByVersionOnly ? "ok (version only: no commit reported)" : "ok"
        ]
        : mine.map { Self.line($0.finding, history: $0.history) }
      table.append([row.component, row.baseline ?? "—", row.deployed ?? "—", commit, verdicts[0]])
      for more in verdicts.dropFirst() { table.append(["", "", "", "", more]) }
    }
    out += TextTable.render(table, indent: "  ")
    for acceptance in report.unusedAcceptances {
      out +=
        "  "
        + Terminal.line(
          "note: the accepted deviation \(acceptance.subject) (\(acceptance.reference)) matches "
            + "no finding; the deviation is gone, so the entry can be removed") + "\n"
    }
    for (finding, history) in Self.newFirst(report) where finding.component == nil {
      out += "  ! \(Self.line(finding, history: history))\n"
      if finding.kind == .probeFailed,
        let run = report.probes.first(where: { $0.probe == finding.probe }),
        !run.standardError.isEmpty
      {
        for line in run.standardError.split(whereSeparator: \.isNewline).suffix(5) {
          out += "      " + Terminal.line("\(finding.probe ?? "probe") stderr: \(line)") + "\n"
        }
      }
    }
    return out
  }

  /// `kind: message`, marked `accepted (REF, until DATE)` when an acceptance covers it; with
  /// a run history, `NEW` or `REOPENED` before it and since when it has stood after it.
  static func line(_ finding: Finding, history: FindingHistory? = nil) -> String {
    return Terminal.line(
      (history.map(HistoryText.mark) ?? "") + acceptanceMark(finding)
        + "\(finding.kind.rawValue): \(finding.message)"
        + (history.map { HistoryText.age($0) } ?? ""))
  }

  /// `accepted (REF, until DATE): ` for a finding an acceptance covers, else nothing.
  static func acceptanceMark(_ finding: Finding) -> String {
    finding.acceptance.map { "accepted (\($0.reference), until \($0.expires)): " } ?? ""
  }

  /// The findings with their history, new and reopened first (each group in report order).
  static func newFirst(_ report: EnvironmentReport) -> [(Finding, FindingHistory?)] {
    let paired = report.findings.enumerated().map {
      ($0.element, report.history?.findings[safe: $0.offset])
    }
    return paired.filter { $0.1?.isNew == true } + paired.filter { $0.1?.isNew != true }
  }

  /// `history: 2 new, 1 reopened, 5 known since the previous run (DATE); 1 resolved`, then a
  /// line per resolved finding.
  static func historyLine(_ history: EnvironmentHistory, of report: EnvironmentReport) -> String {
    var out =
      "  "
      + Terminal.line("history: " + HistoryText.counts(history, accepted: report.acceptedCount))
      + "\n"
    for resolved in history.resolved {
      out += "  " + Terminal.line("resolved: " + HistoryText.resolved(resolved)) + "\n"
    }
    return out
  }
}
