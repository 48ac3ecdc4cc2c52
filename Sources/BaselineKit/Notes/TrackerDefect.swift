/// One entry of a defects file exported from the tracker (``DefectsFile``).
public struct TrackerDefect: Sendable, Hashable, Codable {
  /// The tracker's id, as commit messages name it (`DEF-101`).
  public let id: String
  /// The severity as the tracker writes it (`S2`, `High`); `nil` when the file has none.
  @NullWhenAbsent public var severity: String?
  /// The one-line summary; `nil` when the file has none.
  @NullWhenAbsent public var summary: String?
  /// The tracker's status (`Open`, `Closed`); `nil` when the file has none.
  @NullWhenAbsent public var status: String?

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

  /// Whether the tracker holds it open: no status, or one not among ``closedStatuses``.
  public var isOpen: Bool {
    guard let status else { return true }
    return !Self.closedStatuses.contains(status.lowercased())
  }
}
