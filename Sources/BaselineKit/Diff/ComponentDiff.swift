public import Git

/// What a change from one side of a diff to the other does to one component.
public struct ComponentDiff: Sendable, Hashable {
  /// How the component changes.
  public enum Change: String, Sendable, Hashable {
    /// Only the second side has it.
    case added
    /// Only the first side has it.
    case removed
    /// A higher release.
    case upgrade
    /// A lower release.
    case rollback
    /// The same release, with another commit, settings or files.
    case changed
    /// Nothing differs.
    case same
  }

  /// The component.
  public let component: String
  /// How it changes.
  public let change: Change
  /// The release before and after (`nil`: absent).
  public var before: String?
  /// See ``before``.
  public var after: String?
  /// The commit before and after: a pin, the commit observed, or the release's tagged build.
  public var beforeCommit: ObjectID?
  /// See ``beforeCommit``.
  public var afterCommit: ObjectID?
  /// The type of the step: the highest part of the release number that differs (a step from
  /// 1.2.0.0 to 1.3.0.0 is minor, from 1.3.0.0 back to 1.2.1.0 minor too).
  public var step: ReleaseType?
  /// Commits the change brings: reachable from the after commit and not from the before one.
  public let commitsAdded: [NoteCommit]
  /// Commits the change takes away: reachable from the before commit and not the after one.
  public let commitsRemoved: [NoteCommit]
  /// The defects and change requests those commits name (added and removed).
  public let workItems: [WorkItem]
  /// Settings that differ.
  public let settings: [SettingChange]
  /// Files that differ.
  public let files: [SettingChange]
  /// Emergency fixes the first side carries and the second would not: a `hotfix_regression`
  /// ahead of time.
  public let droppedFixes: [EmergencyCarried]
  /// Why commits or fixes are not known, when they are not.
  public let notes: [String]
}
