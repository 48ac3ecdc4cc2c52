public import Foundation
public import Git

/// One tagged build as a release note names it.
public struct NoteRelease: Sendable, Hashable {
  /// The release number (`1.2.1.0`).
  public let version: String
  /// Major, minor, patch or emergency, by the last part that is not 0.
  public let type: ReleaseType
  /// The tag (`dip-adapter/1.2.1.0`).
  public let tag: String
  /// Annotated or lightweight.
  public let tagKind: String
  /// The tagged commit.
  public let commit: ObjectID
  /// The commit's root tree: what a rebuild from the tag must reproduce.
  public let tree: ObjectID
  /// When it was released: the tagger's date for an annotated tag, else the commit's.
  public let date: Date
  /// Where ``date`` comes from: `tag` or `commit`.
  public let dateSource: String
  /// The tagger of an annotated tag (`Name <email>`).
  public var tagger: String?

  /// Makes a value.
  public init(
    version: String, type: ReleaseType, tag: String, tagKind: String, commit: ObjectID,
    tree: ObjectID, date: Date, dateSource: String, tagger: String?
  ) {
    self.version = version
    self.type = type
    self.tag = tag
    self.tagKind = tagKind
    self.commit = commit
    self.tree = tree
    self.date = date
    self.dateSource = dateSource
    self.tagger = tagger
  }
}
