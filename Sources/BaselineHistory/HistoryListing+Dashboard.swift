public import BaselineKit

extension HistoryListing {
  /// The listing as the dashboard reads it: periods by environment and component.
  public var dashboard: DashboardHistory {
    var result = DashboardHistory()
    for period in deployments {
      result.deployments[period.environment, default: [:]][period.component, default: []].append(
        DashboardHistory.Deployment(
          release: period.release, commit: period.commit, tag: period.tag, from: period.from,
          to: period.to))
    }
    for period in drifts {
      result.drifts[period.environment, default: [:]][period.identity.component, default: []]
        .append(
          DashboardHistory.Drift(
            kind: period.identity.kind.rawValue, key: period.identity.key,
            message: period.message, from: period.firstSeen, to: period.resolvedAt,
            accepted: period.accepted, acceptedSince: period.acceptedSince))
    }
    for decision in decisions {
      result.decisions[decision.environment, default: []].append(
        DashboardHistory.Decision(
          decision: decision.decision, time: decision.time, who: decision.who,
          release: decision.release, evidenceSHA256: decision.evidenceSHA256))
    }
    return result
  }
}
