public import Foundation

/// Who made a commit or a tag, and when (`git_signature`).
public struct Signature: Hashable, Sendable {
  /// The name as recorded.
  public let name: String
  /// The e-mail address as recorded.
  public let email: String
  /// The instant, independent of time zone; print it in UTC.
  public let date: Date
  /// The recorder's offset from UTC in minutes, as written in the object (`+0900` is 540).
  public let utcOffsetMinutes: Int

  /// Makes a signature value.
  public init(name: String, email: String, date: Date, utcOffsetMinutes: Int) {
    self.name = name
    self.email = email
    self.date = date
    self.utcOffsetMinutes = utcOffsetMinutes
  }
}
