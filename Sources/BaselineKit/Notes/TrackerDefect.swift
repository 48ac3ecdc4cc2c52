/// One entry of a defects file exported from the tracker (``DefectsFile``).
public struct TrackerDefect: Sendable, Hashable {
  /// The tracker's id, as commit messages name it (`DEF-101`).
  public let id: String
  /// The severity as the tracker writes it (`S2`, `High`); `nil` when the file has none.
  public var severity: String?
  /// The one-line summary; `nil` when the file has none.
  public var summary: String?
  /// The tracker's status (`Open`, `Closed`); `nil` when the file has none.
  public var status: String?
  /// The tracker's issue type (`Bug`, `Change Request`); `nil` when the file has none.
  public var type: String? = nil

  /// Makes an entry.
  public init(id: String, severity: String? = nil, summary: String? = nil, status: String? = nil) {
    self.id = id
    self.severity = severity
    self.summary = summary
    self.status = status
  }

  /// The statuses that mean the tracker holds the defect closed (compared without case):
  /// such a defect is never outstanding.
  static let closedStatuses: Set<String> = [
    "closed", "resolved", "done", "fixed", "verified", "rejected", "cancelled", "canceled",
    "won't fix", "wontfix", "duplicate",
  ]

  /// Whether the tracker's type says it is no defect (a change request, a story, a task, an
  /// epic, a feature); a row without a type, or a bug, defect, incident or problem, is one.
  public var isDefectByType: Bool {
    guard let type = type?.lowercased() else { return true }
    return ["bug", "defect", "incident", "problem", "fault"].contains { type.contains($0) }
  }

  /// Whether the tracker holds it open: no status, or one not among ``closedStatuses``.
  public var isOpen: Bool {
    guard let status else { return true }
    return !Self.closedStatuses.contains(status.lowercased())
  }
}
