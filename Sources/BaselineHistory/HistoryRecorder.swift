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
    var environments: [EnvironmentReport] = []
    for environment in report.environments {
      var annotated = environment
      annotated.history = try record(environment, runID: runID)
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

  private func record(_ environment: EnvironmentReport, runID: Int64) throws
    -> EnvironmentHistory
  {
    let name = environment.environment
    let previous = try Double.fetchOne(
      db,
      sql: """
        SELECT MAX(run.time) FROM environment_run JOIN run ON run.id = environment_run.run_id
        WHERE environment_run.environment = ?
        """, arguments: [name])
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

  /// Whether this run saw a component's state: a row that is not `unknown`, or no row in an
  /// environment whose every probe ran.
  private func saw(_ component: String, in environment: EnvironmentReport) -> Bool {
    if let row = environment.rows.first(where: { $0.component == component }) {
      // In an incomplete environment, a row with neither release nor commit may be a
      // component whose probe failed (another probe reported only its settings).
      let blind = environment.status == .incomplete && row.deployed == nil && row.commit == nil
      return row.verdict != .unknown && !blind
    }
    return environment.status != .incomplete
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
      open[row["component"]] = row
    }
    var present: Set<String> = []
    for row in environment.rows where row.verdict != .unknown {
      guard row.deployed != nil || row.commit != nil else { continue }
      present.insert(row.component)
      // A tag only where the deployed commit is the one the baselined release's tag names.
      let tag = row.commit != nil && row.commit == row.tagCommit ? row.tag : nil
      if let current = open[row.component] {
        if current["release"] == row.deployed, current["commit_id"] == row.commit {
          try db.execute(
            sql: "UPDATE deployment SET last_seen = ? WHERE id = ?",
            arguments: [time, current["id"] as Int64])
          continue
        }
        try close(deployment: current["id"])
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
      if saw(component, in: environment) { try close(deployment: current["id"]) }
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
      guard let kind = Finding.Kind(rawValue: row["kind"]) else { continue }
      let identity = FindingIdentity(kind: kind, component: row["component"], key: row["key"])
      let firstSeen: Double = row["first_seen"]
      earliest[identity] = min(earliest[identity] ?? firstSeen, firstSeen)
      if (row["resolved_at"] as Double?) == nil { open[identity] = row }
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
          arguments: [time, finding.message, current["id"] as Int64])
        history = FindingHistory(
          state: .known, firstSeen: date(earliest[identity] ?? time),
          since: date(current["first_seen"]), seenAt: run.time)
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
        key: identity.key.isEmpty ? nil : identity.key, message: current["message"],
        firstSeen: date(current["first_seen"]), lastSeen: date(current["last_seen"]))
      guard identity.component.isEmpty || saw(identity.component, in: environment) else {
        unchecked.append(entry)
        continue
      }
      try db.execute(
        sql: "UPDATE finding_period SET resolved_at = ? WHERE id = ?",
        arguments: [time, current["id"] as Int64])
      resolved.append(entry)
    }
    return (histories, resolved, unchecked)
  }

  private func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }
}
