import Git

/// What the hotfix analysis knows of one commit's change. A commit never changes, so neither
/// does this: it is computed once and kept across runs by ``PatchStore``.
struct CommitPatch: Sendable, Hashable {
  /// ``Git/Repository/pathsKey(of:)``: the cheap first step of the comparison; `nil` for a
  /// merge or a commit that changes nothing (never required, never a match).
  var pathsKey: UInt64?
  /// Whether its message has a `(cherry picked from commit` line, so that messages are read
  /// only where one does.
  var namesPickSource: Bool
  /// The full patch-id (``Git/Repository/patchID(of:reversed:)``), computed only once it is
  /// needed (its paths key equals a commit's on the other side); `nil` until then.
  var patchID: ObjectID?
  /// The id of its added and removed lines without context
  /// (``Git/Repository/changedLinesID(of:)``), computed only for `same_changes`; `nil` until
  /// then.
  var linesID: ObjectID?
}
