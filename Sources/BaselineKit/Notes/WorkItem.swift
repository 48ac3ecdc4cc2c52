public import Git

/// A defect or change request named by a release's content.
public struct WorkItem: Sendable, Hashable {
  /// One commit that names it, and where in its message.
  public struct Mention: Sendable, Hashable {
    /// The commit.
    public let commit: ObjectID
    /// `subject`, `body` or `trailer`.
    public let place: String
  }

  /// The id (`DEF-101`, `CR-7`, `#12`).
  public let id: String
  /// Defect, change request, or an item of the tracker not classified.
  public let kind: WorkItemRule.Kind
  /// The commits that name it, newest first.
  public let mentions: [Mention]
  /// What the defects file says of it; `nil` when it is not listed there.
  public var tracker: TrackerDefect?
}
