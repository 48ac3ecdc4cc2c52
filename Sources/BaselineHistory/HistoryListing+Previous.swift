public import BaselineKit
import Foundation

extension HistoryListing {
  /// What the history holds of an environment's last recorded run, for the change section of
  /// its picture: the deployments and findings still open at that run, and its time (the
  /// latest time any of them was last seen).
  /// - Returns: `nil` when the history has no run of the environment.
  public func previousPicture(of environment: String) -> PreviousPicture? {
    let deployments = self.deployments.filter { $0.environment == environment && $0.to == nil }
    let drifts = self.drifts.filter { $0.environment == environment && $0.resolvedAt == nil }
    let times = deployments.map(\.lastSeen) + drifts.map(\.lastSeen)
    guard let time = times.max() else { return nil }
    var byComponent: [String: (release: String?, commit: String?)] = [:]
    for deployment in deployments where deployment.lastSeen == time {
      byComponent[deployment.component] = (deployment.release, deployment.commit)
    }
    return PreviousPicture(
      time: time, deployments: byComponent,
      openFindings: Set(drifts.filter { $0.lastSeen == time }.map(\.message)))
  }
}
