public import BaselineKit
public import Foundation

/// What `baseline history` prints (`baseline.history/1`): deployment periods, drift periods,
/// Board decisions and tags moved on the server, each list in time order.
public struct HistoryListing: Sendable, Hashable {
  /// The schema name of the JSON form.
  public static let schema = "baseline.history/1"

  /// A period during which an environment ran one build of a component.
  public struct Deployment: Sendable, Hashable {
    public let environment: String
    public let component: String
    /// The release reported (or read from the tags), when known.
    public let release: String?
    /// The commit, when known (a full id when it resolved).
    public let commit: String?
    /// The baselined release's tag when the release deployed is the baselined one.
    public let tag: String?
    /// The first run that saw it.
    public let from: Date
    /// The first run that saw something else (or nothing) there; `nil` while current.
    public let to: Date?
    /// The last run that saw it.
    public let lastSeen: Date

    /// Makes a period.
    public init(
      environment: String, component: String, release: String?, commit: String?, tag: String?,
      from: Date, to: Date?, lastSeen: Date
    ) {
      (self.environment, self.component, self.release, self.commit, self.tag) =
        (environment, component, release, commit, tag)
      (self.from, self.to, self.lastSeen) = (from, to, lastSeen)
    }
  }

  /// A period during which a finding stood, unbroken.
  public struct Drift: Sendable, Hashable {
    public let environment: String
    public let identity: FindingIdentity
    /// The last message it had (without the environment).
    public let message: String
    public let firstSeen: Date
    public let lastSeen: Date
    /// The first run that no longer had it; `nil` while it stands.
    public let resolvedAt: Date?
    /// The reference of the acceptance that covered it when last seen (an accepted deviation,
    /// not counted against the environment); `nil` when it was open.
    public let accepted: String?
    /// The first run that saw it covered by that acceptance; `nil` when it was open.
    public let acceptedSince: Date?

    /// Makes a period.
    public init(
      environment: String, identity: FindingIdentity, message: String, firstSeen: Date,
      lastSeen: Date, resolvedAt: Date?, accepted: String? = nil, acceptedSince: Date? = nil
    ) {
      (self.environment, self.identity, self.message) = (environment, identity, message)
      (self.firstSeen, self.lastSeen, self.resolvedAt) = (firstSeen, lastSeen, resolvedAt)
      (self.accepted, self.acceptedSince) = (accepted, acceptedSince)
    }
  }

  /// A GO / NO-GO that `verify` printed.
  public struct Decision: Sendable, Hashable {
    public let environment: String
    public let decision: String
    public let time: Date
    public let who: String
    public let release: String?
    public let estateCommit: String?
    public let evidenceSHA256: String

    /// Makes a decision.
    public init(
      environment: String, decision: String, time: Date, who: String, release: String?,
      estateCommit: String?, evidenceSHA256: String
    ) {
      (self.environment, self.decision, self.time, self.who) = (environment, decision, time, who)
      (self.release, self.estateCommit, self.evidenceSHA256) =
        (release, estateCommit, evidenceSHA256)
    }
  }

  /// A release tag a fetch found moved or deleted on the server, and when.
  public struct TagMove: Sendable, Hashable {
    /// The run that fetched.
    public let time: Date
    public let move: RecordedTagMove

    /// Makes an entry.
    public init(time: Date, move: RecordedTagMove) { (self.time, self.move) = (time, move) }
  }

  public var deployments: [Deployment]
  public var drifts: [Drift]
  public var decisions: [Decision]
  public var tagMoves: [TagMove]

  /// Makes a listing.
  public init(
    deployments: [Deployment], drifts: [Drift], decisions: [Decision], tagMoves: [TagMove] = []
  ) {
    self.deployments = deployments
    self.drifts = drifts
    self.decisions = decisions
    self.tagMoves = tagMoves
  }
}
