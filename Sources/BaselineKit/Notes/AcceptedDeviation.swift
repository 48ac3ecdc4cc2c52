/// A deviation the baseline accepts (`accepted:`), as a picture lists it.
public struct AcceptedDeviation: Sendable, Hashable, Codable {
  /// The component.
  public let component: String
  /// The finding kind it accepts.
  public let kind: String
  /// The setting or file key, when it names one.
  @NullWhenAbsent public var key: String?
  /// The value it accepts, when it names one.
  @NullWhenAbsent public var actual: String?
  /// Why.
  public let reason: String
  /// The change or risk reference.
  public let reference: String
  /// The last day it holds (`YYYY-MM-DD`).
  public let expires: String
  /// Whether it covers a finding of this run (`false`: nothing to accept now).
  public let inUse: Bool
}
