import BaselineKit
import Foundation
import GRDB

/// Reads the periods and decisions a ``HistoryQuery`` selects, each list in time order.
struct HistoryReader {
  let db: Database

  func listing(_ query: HistoryQuery) throws -> HistoryListing {
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
  private func among(_ column: String, _ values: [String]) -> (String, [String])? {
    guard !values.isEmpty else { return nil }
    return ("\(column) IN (\(values.map { _ in "?" }.joined(separator: ", ")))", values)
  }

  /// The `WHERE` clause and arguments for the environment and component filters and, with
  /// `since`, "still current or ended at or after it" (`end IS NULL OR end >= since`).
  private func filter(_ query: HistoryQuery, end: String?, start: String, withComponent: Bool)
    -> (String, StatementArguments)
  {
    var clauses: [String] = []
    var arguments = StatementArguments()
    if let (clause, values) = among("environment", query.environments) {
      clauses.append(clause)
      arguments += StatementArguments(values)
    }
    if withComponent, let (clause, values) = among("component", query.components) {
      clauses.append(clause)
      arguments += StatementArguments(values)
    }
    if let since = query.since?.timeIntervalSince1970 {
      clauses.append(end.map { "(\($0) IS NULL OR \($0) >= ?)" } ?? "\(start) >= ?")
      arguments += [since]
    }
    return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), arguments)
  }

  private func deployments(_ query: HistoryQuery) throws -> [HistoryListing.Deployment] {
    let (clause, arguments) = filter(
      query, end: "to_time", start: "from_time", withComponent: true)
    return try Row.fetchAll(
      db,
      sql: """
        SELECT environment, component, release, commit_id, tag, from_time, to_time, last_seen
        FROM deployment \(clause) ORDER BY from_time, environment, component, id
        """, arguments: arguments
    ).map { row in
      HistoryListing.Deployment(
        environment: try row.decode(forColumn: "environment"),
        component: try row.decode(forColumn: "component"),
        release: try row.decode(forColumn: "release"),
        commit: try row.decode(forColumn: "commit_id"), tag: try row.decode(forColumn: "tag"),
        from: date(try row.decode(forColumn: "from_time")),
        to: (try row.decode(Double?.self, forColumn: "to_time")).map(date),
        lastSeen: date(try row.decode(forColumn: "last_seen")))
    }
  }

  private func drifts(_ query: HistoryQuery) throws -> [HistoryListing.Drift] {
    let (clause, arguments) = filter(
      query, end: "resolved_at", start: "first_seen", withComponent: true)
    return try Row.fetchAll(
      db,
      sql: """
        SELECT environment, component, kind, key, message, first_seen, last_seen, resolved_at
        FROM finding_period \(clause) ORDER BY first_seen, environment, component, kind, key, id
        """, arguments: arguments
    ).compactMap { row in
      guard let kind = Finding.Kind(rawValue: try row.decode(forColumn: "kind")) else { return nil }
      return HistoryListing.Drift(
        environment: try row.decode(forColumn: "environment"),
        identity: FindingIdentity(
          kind: kind, component: try row.decode(forColumn: "component"),
          key: try row.decode(forColumn: "key")),
        message: try row.decode(forColumn: "message"),
        firstSeen: date(try row.decode(forColumn: "first_seen")),
        lastSeen: date(try row.decode(forColumn: "last_seen")),
        resolvedAt: (try row.decode(Double?.self, forColumn: "resolved_at")).map(date))
    }
  }

  private func decisions(_ query: HistoryQuery) throws -> [HistoryListing.Decision] {
    let (clause, arguments) = filter(query, end: nil, start: "time", withComponent: false)
    return try Row.fetchAll(
      db,
      sql: """
        SELECT environment, decision, time, who, release, estate_commit, evidence_sha256
        FROM decision \(clause) ORDER BY time, environment, id
        """, arguments: arguments
    ).map { row in
      HistoryListing.Decision(
        environment: try row.decode(forColumn: "environment"),
        decision: try row.decode(forColumn: "decision"),
        time: date(try row.decode(forColumn: "time")),
        who: try row.decode(forColumn: "who"), release: try row.decode(forColumn: "release"),
        estateCommit: try row.decode(forColumn: "estate_commit"),
        evidenceSHA256: try row.decode(forColumn: "evidence_sha256"))
    }
  }

  /// Tags moved on the server at or after `since`, of any of `components` (`nil`: all).
  private func tagMoves(since: Date?, among components: Set<String>?) throws
    -> [HistoryListing.TagMove]
  {
    try Row.fetchAll(
      db,
      sql: """
        SELECT time, url, components, tag, old_object, new_object FROM tag_move
        WHERE time >= ? ORDER BY time, id
        """, arguments: [since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude]
    ).compactMap { row in
      let names =
        (try? JSONDecoder().decode(
          [String].self, from: Data((try row.decode(String.self, forColumn: "components")).utf8)))
        ?? []
      if let components, components.isDisjoint(with: names) { return nil }
      return HistoryListing.TagMove(
        time: date(try row.decode(forColumn: "time")),
        move: RecordedTagMove(
          url: try row.decode(forColumn: "url"), components: names,
          tag: try row.decode(forColumn: "tag"), old: try row.decode(forColumn: "old_object"),
          new: try row.decode(forColumn: "new_object")))
    }
  }

  private func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }
}
