/// A tag that was not taken into the index, or was taken with a caveat.
public struct TagWarning: Error, Hashable, Sendable, CustomStringConvertible {
  /// The reference name without `refs/tags/`.
  public let tag: String
  /// What is wrong, for a person.
  public let message: String

  /// Makes a warning.
  public init(tag: String, message: String) {
    self.tag = tag
    self.message = message
  }

  public var description: String { "tag \(tag): \(message)" }
}
