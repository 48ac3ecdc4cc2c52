import BaselineKit
import Foundation

/// Records one run inside the caller's transaction: the run, each environment's status and
/// probes, the deployment periods it opens and closes, the finding periods it opens, extends
/// and resolves, and the decision. The same code records into SQLite and PostgreSQL
/// (``HistoryDatabase``); rows are written in batches (``HistoryBatch``).
///
/// What a run could not see is not taken as gone: a component whose state is `unknown` (its
/// probe failed) keeps its deployment and its findings open, and a component no probe
/// reported closes nothing while the environment is `incomplete`.
struct HistoryRecorder {
  let db: any HistoryDatabase
  let run: RecordedRun
  var time: Double { run.time.timeIntervalSince1970 }

  func record(_ report: DriftReport, decision: RecordedDecision?) throws(HistoryError)
    -> DriftReport
  {
    let runID = try db.insert(
      "INSERT INTO run (time, command, tool_version, estate_commit) VALUES (?, ?, ?, ?)",
      [.real(time), .text(run.command), .text(run.toolVersion), .text(run.estateCommit)])
    try HistoryBatch.insert(
      into: "tag_move",
      columns: ["run_id", "time", "url", "components", "tag", "old_object", "new_object"],
      rows: run.tagMoves.map { move in
        [
          .integer(runID), .real(time), .text(move.url), .text(Self.json(move.components)),
          .text(move.tag), .text(move.old), .text(move.new),
        ]
      }, in: db)
    var environments: [EnvironmentReport] = []
    for environment in report.environments {
      var annotated = environment
      // An inventory older than the environment's last recorded run (a saved one read again,
      // or a run that overlapped a later one which recorded first) says nothing about now:
      // the environment is not recorded, and its report says so. (A second's leeway for a
      // collection time: probes write whole seconds, runs keep fractions.)
      let last = try lastRun(of: environment)
      let seen = environment.collectedAt.map { $0.timeIntervalSince1970 + 1 } ?? time
      if let last, seen < last {
        annotated.history = nil
        environments.append(annotated)
        continue
      }
      annotated.history = try record(environment, runID: runID, previous: last)
      environments.append(annotated)
    }
    if let decision {
      try db.execute(
        """
        INSERT INTO decision
          (run_id, environment, decision, time, who, release, estate_commit, evidence_sha256)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          .integer(runID), .text(decision.environment), .text(decision.decision), .real(time),
          .text(decision.who), .text(decision.release), .text(run.estateCommit),
          .text(decision.evidenceSHA256),
        ])
    }
    return DriftReport(
      generatedAt: report.generatedAt, environments: environments, warnings: report.warnings)
  }

  /// Records one environment; `previous` is the time of its last recorded run.
  private func record(_ environment: EnvironmentReport, runID: Int64, previous: Double?)
    throws(HistoryError) -> EnvironmentHistory
  {
    let probes = environment.probes.map { [$0.probe, $0.inventory == nil ? "failed" : "ok"] }
    try db.execute(
      "INSERT INTO environment_run (run_id, environment, status, probes) VALUES (?, ?, ?, ?)",
      [
        .integer(runID), .text(environment.environment), .text(environment.status.rawValue),
        .text(Self.json(probes)),
      ])
    try recordDeployments(environment)
    let (findings, resolved, unchecked) = try recordFindings(environment)
    var history = EnvironmentHistory(
      findings: findings, resolved: resolved,
      previousRun: previous.map(Date.init(timeIntervalSince1970:)))
    history.unchecked = unchecked
    return history
  }

  /// The time of the environment's last recorded run (seconds since 1970), if any.
  private func lastRun(of environment: EnvironmentReport) throws(HistoryError) -> Double? {
    try db.rows(
      """
      SELECT MAX(run.time) AS last FROM environment_run JOIN run ON run.id = environment_run.run_id
      WHERE environment_run.environment = ?
      """, [.text(environment.environment)]
    ).first?.optionalReal("last")
  }

  /// Whether this run saw a component's whole state, so that what it lacks is proven gone:
  /// only when every probe of the environment ran (a failed probe may have been the one that
  /// reports its commit, its settings or the component itself) and the component is not
  /// `unknown`.
  /// Returns the test for one environment, its unknown components gathered once.
  private func sight(of environment: EnvironmentReport) -> (String) -> Bool {
    guard environment.status != .incomplete else { return { _ in false } }
    let unknown = Set(environment.rows.filter { $0.verdict == .unknown }.map(\.component))
    return { !unknown.contains($0) }
  }

  private func recordDeployments(_ environment: EnvironmentReport) throws(HistoryError) {
    let name = environment.environment
    var open: [String: SQLRow] = [:]
    for row in try db.rows(
      """
      SELECT id, component, release, commit_id, tag FROM deployment
      WHERE environment = ? AND to_time IS NULL
      """, [.text(name)])
    {
      open[try row.text("component")] = row
    }
    var present: Set<String> = []
    var unchanged: [Int64] = []
    var closed: [Int64] = []
    var opened: [[SQLValue]] = []
    // A field a failed probe left out is no change: only another value is.
    let partial = environment.status == .incomplete
    for row in environment.rows where row.verdict != .unknown {
      guard row.deployed != nil || row.commit != nil else { continue }
      present.insert(row.component)
      if let current = open[row.component] {
        let release = try current.optionalText("release")
        let commit = try current.optionalText("commit_id")
        if release == row.deployed || (partial && row.deployed == nil),
          commit == row.commit || (partial && row.commit == nil)
        {
          // The same build; its tag is what this run found on it (a tag moved away, or made
          // since), where the run resolved the commit.
          if row.commitTagged != nil, try current.optionalText("tag") != row.deployedTag {
            try db.execute(
              "UPDATE deployment SET last_seen = ?, tag = ? WHERE id = ?",
              [.real(time), .text(row.deployedTag), .integer(try current.integer("id"))])
          } else {
            unchanged.append(try current.integer("id"))
          }
          continue
        }
        closed.append(try current.integer("id"))
      }
      // The release tag on the deployed commit, whichever release it is (before: only the
      // baselined release's, so a drifted build's tag was not kept).
      let tag = row.deployedTag
      opened.append([
        .text(name), .text(row.component), .text(row.deployed), .text(row.commit), .text(tag),
        .real(time), .real(time),
      ])
    }
    // Neither release nor commit reported is not "gone" unless the run saw the component.
    let saw = sight(of: environment)
    for (component, current) in open where !present.contains(component) && saw(component) {
      closed.append(try current.integer("id"))
    }
    try HistoryBatch.update(
      "UPDATE deployment SET last_seen = ? WHERE id", [.real(time)], ids: unchanged, in: db)
    try HistoryBatch.update(
      "UPDATE deployment SET to_time = ? WHERE id", [.real(time)], ids: closed.sorted(), in: db)
    try HistoryBatch.insert(
      into: "deployment",
      columns: [
        "environment", "component", "release", "commit_id", "tag", "from_time", "last_seen",
      ], rows: opened, in: db)
  }

  private func recordFindings(_ environment: EnvironmentReport) throws(HistoryError)
    -> ([FindingHistory], [ResolvedFinding], [ResolvedFinding])
  {
    let name = environment.environment
    var open: [FindingIdentity: SQLRow] = [:]
    var earliest: [FindingIdentity: Double] = [:]
    for row in try db.rows(
      """
      SELECT id, component, kind, key, message, first_seen, last_seen, resolved_at, accepted
      FROM finding_period WHERE environment = ?
      """, [.text(name)])
    {
      guard let kind = Finding.Kind(rawValue: try row.text("kind")) else { continue }
      let identity = FindingIdentity(
        kind: kind, component: try row.text("component"), key: try row.text("key"))
      let firstSeen = try row.real("first_seen")
      earliest[identity] = min(earliest[identity] ?? firstSeen, firstSeen)
      if try row.optionalReal("resolved_at") == nil { open[identity] = row }
    }
    var seen: [FindingIdentity: FindingHistory] = [:]
    var histories: [FindingHistory] = []
    var extended: [Int64] = []
    var opened: [[SQLValue]] = []
    for finding in environment.findings {
      let identity = finding.identity
      if let known = seen[identity] {
        histories.append(known)
        continue
      }
      let history: FindingHistory
      if let current = open[identity] {
        let id = try current.integer("id")
        let accepted = finding.acceptance?.reference
        let sameAcceptance = try current.optionalText("accepted") == accepted
        if sameAcceptance, try current.text("message") == finding.message {
          extended.append(id)
        } else if sameAcceptance {
          try db.execute(
            "UPDATE finding_period SET last_seen = ?, message = ? WHERE id = ?",
            [.real(time), .text(finding.message), .integer(id)])
        } else {
          // Accepted from this run on (or no longer): when it began is kept.
          try db.execute(
            "UPDATE finding_period SET last_seen = ?, message = ?, accepted = ?, "
              + "accepted_since = ? WHERE id = ?",
            [
              .real(time), .text(finding.message),
              .text(accepted), accepted == nil ? .null : .real(time), .integer(id),
            ])
        }
        history = FindingHistory(
          state: .known, firstSeen: date(earliest[identity] ?? time),
          since: date(try current.real("first_seen")), seenAt: run.time)
      } else {
        opened.append([
          .text(name), .text(identity.component), .text(identity.kind.rawValue),
          .text(identity.key), .text(finding.message), .real(time), .real(time),
          .text(finding.acceptance?.reference), finding.acceptance == nil ? .null : .real(time),
        ])
        history = FindingHistory(
          state: earliest[identity] == nil ? .new : .reopened,
          firstSeen: date(earliest[identity] ?? time), since: date(time), seenAt: run.time)
      }
      seen[identity] = history
      histories.append(history)
    }
    let saw = sight(of: environment)
    var resolved: [ResolvedFinding] = []
    var unchecked: [ResolvedFinding] = []
    var ended: [Int64] = []
    for (identity, current) in open.sorted(by: { $0.key < $1.key })
    where seen[identity] == nil {
      let entry = ResolvedFinding(
        kind: identity.kind, component: identity.component.isEmpty ? nil : identity.component,
        key: identity.key.isEmpty ? nil : identity.key, message: try current.text("message"),
        firstSeen: date(try current.real("first_seen")),
        lastSeen: date(try current.real("last_seen")))
      guard identity.component.isEmpty || saw(identity.component) else {
        unchecked.append(entry)
        continue
      }
      ended.append(try current.integer("id"))
      resolved.append(entry)
    }
    try HistoryBatch.update(
      "UPDATE finding_period SET last_seen = ? WHERE id", [.real(time)], ids: extended, in: db)
    try HistoryBatch.update(
      "UPDATE finding_period SET resolved_at = ? WHERE id", [.real(time)], ids: ended, in: db)
    try HistoryBatch.insert(
      into: "finding_period",
      columns: [
        "environment", "component", "kind", "key", "message", "first_seen", "last_seen",
        "accepted", "accepted_since",
      ], rows: opened, in: db)
    return (histories, resolved, unchecked)
  }

  private func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

  /// `value` as compact JSON text (the probes and a move's components are kept as JSON).
  static func json(_ value: some Encodable) -> String {
    String(decoding: (try? JSONEncoder().encode(value)) ?? Data("[]".utf8), as: UTF8.self)
  }
}
