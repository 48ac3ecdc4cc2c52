/// A history that cannot be opened, read or written: the run exits 2 with ``message``, which
/// names the store and says what to do (and never holds a password).
public struct HistoryError: Error, Sendable, CustomStringConvertible {
  /// The sentence for people.
  public let message: String

  /// Makes an error.
  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
