public import Foundation
public import Git

/// Whether an emergency release reached a target (a later regular release, or the mainline).
public enum MergeStatus: String, Sendable, Hashable, Codable, Comparable {
  /// The hotfix's tagged commit is an ancestor of the target.
  case merged
  /// Not an ancestor, but every commit of the hotfix has an equivalent in the target (same
  /// patch-id, or a `(cherry picked from commit …)` trailer naming it).
  case cherryPicked = "cherry_picked"
  /// No verdict could be given (a shallow clone, a target that cannot be read).
  case unknown
  /// Some commits of the hotfix have no equivalent in the target: the fix would be lost.
  case notMerged = "not_merged"

  /// Worse is greater: a hotfix's own status is the worst of its targets'.
  public static func < (lhs: MergeStatus, rhs: MergeStatus) -> Bool {
    let order: [MergeStatus] = [.merged, .cherryPicked, .unknown, .notMerged]
    return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
  }
}

/// A commit of a hotfix that a target lacks.
public struct MissingCommit: Sendable, Hashable {
  /// The commit, full id.
  public let id: ObjectID
  /// Its first line.
  public let summary: String
  /// Its author, `Name <email>`.
  public let author: String
  /// The author's date.
  public let date: Date
}

/// One emergency release judged against one target.
public struct HotfixTarget: Sendable, Hashable {
  /// The target's name: a release (`1.2.0.0`) or the mainline branch (`main`).
  public let name: String
  /// The target's commit, when it could be found.
  public let commit: ObjectID?
  /// The verdict.
  public let status: MergeStatus
  /// The commits the target lacks, for `not_merged`.
  public let missing: [MissingCommit]
  /// Why the verdict is `unknown`, or how `cherry_picked` was decided.
  public let note: String?
}

/// One emergency release of a component and its verdicts.
public struct Hotfix: Sendable, Hashable {
  /// The release, e.g. `1.1.0.1`.
  public let release: ReleaseVersion
  /// The tag that makes it a tagged build.
  public let tag: String
  /// The tagged commit.
  public let commit: ObjectID
  /// The worst status of its targets.
  public let status: MergeStatus
  /// The next regular release after it (when there is one) and the mainline.
  public let targets: [HotfixTarget]
  /// Caveats: no regular release after it yet; regular releases tagged before it, which
  /// cannot contain it and are not targets.
  public let notes: [String]
}

/// The emergency releases of one component.
public struct ComponentHotfixes: Sendable {
  /// The component.
  public let component: String
  /// Its emergency releases, lowest first.
  public let hotfixes: [Hotfix]
}

/// The answer of `baseline hotfixes` (`baseline.hotfixes/1`).
public struct HotfixReport: Sendable {
  /// The schema name of the JSON form.
  public static let schema = "baseline.hotfixes/1"
  /// One entry per component asked for.
  public let components: [ComponentHotfixes]

  /// Makes a report.
  public init(components: [ComponentHotfixes]) {
    self.components = components
  }

  /// 0 when every hotfix reached every target, 1 when one did not or is unknown.
  public var exitCode: Int32 {
    components.allSatisfy { $0.hotfixes.allSatisfy { $0.status <= .cherryPicked } } ? 0 : 1
  }
}
