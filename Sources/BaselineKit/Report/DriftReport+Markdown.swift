import Foundation

extension DriftReport {
  /// The report as a Markdown page: a summary table, then a section per environment.
  public func markdown() -> String {
    var out = "# Drift report, \(Timestamp.human(generatedAt))\n\n"
    out += "| environment | status | findings | collected |\n|---|---|---|---|\n"
    for environment in environments {
      out +=
        "| \(Markdown.cell(environment.environment)) | \(environment.status.rawValue) | "
        + "\(environment.openFindings.count) | \(environment.collectedAt.map(Timestamp.human) ?? "—") |\n"
    }
    for environment in environments {
      out += "\n## \(environment.environment): \(environment.status.rawValue)\n\n"
      out += "| component | baseline | deployed | commit | verdict |\n|---|---|---|---|---|\n"
      for row in environment.rows {
        let verdict =
          row.findings.isEmpty
          ? row.verdict.rawValue
            + (row.isOKByVersionOnly ? " (version only)" : "")
          : (row.verdict == .accepted ? "accepted: " : "")
            + row.findings.map(\.rawValue).joined(separator: ", ")
        out +=
          "| \(Markdown.cell(row.component)) | \(Markdown.cell(row.baseline ?? "—")) | "
          + "\(Markdown.cell(row.deployed ?? "—")) | \(Markdown.cell(row.commit ?? "—")) | \(verdict) |\n"
      }
      if let history = environment.history {
        let counts = HistoryText.counts(history, accepted: environment.acceptedCount)
        out += "\nHistory: \(Markdown.text(counts)).\n"
      }
      if !environment.findings.isEmpty {
        out += "\nFindings:\n\n"
        out += Markdown.bullets(
          DriftReport.newFirst(environment).map { finding, history in
            (history.map { Markdown.text(HistoryText.mark($0)) } ?? "")
              + Markdown.finding(finding, in: environment.environment)
              + (history.map { Markdown.text(HistoryText.age($0)) } ?? "")
          })
      }
      if let resolved = environment.history?.resolved, !resolved.isEmpty {
        out += "\nResolved since the previous run:\n\n"
        out += Markdown.bullets(resolved.map { Markdown.text(HistoryText.resolved($0)) })
      }
    }
    if !warnings.isEmpty {
      out += "\n## Warnings\n\n" + Markdown.bullets(warnings.map(Markdown.text))
    }
    out += "\n\(summary); exit \(exitCode).\n"
    return out
  }
}

extension Markdown {
  /// `` `kind`: ENV: message ``, with ``**accepted** (REF, until DATE, reason)`` when accepted.
  static func finding(_ finding: Finding, in environment: String) -> String {
    let mark =
      finding.acceptance.map {
        "**accepted** (\(text($0.reference)), until \($0.expires): \(text($0.reason))) "
      } ?? ""
    return "\(mark)`\(finding.kind.rawValue)`: \(text(finding.message(in: environment)))"
  }
}
