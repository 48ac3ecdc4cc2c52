import BaselineKit
import Foundation

/// Reads the periods and decisions a ``HistoryQuery`` selects, each list in time order, from
/// either store (``HistoryDatabase``).
struct HistoryReader {
  let db: any HistoryDatabase

  func listing(_ query: HistoryQuery) throws(HistoryError) -> HistoryListing {
    let deployments = try deployments(query)
    // Moves concern components: with environments asked for, those the environments ran.
    let components =
      query.environments.isEmpty ? Set(query.components) : Set(deployments.map(\.component))
    return HistoryListing(
      deployments: deployments, drifts: try drifts(query),
      decisions: query.components.isEmpty ? try decisions(query) : [],
      tagMoves: try tagMoves(
        since: query.since,
        among: query.environments.isEmpty && query.components.isEmpty ? nil : components))
  }

  /// `column IN (?, ?, …)` with its arguments, or nothing for an empty list.
  private func among(_ column: String, _ values: [String]) -> (String, [SQLValue])? {
    guard !values.isEmpty else { return nil }
    return (
      "\(column) IN (\(HistoryBatch.placeholders(values.count)))", values.map(SQLValue.text)
    )
  }

  /// The `WHERE` clause and arguments for the environment and component filters and, with
  /// `since`, "still current or ended at or after it" (`end IS NULL OR end >= since`).
  private func filter(_ query: HistoryQuery, end: String?, start: String, withComponent: Bool)
    -> (String, [SQLValue])
  {
    var clauses: [String] = []
    var arguments: [SQLValue] = []
    if let (clause, values) = among("environment", query.environments) {
      clauses.append(clause)
      arguments += values
    }
    if withComponent, let (clause, values) = among("component", query.components) {
      clauses.append(clause)
      arguments += values
    }
    if let since = query.since?.timeIntervalSince1970 {
      clauses.append(end.map { "(\($0) IS NULL OR \($0) >= ?)" } ?? "\(start) >= ?")
      arguments.append(.real(since))
    }
    return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), arguments)
  }

  private func deployments(_ query: HistoryQuery) throws(HistoryError)
    -> [HistoryListing.Deployment]
  {
    let (clause, arguments) = filter(
      query, end: "to_time", start: "from_time", withComponent: true)
    var deployments: [HistoryListing.Deployment] = []
    for row in try db.rows(
      """
      SELECT environment, component, release, commit_id, tag, from_time, to_time, last_seen
      FROM deployment \(clause) ORDER BY from_time, environment, component, id
      """, arguments)
    {
      deployments.append(
        HistoryListing.Deployment(
          environment: try row.text("environment"), component: try row.text("component"),
          release: try row.optionalText("release"), commit: try row.optionalText("commit_id"),
          tag: try row.optionalText("tag"), from: date(try row.real("from_time")),
          to: try row.optionalReal("to_time").map(date),
          lastSeen: date(try row.real("last_seen"))))
    }
    return deployments
  }

  private func drifts(_ query: HistoryQuery) throws(HistoryError) -> [HistoryListing.Drift] {
    let (clause, arguments) = filter(
      query, end: "resolved_at", start: "first_seen", withComponent: true)
    var drifts: [HistoryListing.Drift] = []
    for row in try db.rows(
      """
      SELECT environment, component, kind, key, message, first_seen, last_seen, resolved_at,
        accepted, accepted_since
      FROM finding_period \(clause) ORDER BY first_seen, environment, component, kind, key, id
      """, arguments)
    {
      guard let kind = Finding.Kind(rawValue: try row.text("kind")) else { continue }
      drifts.append(
        HistoryListing.Drift(
          environment: try row.text("environment"),
          identity: FindingIdentity(
            kind: kind, component: try row.text("component"), key: try row.text("key")),
          message: try row.text("message"), firstSeen: date(try row.real("first_seen")),
          lastSeen: date(try row.real("last_seen")),
          resolvedAt: try row.optionalReal("resolved_at").map(date),
          accepted: try row.optionalText("accepted"),
          acceptedSince: try row.optionalReal("accepted_since").map(date)))
    }
    return drifts
  }

  private func decisions(_ query: HistoryQuery) throws(HistoryError)
    -> [HistoryListing.Decision]
  {
    let (clause, arguments) = filter(query, end: nil, start: "time", withComponent: false)
    var decisions: [HistoryListing.Decision] = []
    for row in try db.rows(
      """
      SELECT environment, decision, time, who, release, estate_commit, evidence_sha256
      FROM decision \(clause) ORDER BY time, environment, id
      """, arguments)
    {
      decisions.append(
        HistoryListing.Decision(
          environment: try row.text("environment"), decision: try row.text("decision"),
          time: date(try row.real("time")), who: try row.text("who"),
          release: try row.optionalText("release"),
          estateCommit: try row.optionalText("estate_commit"),
          evidenceSHA256: try row.text("evidence_sha256")))
    }
    return decisions
  }

  /// Tags moved on the server at or after `since`, of any of `components` (`nil`: all).
  private func tagMoves(since: Date?, among components: Set<String>?) throws(HistoryError)
    -> [HistoryListing.TagMove]
  {
    var moves: [HistoryListing.TagMove] = []
    for row in try db.rows(
      """
      SELECT time, url, components, tag, old_object, new_object FROM tag_move
      WHERE time >= ? ORDER BY time, id
      """, [.real(since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude)])
    {
      let names = Self.names(try row.text("components"))
      if let components, components.isDisjoint(with: names) { continue }
      moves.append(
        HistoryListing.TagMove(
          time: date(try row.real("time")),
          move: RecordedTagMove(
            url: try row.text("url"), components: names, tag: try row.text("tag"),
            old: try row.text("old_object"), new: try row.optionalText("new_object"))))
    }
    return moves
  }

  /// Every environment and component the history knows (deployments, findings, the
  /// components of moved tags).
  func knownNames() throws(HistoryError) -> (environments: Set<String>, components: Set<String>) {
    let environments = Set(try db.texts("SELECT DISTINCT environment FROM environment_run"))
    let components = Set(
      try db.texts(
        "SELECT DISTINCT component FROM deployment UNION SELECT DISTINCT component "
          + "FROM finding_period WHERE component != ''"))
    let moved = try db.texts("SELECT DISTINCT components FROM tag_move").flatMap(Self.names)
    return (environments, components.union(moved))
  }

  /// A JSON array of names, as `tag_move.components` holds them (nothing when unreadable).
  static func names(_ json: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
  }

  private func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }
}
