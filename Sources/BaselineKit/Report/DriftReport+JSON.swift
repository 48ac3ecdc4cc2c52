import Foundation

extension DriftReport {
  /// The report as `baseline.report/1` JSON (keys sorted, UTC times, full commit ids).
  ///
  /// Each environment is encoded on its own, on every core, and set into the document as
  /// its first member (`environments` sorts before the other keys): fifty environments of
  /// 2,000 components were a seventh of a nightly report's time on one core. The text is
  /// the one `JSONEncoder` writes for the whole document (tested).
  public func json() -> String {
    let head = JSONText.encode(
      ReportHead(
        schema: Self.schema, generatedAt: Timestamp.string(generatedAt), warnings: warnings,
        summary: SummaryDocument(
          environments: environments.count, findings: findingCount, accepted: acceptedCount,
          inBaseline: environments.filter { $0.status == .inBaseline }.count,
          drifted: environments.filter { $0.status == .drifted }.count,
          incomplete: environments.filter { $0.status == .incomplete }.count)))
    let slots = ResultSlots<String>(count: environments.count)
    let reports = environments
    DispatchQueue.concurrentPerform(iterations: reports.count) { index in
      slots[index] = EnvironmentDocument(reports[index]).setIn
    }
    return JSONText.prepending("environments", setIn: slots.values, to: head)
  }
}

/// `baseline.report/1` but its environments, which ``JSONText/prepending(_:setIn:to:)``
/// sets in.
private struct ReportHead: Encodable {
  let schema: String
  let generatedAt: String
  let warnings: [String]
  let summary: SummaryDocument
  enum CodingKeys: String, CodingKey {
    case schema, warnings, summary
    case generatedAt = "generated_at"
  }
}

private struct SummaryDocument: Encodable {
  let environments: Int
  let findings: Int
  let accepted: Int
  let inBaseline: Int
  let drifted: Int
  let incomplete: Int
  enum CodingKeys: String, CodingKey {
    case environments, findings, accepted, drifted, incomplete
    case inBaseline = "in_baseline"
  }
}

/// One environment of `baseline.report/1`, as `JSONEncoder` wrote it from its `Encodable`
/// shape (held to that in `JSONWriterTests`): its rows, the bulk of a report (2,000 per
/// environment in a large estate), by ``JSONWriter``; findings, probes and acceptances, a few
/// each, by `JSONEncoder`.
struct EnvironmentDocument {
  let report: EnvironmentReport

  init(_ report: EnvironmentReport) { self.report = report }

  /// The document's text, ending in a line break, as ``JSONText/encode(_:)`` ends it.
  var text: String { written(base: 0) + "\n" }

  /// The document as an element of the report's `environments`, two levels deep and without
  /// its last line break (``JSONText/prepending(_:setIn:to:)``): set in as it is written, on
  /// the environment's core, not re-indented afterwards on one.
  var setIn: String { "    " + written(base: 2) }

  private func written(base: Int) -> String {
    var writer = JSONWriter(base: base)
    writer.beginObject()
    writer.member("collected_at", orNull: report.collectedAt.map(Timestamp.string))
    writer.key("components")
    writer.beginArray()
    for row in report.rows {
      writer.element()
      RowDocument(row).write(to: &writer)
    }
    writer.endArray()
    writer.member("environment", report.environment)
    writer.key("findings")
    writer.encoded(JSONText.encode(findings))
    let history = report.history
    if let history {
      writer.member("previous_run", orNull: history.previousRun.map(Timestamp.string))
    }
    writer.key("probes")
    writer.encoded(JSONText.encode(report.probes.map(ProbeDocument.init)))
    if let history {
      writer.key("resolved")
      writer.encoded(JSONText.encode(history.resolved.map(ResolvedDocument.init)))
    }
    writer.member("status", report.status.rawValue)
    if let history {
      writer.key("unchecked")
      writer.encoded(JSONText.encode(history.unchecked.map(ResolvedDocument.init)))
    }
    writer.key("unused_acceptances")
    writer.encoded(JSONText.encode(report.unusedAcceptances.map(AcceptanceDocument.init)))
    writer.endObject()
    return writer.text
  }

  /// The findings, each with its history when the run has one.
  var findings: [FindingDocument] {
    report.findings.enumerated().map { index, finding in
      var document = FindingDocument(finding, in: report.environment)
      document.history = report.history?.findings[safe: index]
      return document
    }
  }
}

/// A finding of the previous run that is gone: `kind`, `component`, `key`, `message`,
/// `first_seen`, `last_seen`.
struct ResolvedDocument: Encodable {
  let kind: String
  @NullWhenAbsent var component: String?
  @NullWhenAbsent var key: String?
  let message: String
  let firstSeen: String
  let lastSeen: String
  init(_ resolved: ResolvedFinding) {
    (kind, message) = (resolved.kind.rawValue, resolved.message)
    component = resolved.component
    key = resolved.key
    firstSeen = Timestamp.string(resolved.firstSeen)
    lastSeen = Timestamp.string(resolved.lastSeen)
  }
  enum CodingKeys: String, CodingKey {
    case kind, component, key, message
    case firstSeen = "first_seen"
    case lastSeen = "last_seen"
  }
}

extension Array {
  /// The element at `index`, or `nil` past either end.
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// A finding of `baseline.report/1` and `baseline.verify/1`; its `message` names the
/// environment.
struct FindingDocument: Encodable {
  let finding: Finding
  let environment: String
  /// With a run history: `state`, `first_seen` and `since` are written too.
  var history: FindingHistory?
  init(_ finding: Finding, in environment: String) {
    self.finding = finding
    self.environment = environment
  }
  enum CodingKeys: String, CodingKey {
    case kind, component, expected, actual, message, probe, key, accepted, state, since
    case firstSeen = "first_seen"
    case lastSeen = "last_seen"
  }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(finding.kind.rawValue, forKey: .kind)
    try container.encode(finding.component, forKey: .component)
    try container.encode(finding.expected, forKey: .expected)
    try container.encode(finding.actual, forKey: .actual)
    try container.encode(finding.message(in: environment), forKey: .message)
    try container.encodeIfPresent(finding.probe, forKey: .probe)
    try container.encodeIfPresent(finding.key, forKey: .key)
    try container.encode(finding.acceptance.map(AcceptanceDocument.init), forKey: .accepted)
    if let history {
      try container.encode(history.state.rawValue, forKey: .state)
      try container.encode(Timestamp.string(history.firstSeen), forKey: .firstSeen)
      try container.encode(Timestamp.string(history.since), forKey: .since)
      try container.encode(Timestamp.string(history.seenAt), forKey: .lastSeen)
    }
  }
}

/// An accepted deviation: `component`, `kind`, `key`, `actual` (null when any), `reason`,
/// `reference`, `expires` (the last day, UTC).
struct AcceptanceDocument: Encodable {
  let component: String
  let kind: String
  @NullWhenAbsent var key: String?
  @NullWhenAbsent var actual: String?
  let reason: String
  let reference: String
  let expires: String
  init(_ acceptance: Acceptance) {
    (component, kind) = (acceptance.component, acceptance.kind.rawValue)
    key = acceptance.key
    actual = acceptance.actual
    (reason, reference, expires) = (acceptance.reason, acceptance.reference, acceptance.expires)
  }
}

struct RowDocument: Encodable {
  let row: EnvironmentReport.Row
  init(_ row: EnvironmentReport.Row) { self.row = row }
  enum CodingKeys: String, CodingKey {
    case component, baseline, pin, deployed, commit, findings
    case deployedTag = "deployed_tag"
    case tagCommit = "tag_commit"
    case pinSource = "pin_source"
    case tag, verdict
  }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(row.component, forKey: .component)
    try container.encode(row.baseline, forKey: .baseline)
    try container.encode(row.pin, forKey: .pin)
    try container.encode(row.pinSource?.rawValue, forKey: .pinSource)
    try container.encode(row.tagCommit, forKey: .tagCommit)
    try container.encode(row.tag, forKey: .tag)
    try container.encode(row.deployed, forKey: .deployed)
    try container.encode(row.deployedTag, forKey: .deployedTag)
    try container.encode(row.commit, forKey: .commit)
    try container.encode(row.findings.map(\.rawValue), forKey: .findings)
    try container.encode(row.verdict.rawValue, forKey: .verdict)
  }

  /// Writes the row as ``encode(to:)`` encodes it, keys in sorted order (held to it in
  /// `JSONWriterTests`): a report's rows are most of its text.
  func write(to writer: inout JSONWriter) {
    writer.beginObject()
    writer.member("baseline", orNull: row.baseline)
    writer.member("commit", orNull: row.commit)
    writer.member("component", row.component)
    writer.member("deployed", orNull: row.deployed)
    writer.member("deployed_tag", orNull: row.deployedTag)
    writer.member("findings", row.findings.map(\.rawValue))
    writer.member("pin", orNull: row.pin)
    writer.member("pin_source", orNull: row.pinSource?.rawValue)
    writer.member("tag", orNull: row.tag)
    writer.member("tag_commit", orNull: row.tagCommit)
    writer.member("verdict", row.verdict.rawValue)
    writer.endObject()
  }
}

struct ProbeDocument: Encodable {
  let name: String
  let status: String
  @NullWhenAbsent var failure: String?
  @NullWhenAbsent var exitStatus: Int32?
  let durationSeconds: Double
  let stderr: String
  init(_ run: ProbeRun) {
    (name, status) = (run.probe, run.inventory == nil ? "failed" : "ok")
    failure = run.failure
    exitStatus = run.exitStatus
    (durationSeconds, stderr) = (JSONText.seconds(run.duration), run.standardError)
  }
  enum CodingKeys: String, CodingKey {
    case name, status, failure, stderr
    case exitStatus = "exit_status"
    case durationSeconds = "duration_seconds"
  }
}
