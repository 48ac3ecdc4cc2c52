/// Several input errors found in one pass, so that a user fixes them all at once.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
  /// The errors, in file order.
  public let errors: [InputError]
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
