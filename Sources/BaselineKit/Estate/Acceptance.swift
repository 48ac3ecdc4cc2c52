public import Foundation

/// A known deviation that a baseline accepts for one component, until a date
/// (`accepted:` in `Baselines/<ENV>.yaml`):
///
/// ```yaml
/// accepted:
///   - component: dip-adapter
///     kind: setting_drift
///     key: publish.retry_max        # optional: only this setting or file
///     actual: "3"                   # optional: only this deployed value
///     reason: "retries lowered while the DIP sandbox throttles us"
///     reference: RFC-0142           # an RFC or defect id
///     expires: 2026-12-31           # the last day it holds, UTC
/// ```
///
/// A finding it covers is still reported, marked accepted with the reference; it no longer
/// makes the environment drifted nor `verify` NO-GO. After `expires` the finding counts again
/// and the acceptance itself is an `expired_acceptance` finding, so that nothing is accepted
/// forever by oversight.
public struct Acceptance: Sendable, Hashable, Codable {
  /// The component.
  public let component: String
  /// The kind of finding accepted.
  public let kind: Finding.Kind
  /// Only a finding about this setting key or file path, when given.
  public let key: String?
  /// Only a finding whose `actual` is this text, when given (`"3"`, a release, a commit).
  public let actual: String?
  /// Why the deviation is accepted.
  public let reason: String
  /// The change request or defect that records the decision.
  public let reference: String
  /// The last day it holds, `YYYY-MM-DD` as written.
  public let expires: String
  /// The end of that day, UTC: the first instant it no longer holds.
  public let expiresAt: Date
  /// The line of the entry in the baseline file, for messages.
  public let line: Int?

  /// The kinds a baseline may accept. The others say that the environment's state is not
  /// known (`probe_failed`, `inventory_conflict`, `stale_inventory`, `unresolved_commit`), or
  /// are about acceptances themselves; accepting them would accept not knowing.
  public static let acceptableKinds: [Finding.Kind] = [
    .versionMismatch, .commitMismatch, .untaggedBuild, .movedTag, .unknownRelease,
    .missingComponent, .unexpectedComponent, .settingDrift, .fileDrift, .hotfixRegression,
  ]

  /// Makes an acceptance; `nil` when `expires` is no date of the calendar.
  /// - Parameters:
  ///   - component: the component.
  ///   - kind: the finding kind accepted.
  ///   - key: only this setting or file, when given.
  ///   - actual: only this deployed value, when given.
  ///   - reason: why it is accepted.
  ///   - reference: the RFC or defect id.
  ///   - expires: the last day it holds, `YYYY-MM-DD`, UTC.
  ///   - line: the entry's line in the baseline file.
  public init?(
    component: String, kind: Finding.Kind, key: String? = nil, actual: String? = nil,
    reason: String, reference: String, expires: String, line: Int? = nil
  ) {
    guard let day = Self.endOfDay(expires) else { return nil }
    self.component = component
    self.kind = kind
    self.key = key
    self.actual = actual
    self.reason = reason
    self.reference = reference
    self.expires = expires
    self.expiresAt = day
    self.line = line
  }

  /// Whether it still holds at `now`.
  public func holds(at now: Date) -> Bool { now < expiresAt }

  /// Whether `finding` is the deviation accepted: same component and kind, and the same key
  /// and actual value where the acceptance names them.
  public func covers(_ finding: Finding) -> Bool {
    finding.component == component && finding.kind == kind
      && (key == nil || finding.key == key) && (actual == nil || finding.actual == actual)
  }

  /// What is accepted, for messages: `dip-adapter setting_drift (publish.retry_max = "3")`.
  public var subject: String {
    var details: [String] = []
    if let key { details.append(key) }
    if let actual { details.append("= \"\(actual)\"") }
    return "\(component) \(kind.rawValue)"
      + (details.isEmpty ? "" : " (\(details.joined(separator: " ")))")
  }

  /// The instant after the last second of `YYYY-MM-DD` in UTC, or `nil` for a text that is
  /// not a date of the calendar.
  static func endOfDay(_ text: String) -> Date? {
    let fields = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.utf8.count == 10, fields.count == 3,
      fields.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
    else { return nil }
    return Timestamp.parse("\(text)T23:59:59Z").map { $0.addingTimeInterval(1) }
  }
}
