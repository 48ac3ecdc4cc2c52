public import Foundation

/// One tag of a repository, peeled to the commit it names.
///
/// Read by ``Repository/tags()`` from the references under `refs/tags/`, loose or in
/// `packed-refs`: the identity of a tag is its reference name, never the name recorded inside
/// an annotated tag object (which may differ, see ``nameInObject``).
public struct TagInfo: Hashable, Sendable {
  /// Whether the tag is an object of its own (`git tag -a`) or a bare reference.
  public enum Kind: String, Hashable, Sendable {
    /// A tag object with a tagger, a date and a message.
    case annotated
    /// A reference straight to a commit.
    case lightweight
  }

  /// The reference name without `refs/tags/`, e.g. `dip-adapter/1.2.0.1`.
  public let name: String
  /// Annotated or lightweight.
  public let kind: Kind
  /// The commit the tag names, peeled through tags of tags.
  public let commit: ObjectID
  /// The outermost tag object, for annotated tags.
  public let tagObject: ObjectID?
  /// The name written inside the tag object, when it differs from ``name``.
  public let nameInObject: String?
  /// The tagger of an annotated tag; `nil` for lightweight tags and for old taggerless tags.
  public let tagger: Signature?
  /// How many tag objects were peeled to reach the commit: 0 lightweight, 1 annotated, 2 and
  /// more for tags of tags.
  public let depth: Int
  /// The commit's committer date, read from the commit's `committer` line during the scan;
  /// `nil` when the line could not be read that way (the commit is then looked up). A fact
  /// about the commit, not the tag: equality and hashing leave it out.
  public let committed: Date?

  /// Makes a tag value.
  public init(
    name: String, kind: Kind, commit: ObjectID, tagObject: ObjectID? = nil,
    nameInObject: String? = nil, tagger: Signature? = nil, depth: Int = 0,
    committed: Date? = nil
  ) {
    self.committed = committed
    self.name = name
    self.kind = kind
    self.commit = commit
    self.tagObject = tagObject
    self.nameInObject = nameInObject
    self.tagger = tagger
    self.depth = depth
  }

  /// Equal when they are the same tag naming the same objects, names compared byte for byte
  /// (``Swift/StringProtocol/hasSameBytes(as:)``); ``committed`` is left out.
  public static func == (lhs: TagInfo, rhs: TagInfo) -> Bool {
    lhs.name.hasSameBytes(as: rhs.name) && lhs.kind == rhs.kind && lhs.commit == rhs.commit
      && lhs.tagObject == rhs.tagObject
      && (lhs.nameInObject ?? "").hasSameBytes(as: rhs.nameInObject ?? "")
      && (lhs.nameInObject == nil) == (rhs.nameInObject == nil)
      && lhs.tagger == rhs.tagger && lhs.depth == rhs.depth
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(kind)
    hasher.combine(commit)
    hasher.combine(tagObject)
    hasher.combine(nameInObject)
    hasher.combine(tagger)
    hasher.combine(depth)
  }
}
