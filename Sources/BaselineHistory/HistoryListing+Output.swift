import BaselineKit
import Foundation

extension HistoryListing {
  /// The listing as `baseline.history/1` JSON (keys sorted, UTC times).
  public func json() -> String {
    JSONText.encode(
      HistoryDocument(
        schema: Self.schema, deployments: deployments.map(DeploymentDocument.init),
        drifts: drifts.map(DriftDocument.init), decisions: decisions.map(DecisionDocument.init),
        tagMoves: tagMoves.map(TagMoveDocument.init)))
  }

  /// A timeline people read: one line per event (a build arriving, a drift beginning or
  /// ending, a decision), oldest first, then what stands now.
  public func text() -> String {
    var events: [(time: Date, order: Int, line: String)] = []
    func add(_ time: Date, _ order: Int, _ environment: String, _ component: String, _ what: String)
    {
      events.append(
        (time, order, "\(Timestamp.human(time))  \(environment)  \(Self.shown(component))  \(what)")
      )
    }
    for deployment in deployments {
      add(
        deployment.from, 0, deployment.environment, deployment.component,
        "runs \(Self.build(deployment))")
      if let end = deployment.to {
        add(
          end, -1, deployment.environment, deployment.component,
          "no longer runs \(Self.build(deployment)) (ran "
            + "\(Self.duration(from: deployment.from, to: end)))")
      }
    }
    for drift in drifts {
      let what =
        "\(drift.identity.kind.rawValue)\(drift.identity.key.isEmpty ? "" : " \(drift.identity.key)")"
      // Accepted or not is known as of the last sighting, not from when: said under the
      // standing drifts and in the header's count, not on the line of its beginning.
      add(
        drift.firstSeen, 1, drift.environment, drift.identity.component,
        "drift began: \(what): \(drift.message)")
      if let resolved = drift.resolvedAt {
        add(
          resolved, 2, drift.environment, drift.identity.component,
          "drift resolved: \(what) (lasted \(Self.duration(from: drift.firstSeen, to: resolved)))")
      }
    }
    for decision in decisions {
      add(
        decision.time, 3, decision.environment, "(control point 3)",
        "baseline verify: \(decision.decision), run by \(decision.who)"
          + (decision.release.map { " for release \($0)" } ?? "")
          + ", evidence sha256 \(decision.evidenceSHA256)")
    }
    for entry in tagMoves {
      let move = entry.move
      add(
        entry.time, 4, "(server)", move.components.joined(separator: ","),
        "tag \(move.tag) "
          + (move.new.map { "MOVED from \(move.old) to \($0)" } ?? "DELETED (it named \(move.old))")
          + " at \(move.url)")
    }
    let ordered = events.enumerated().sorted {
      ($0.element.time, $0.element.order, $0.offset) < (
        $1.element.time, $1.element.order, $1.offset
      )
    }
    let acceptedCount = drifts.filter { $0.accepted != nil }.count
    var lines = [
      "History: " + Self.plural(deployments.count, "deployment period") + ", "
        + Self.plural(drifts.count, "drift period")
        + (acceptedCount > 0 ? " (\(acceptedCount) of them accepted deviations)" : "") + ", "
        + Self.plural(decisions.count, "decision")
        + (tagMoves.isEmpty
          ? "" : ", \(tagMoves.count) tag\(tagMoves.count == 1 ? "" : "s") moved on the server")
        + "."
    ]
    lines += ordered.map(\.element.line)
    let standing = drifts.filter { $0.resolvedAt == nil }
    if !standing.isEmpty {
      lines.append("Standing drifts:")
      for drift in standing {
        lines.append(
          "  \(drift.environment)  \(Self.shown(drift.identity.component))  "
            + drift.identity.kind.rawValue
            + " since \(Timestamp.human(drift.firstSeen))"
            + (drift.accepted.map { reference in
              "  (accepted deviation, \(reference)"
                + (drift.acceptedSince.map { ", since \(Timestamp.human($0))" } ?? "") + ")"
            } ?? ""))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func build(_ deployment: Deployment) -> String {
    var parts: [String] = []
    if let commit = deployment.commit { parts.append(String(commit.prefix(7))) }
    if let tag = deployment.tag { parts.append("tag \(tag)") }
    let release = deployment.release ?? "an unknown release"
    return parts.isEmpty ? release : "\(release) (\(parts.joined(separator: ", ")))"
  }

  /// `3 days`, `5 hours`, `40 minutes`: the largest unit, to the nearest (nightly runs a
  /// few seconds apart make whole days, not 23 hours).
  static func duration(from start: Date, to end: Date) -> String {
    let seconds = Double(max(0, Timestamp.wholeSeconds(end.timeIntervalSince(start))))
    let hours = Int((seconds / 3_600).rounded())
    if hours >= 24 { return plural(Int((seconds / 86_400).rounded()), "day") }
    if hours >= 1 { return plural(hours, "hour") }
    return plural(Int((seconds / 60).rounded()), "minute")
  }

  /// `1 day`, `2 days`.
  /// A component's name, or `(environment)` for a finding about the whole environment (a
  /// failed probe), where a blank column read as a missing name.
  static func shown(_ component: String) -> String {
    component.isEmpty ? "(environment)" : component
  }

  static func plural(_ value: Int, _ name: String) -> String {
    "\(value) \(name)\(value == 1 ? "" : "s")"
  }
}

private struct HistoryDocument: Encodable {
  let schema: String
  let deployments: [DeploymentDocument]
  let drifts: [DriftDocument]
  let decisions: [DecisionDocument]
  let tagMoves: [TagMoveDocument]
  enum CodingKeys: String, CodingKey {
    case schema, deployments, drifts, decisions
    case tagMoves = "tag_moves"
  }
}

private struct TagMoveDocument: Encodable {
  let time: String
  let url: String
  let components: [String]
  let tag: String
  let old: String
  @NullWhenAbsent var new: String?
  init(_ entry: HistoryListing.TagMove) {
    time = Timestamp.string(entry.time)
    (url, components, tag, old) = (
      entry.move.url, entry.move.components, entry.move.tag, entry.move.old
    )
    new = entry.move.new
  }
}

private struct DeploymentDocument: Encodable {
  let environment: String
  let component: String
  @NullWhenAbsent var release: String?
  @NullWhenAbsent var commit: String?
  @NullWhenAbsent var tag: String?
  let from: String
  @NullWhenAbsent var to: String?
  let lastSeen: String
  enum CodingKeys: String, CodingKey {
    case environment, component, release, commit, tag, from, to
    case lastSeen = "last_seen"
  }
  init(_ deployment: HistoryListing.Deployment) {
    (environment, component) = (deployment.environment, deployment.component)
    release = deployment.release
    commit = deployment.commit
    tag = deployment.tag
    from = Timestamp.string(deployment.from)
    to = deployment.to.map(Timestamp.string)
    lastSeen = Timestamp.string(deployment.lastSeen)
  }
}

/// A drift period; a finding about the whole environment has `component` `null`, one about
/// the whole component `key` `null`.
private struct DriftDocument: Encodable {
  let environment: String
  @NullWhenAbsent var component: String?
  let kind: String
  @NullWhenAbsent var key: String?
  let message: String
  let firstSeen: String
  let lastSeen: String
  @NullWhenAbsent var resolvedAt: String?
  @NullWhenAbsent var accepted: String?
  @NullWhenAbsent var acceptedSince: String?
  enum CodingKeys: String, CodingKey {
    case environment, component, kind, key, message, accepted
    case acceptedSince = "accepted_since"
    case firstSeen = "first_seen"
    case lastSeen = "last_seen"
    case resolvedAt = "resolved_at"
  }
  init(_ drift: HistoryListing.Drift) {
    let identity = drift.identity
    (environment, kind, message) = (drift.environment, identity.kind.rawValue, drift.message)
    component = identity.component.isEmpty ? nil : identity.component
    key = identity.key.isEmpty ? nil : identity.key
    firstSeen = Timestamp.string(drift.firstSeen)
    lastSeen = Timestamp.string(drift.lastSeen)
    resolvedAt = drift.resolvedAt.map(Timestamp.string)
    accepted = drift.accepted
    acceptedSince = drift.acceptedSince.map(Timestamp.string)
  }
}

private struct DecisionDocument: Encodable {
  let environment: String
  let decision: String
  let time: String
  let who: String
  @NullWhenAbsent var release: String?
  @NullWhenAbsent var estateCommit: String?
  let evidenceSHA256: String
  enum CodingKeys: String, CodingKey {
    case environment, decision, time, who, release
    case estateCommit = "estate_commit"
    case evidenceSHA256 = "evidence_sha256"
  }
  init(_ decision: HistoryListing.Decision) {
    (environment, self.decision, who) = (decision.environment, decision.decision, decision.who)
    time = Timestamp.string(decision.time)
    release = decision.release
    estateCommit = decision.estateCommit
    evidenceSHA256 = decision.evidenceSHA256
  }
}
