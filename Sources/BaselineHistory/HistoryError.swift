/// A history that cannot be opened, read or written: the run exits 2 with ``message``, which
/// names the store and says what to do (and never holds a password).
public struct HistoryError: Error, Sendable, CustomStringConvertible {
  /// The sentence for people.
  public let message: String
  /// Whether a store opened read-only was refused for an older schema (a later Baseline's
  /// reader needs it migrated forward first).
  public let isOlderSchema: Bool

  /// Makes an error.
  public init(_ message: String, isOlderSchema: Bool = false) {
    self.message = message
    self.isOlderSchema = isOlderSchema
  }

  public var description: String { message }
}
