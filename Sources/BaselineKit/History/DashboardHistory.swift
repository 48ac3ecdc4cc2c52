public import Foundation

/// What the dashboard shows of the run history: each cell's deployment and drift periods and
/// each environment's decisions. Made from a history store's listing (`BaselineHistory`);
/// the dashboard renders without one too.
public struct DashboardHistory: Sendable, Hashable {
  /// A period during which a cell ran one build.
  public struct Deployment: Sendable, Hashable {
    public let release: String?
    public let commit: String?
    public let tag: String?
    public let from: Date
    public let to: Date?

    /// Makes a period.
    public init(release: String?, commit: String?, tag: String?, from: Date, to: Date?) {
      (self.release, self.commit, self.tag, self.from, self.to) = (release, commit, tag, from, to)
    }
  }

  /// A period during which a finding stood.
  public struct Drift: Sendable, Hashable {
    public let kind: String
    public let key: String
    public let message: String
    public let from: Date
    public let to: Date?
    /// The reference of the acceptance that covered it when last seen; `nil`: open drift.
    public let accepted: String?
    /// The first run that saw it so accepted.
    public let acceptedSince: Date?

    /// Makes a period.
    public init(
      kind: String, key: String, message: String, from: Date, to: Date?, accepted: String? = nil,
      acceptedSince: Date? = nil
    ) {
      (self.kind, self.key, self.message, self.from, self.to) = (kind, key, message, from, to)
      (self.accepted, self.acceptedSince) = (accepted, acceptedSince)
    }
  }

  /// A Board decision.
  public struct Decision: Sendable, Hashable {
    public let decision: String
    public let time: Date
    public let who: String
    public let release: String?
    public let evidenceSHA256: String

    /// Makes a decision.
    public init(decision: String, time: Date, who: String, release: String?, evidenceSHA256: String)
    {
      (self.decision, self.time, self.who) = (decision, time, who)
      (self.release, self.evidenceSHA256) = (release, evidenceSHA256)
    }
  }

  /// Environment → component → periods, oldest first.
  public var deployments: [String: [String: [Deployment]]] = [:]
  /// Environment → component (empty for the environment's own findings) → periods.
  public var drifts: [String: [String: [Drift]]] = [:]
  /// Environment → decisions, oldest first.
  public var decisions: [String: [Decision]] = [:]

  /// An empty history.
  public init() {}
}
