public import Foundation
public import Git

/// A commit of a hotfix that a target lacks.
public struct MissingCommit: Sendable, Hashable, Codable {
  /// The commit, full id.
  public let id: ObjectID
  /// Its first line.
  public let summary: String
  /// Its author, `Name <email>`.
  public let author: String
  /// The author's date.
  public let date: Date
}
