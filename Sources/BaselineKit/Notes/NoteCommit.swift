public import Foundation
public import Git

/// One commit of a release's content.
public struct NoteCommit: Sendable, Hashable {
  /// The commit.
  public let id: ObjectID
  /// The first line of its message.
  public let summary: String
  /// Its author (`Name <email>`).
  public let author: String
  /// The author's date.
  public let date: Date
  /// Whether it is a merge (more than one parent).
  public let isMerge: Bool
  /// The merge on the release's first-parent line that brought it, when it came from a
  /// branch; `nil` for commits on that line.
  public var mergedBy: ObjectID?
  /// The defects and change requests it names.
  public let workItems: [String]

  /// Makes a value.
  public init(
    id: ObjectID, summary: String, author: String, date: Date, isMerge: Bool,
    mergedBy: ObjectID?, workItems: [String]
  ) {
    self.id = id
    self.summary = summary
    self.author = author
    self.date = date
    self.isMerge = isMerge
    self.mergedBy = mergedBy
    self.workItems = workItems
  }
}
