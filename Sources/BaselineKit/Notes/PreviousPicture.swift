public import Foundation

/// What the run history holds of an environment's previous run: the input of
/// ``PictureChange`` (read by the history store; Baseline's kit never opens the database).
public struct PreviousPicture: Sendable {
  /// When the previous run was.
  public let time: Date
  /// Each component's release and commit then (`nil` values when not reported).
  public let deployments: [String: (release: String?, commit: String?)]
  /// The messages of the findings open then.
  public let openFindings: Set<String>

  /// Makes a value.
  public init(
    time: Date, deployments: [String: (release: String?, commit: String?)],
    openFindings: Set<String>
  ) {
    self.time = time
    self.deployments = deployments
    self.openFindings = openFindings
  }
}
