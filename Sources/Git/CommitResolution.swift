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
