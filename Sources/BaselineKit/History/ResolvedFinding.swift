public import Foundation

/// A finding of an environment's previous run that this run no longer has.
public struct ResolvedFinding: Sendable, Hashable, Codable {
  /// Its kind.
  public let kind: Finding.Kind
  /// The component, when it concerns one.
  public let component: String?
  /// The setting, file or probe it concerns, when any.
  public let key: String?
  /// The last message it had (without the environment).
  public let message: String
  /// When its period began.
  public let firstSeen: Date
  /// When it was last seen (the previous run that had it).
  public let lastSeen: Date

  /// Makes an entry.
  public init(
    kind: Finding.Kind, component: String?, key: String?, message: String, firstSeen: Date,
    lastSeen: Date
  ) {
    self.kind = kind
    self.component = component
    self.key = key
    self.message = message
    self.firstSeen = firstSeen
    self.lastSeen = lastSeen
  }
}
