/// Whether one commit is in the history of another (``Repository/isAncestor(_:of:)``).
public enum Ancestry: Hashable, Sendable {
  /// Reachable; a commit counts as its own ancestor, as in git.
  case ancestor
  /// Not reachable, and the whole history was there to look at.
  case notAncestor
  /// No verdict could be given, with the reason (a shallow clone's missing history).
  case unknown(reason: String)
}
