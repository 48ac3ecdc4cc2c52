/// A commit, as a value read by ``Repository/commit(_:)``.
public struct Commit: Hashable, Sendable {
  /// The commit's id.
  public let id: ObjectID
  /// The first line of the message.
  public let summary: String
  /// Who wrote the change.
  public let author: Signature
  /// Who made the commit; its date is the commit date.
  public let committer: Signature
  /// The parents' ids, first parent first.
  public let parents: [ObjectID]
}

/// What a text that should name a commit turned out to name (``Repository/resolveCommit(_:)``).
public enum CommitResolution: Hashable, Sendable {
  /// One commit.
  case commit(ObjectID)
  /// Nothing in the repository by that id or name.
  case notFound
  /// An abbreviated id that more than one object shares; never guessed.
  case ambiguous(candidates: Int)
  /// An object that is no commit and does not peel to one, e.g. a blob.
  case notACommit(type: String)
}

/// Whether one commit is in the history of another (``Repository/isAncestor(_:of:)``).
public enum Ancestry: Hashable, Sendable {
  /// Reachable; a commit counts as its own ancestor, as in git.
  case ancestor
  /// Not reachable, and the whole history was there to look at.
  case notAncestor
  /// No verdict could be given, with the reason (a shallow clone's missing history).
  case unknown(reason: String)
}

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
