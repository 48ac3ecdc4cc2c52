public import BaselineKit

/// A release tag a fetch found moved or deleted on the server, as the history keeps it: the
/// moment a tag stopped meaning what it meant is evidence the Board may need later.
public struct RecordedTagMove: Sendable, Hashable {
  /// The URL fetched (never with a secret: the estate refuses those).
  public let url: String
  /// The components that name the URL.
  public let components: [String]
  /// The tag's name, without `refs/tags/`.
  public let tag: String
  /// What the tag named before the fetch (a tag object or a commit, full hex id).
  public let old: String
  /// What it names now; `nil` when the server deleted it.
  public let new: String?

  /// Makes a record.
  public init(url: String, components: [String], tag: String, old: String, new: String?) {
    (self.url, self.components, self.tag, self.old, self.new) =
      (url, components, tag, old, new)
  }

  /// The tags `fetches` moved or deleted (tags added are not moves).
  public static func all(in fetches: [MirrorFetch]) -> [RecordedTagMove] {
    fetches.flatMap { fetch in
      fetch.changes.compactMap { change in
        guard let old = change.old else { return nil }
        return RecordedTagMove(
          url: fetch.url, components: fetch.components, tag: change.name, old: old.hex,
          new: change.new?.hex)
      }
    }
  }
}
