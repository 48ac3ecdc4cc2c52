/// Which spellings of a commit ``Repository/resolveCommit(_:accepting:)`` takes.
public enum CommitSpelling: Hashable, Sendable {
  /// Anything `git rev-parse` takes: ids, branches, tags, `HEAD~1`, `main@{1}`, `:/text`.
  case anyRevision
  /// A full or abbreviated id, or a branch name: what an inventory may report. Expressions are
  /// answered by the local clone (its reflog, its HEAD), not by the environment, so they are
  /// not taken.
  case idOrBranch
  /// A branch only (`main`, `refs/heads/main`, `origin/main`, `refs/remotes/origin/main`):
  /// what a mainline names. A branch named like an abbreviated id is the branch.
  case branch
}
