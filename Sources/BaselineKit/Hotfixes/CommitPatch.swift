import Git

/// What the hotfix analysis knows of one commit's change. A commit never changes, so neither
/// does this: it is computed once and kept across runs by ``PatchStore``.
///
/// The comparison has three steps, each read only where the one before cannot tell two
/// commits apart: the root key (the root trees alone), the paths key (every changed path),
/// the patch-id (every changed line).
struct CommitPatch: Sendable, Hashable {
  /// ``Git/Repository/rootKey(of:)``: the cheapest step; `nil` for a merge or a commit that
  /// changes nothing (never required, never a match).
  var rootKey: UInt64?
  /// ``Git/Repository/pathsKey(of:)``, read only once it is needed (its root key equals a
  /// commit's on the other side); `nil` until then. A commit whose paths turn out to be none
  /// (its root trees differ only in how a subtree is written) has its root key set to `nil`.
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

  /// Whether the commit changes anything (as far as is known: its root key).
  var changes: Bool { rootKey != nil }
}
