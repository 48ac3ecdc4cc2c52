public import Foundation

/// What `baseline history` asks for: empty lists mean every environment or component.
public struct HistoryQuery: Sendable, Hashable {
  /// Only these environments; empty for all.
  public var environments: [String]
  /// Only these components; empty for all (decisions, which concern no component, are then
  /// left out).
  public var components: [String]
  /// Only what was current at or after this time; `nil` for everything.
  public var since: Date?

  /// Makes a query.
  public init(environments: [String] = [], components: [String] = [], since: Date? = nil) {
    self.environments = environments
    self.components = components
    self.since = since
  }
}
