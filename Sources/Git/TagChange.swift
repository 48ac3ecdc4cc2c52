/// One tag a fetch changed in a mirror: added, moved (force-updated) or deleted.
///
/// Identified by the reference's own target (a tag object or, for a lightweight tag, a
/// commit), not the peeled commit: a tag object rewritten to name the same commit is a move.
public struct TagChange: Sendable, Hashable {
  /// The tag's name without `refs/tags/`.
  public let name: String
  /// What it named before the fetch; `nil` when it is new.
  public let old: ObjectID?
  /// What it names after the fetch; `nil` when the server deleted it (pruned).
  public let new: ObjectID?

  /// The commit ``old`` peels to, when known.
  public var oldCommit: ObjectID?
  /// The commit ``new`` peels to, when known.
  public var newCommit: ObjectID?

  /// Makes a value.
  public init(
    name: String, old: ObjectID?, new: ObjectID?, oldCommit: ObjectID? = nil,
    newCommit: ObjectID? = nil
  ) {
    self.name = name
    self.old = old
    self.new = new
    self.oldCommit = oldCommit
    self.newCommit = newCommit
  }

  /// Whether the tag existed before and now names something else.
  public var isMove: Bool { old != nil && new != nil }
  /// Whether the tag is gone.
  public var isDeletion: Bool { old != nil && new == nil }
}
