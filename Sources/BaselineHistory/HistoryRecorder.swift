import BaselineKit
import Foundation
import GRDB

/// Records one run inside the caller's transaction: the run, each environment's status and
/// probes, the deployment periods it opens and closes, the finding periods it opens, extends
/// and resolves, and the decision.
///
/// What a run could not see is not taken as gone: a component whose state is `unknown` (its
/// probe failed) keeps its deployment and its findings open, and a component no probe
/// reported closes nothing while the environment is `incomplete`.
struct HistoryRecorder {
  let db: Database
  let run: RecordedRun
  var time: Double { run.time.timeIntervalSince1970 }

  func record(_ report: DriftReport, decision: RecordedDecision?) throws -> DriftReport {
    try db.execute(
      sql: "INSERT INTO run (time, command, tool_version, estate_commit) VALUES (?, ?, ?, ?)",
      arguments: [time, run.command, run.toolVersion, run.estateCommit])
    let runID = db.lastInsertedRowID
    for move in run.tagMoves {
      try db.execute(
        sql: """
          INSERT INTO tag_move (run_id, time, url, components, tag, old_object, new_object)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          runID, time, move.url,
          String(decoding: try JSONEncoder().encode(move.components), as: UTF8.self), move.tag,
          move.old, move.new,
        ])
    }
    var environments: [EnvironmentReport] = []
    for environment in report.environments {
      var annotated = environment
      // An inventory older than the environment's last recorded run (a saved one read again)
      // says nothing about now: the environment is not recorded, and its report says so.
      // (A second's leeway: probes write whole seconds, runs keep fractions.)
      let last = try lastRun(of: environment)
      if let collected = environment.collectedAt, let last,
        collected.timeIntervalSince1970 + 1 < last
      {
        annotated.history = nil
        environments.append(annotated)
        continue
      }
      annotated.history = try record(environment, runID: runID, previous: last)
      environments.append(annotated)
    }
    if let decision {
      try db.execute(
        sql: """
          INSERT INTO decision
            (run_id, environment, decision, time, who, release, estate_commit, evidence_sha256)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          runID, decision.environment, decision.decision, time, decision.who, decision.release,
          run.estateCommit, decision.evidenceSHA256,
        ])
    }
    return DriftReport(
      generatedAt: report.generatedAt, environments: environments, warnings: report.warnings)
  }

  /// Records one environment; `previous` is the time of its last recorded run.
  private func record(_ environment: EnvironmentReport, runID: Int64, previous: Double?) throws
    -> EnvironmentHistory
  {
    let name = environment.environment
    let probes = environment.probes.map { [$0.probe, $0.inventory == nil ? "failed" : "ok"] }
    try db.execute(
      sql: "INSERT INTO environment_run (run_id, environment, status, probes) VALUES (?, ?, ?, ?)",
      arguments: [
        runID, name, environment.status.rawValue,
        String(decoding: try JSONEncoder().encode(probes), as: UTF8.self),
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
  private func lastRun(of environment: EnvironmentReport) throws -> Double? {
    try Double.fetchOne(
      db,
      sql: """
        SELECT MAX(run.time) FROM environment_run JOIN run ON run.id = environment_run.run_id
        WHERE environment_run.environment = ?
        """, arguments: [environment.environment])
  }

  /// Whether this run saw a component's whole state, so that what it lacks is proven gone:
  /// only when every probe of the environment ran (a failed probe may have been the one that
  /// reports its commit, its settings or the component itself) and the component is not
  /// `unknown`.
  private func saw(_ component: String, in environment: EnvironmentReport) -> Bool {
    guard environment.status != .incomplete else { return false }
    return environment.rows.first { $0.component == component }?.verdict != .unknown
  }

  private func recordDeployments(_ environment: EnvironmentReport) throws {
    let name = environment.environment
    var open: [String: Row] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT id, component, release, commit_id FROM deployment
        WHERE environment = ? AND to_time IS NULL
        """, arguments: [name])
    {
      open[try row.decode(forColumn: "component")] = row
    }
    var present: Set<String> = []
    for row in environment.rows where row.verdict != .unknown {
      guard row.deployed != nil || row.commit != nil else { continue }
      present.insert(row.component)
      // A tag only where the deployed commit is the one the baselined release's tag names.
      let tag = row.commit != nil && row.commit == row.tagCommit ? row.tag : nil
      if let current = open[row.component] {
        let release: String? = try current.decode(forColumn: "release")
        let commit: String? = try current.decode(forColumn: "commit_id")
        // A field a failed probe left out is no change: only another value is.
        let partial = environment.status == .incomplete
        if release == row.deployed || (partial && row.deployed == nil),
          commit == row.commit || (partial && row.commit == nil)
        {
          try db.execute(
            sql: "UPDATE deployment SET last_seen = ? WHERE id = ?",
            arguments: [time, try current.decode(Int64.self, forColumn: "id")])
          continue
        }
        try close(deployment: try current.decode(forColumn: "id"))
      }
      try db.execute(
        sql: """
          INSERT INTO deployment
            (environment, component, release, commit_id, tag, from_time, last_seen)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """, arguments: [name, row.component, row.deployed, row.commit, tag, time, time])
    }
    for (component, current) in open where !present.contains(component) {
      // Neither release nor commit reported is not "gone" unless the run saw the component.
      if saw(component, in: environment) {
        try close(deployment: try current.decode(forColumn: "id"))
      }
    }
  }

  private func close(deployment id: Int64) throws {
    try db.execute(sql: "UPDATE deployment SET to_time = ? WHERE id = ?", arguments: [time, id])
  }

  private func recordFindings(_ environment: EnvironmentReport) throws
    -> ([FindingHistory], [ResolvedFinding], [ResolvedFinding])
  {
    let name = environment.environment
    var open: [FindingIdentity: Row] = [:]
    var earliest: [FindingIdentity: Double] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT id, component, kind, key, message, first_seen, last_seen, resolved_at
        FROM finding_period WHERE environment = ?
        """, arguments: [name])
    {
      guard let kind = Finding.Kind(rawValue: try row.decode(forColumn: "kind")) else { continue }
      let identity = FindingIdentity(
        kind: kind, component: try row.decode(forColumn: "component"),
        key: try row.decode(forColumn: "key"))
      let firstSeen: Double = try row.decode(forColumn: "first_seen")
      earliest[identity] = min(earliest[identity] ?? firstSeen, firstSeen)
      if (try row.decode(Double?.self, forColumn: "resolved_at")) == nil { open[identity] = row }
    }
    var seen: [FindingIdentity: FindingHistory] = [:]
    var histories: [FindingHistory] = []
    for finding in environment.findings {
      let identity = finding.identity
      if let known = seen[identity] {
        histories.append(known)
        continue
      }
      let history: FindingHistory
      if let current = open[identity] {
        try db.execute(
          sql: "UPDATE finding_period SET last_seen = ?, message = ? WHERE id = ?",
          arguments: [time, finding.message, try current.decode(Int64.self, forColumn: "id")])
        history = FindingHistory(
          state: .known, firstSeen: date(earliest[identity] ?? time),
          since: date(try current.decode(forColumn: "first_seen")), seenAt: run.time)
      } else {
        try db.execute(
          sql: """
            INSERT INTO finding_period
              (environment, component, kind, key, message, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            name, identity.component, identity.kind.rawValue, identity.key, finding.message, time,
            time,
          ])
        history = FindingHistory(
          state: earliest[identity] == nil ? .new : .reopened,
          firstSeen: date(earliest[identity] ?? time), since: date(time), seenAt: run.time)
      }
      seen[identity] = history
      histories.append(history)
    }
    var resolved: [ResolvedFinding] = []
    var unchecked: [ResolvedFinding] = []
    for (identity, current) in open.sorted(by: { $0.key < $1.key })
    where seen[identity] == nil {
      let entry = ResolvedFinding(
        kind: identity.kind, component: identity.component.isEmpty ? nil : identity.component,
        key: identity.key.isEmpty ? nil : identity.key,
        message: try current.decode(forColumn: "message"),
        firstSeen: date(try current.decode(forColumn: "first_seen")),
        lastSeen: date(try current.decode(forColumn: "last_seen")))
      guard identity.component.isEmpty || saw(identity.component, in: environment) else {
        unchecked.append(entry)
        continue
      }
      try db.execute(
        sql: "UPDATE finding_period SET resolved_at = ? WHERE id = ?",
        arguments: [time, try current.decode(Int64.self, forColumn: "id")])
      resolved.append(entry)
    }
    return (histories, resolved, unchecked)
  }

  private func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }
}
