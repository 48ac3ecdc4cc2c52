import Foundation

/// One declared way to find defects and change requests in commit messages: a regular
/// expression and the kind of item it finds (`work_items:` in `components.yaml`, for the estate
/// or one component).
///
/// The id is the pattern's first capture group when it has one (`Fixes: (#\d+)` finds `#12`),
/// else the whole match (`DEF-\d+` finds `DEF-101`). Patterns are ICU regular expressions
/// (`NSRegularExpression`), matched against the subject, the body and the trailers of every
/// commit of a release's content.
public struct WorkItemRule: Sendable, Hashable {
  /// What the items found are.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A defect fixed (`defects:`).
    case defect
    /// A change request addressed (`changes:`).
    case change
    /// An item of the tracker not declared either (the default Jira-style key): a defects
    /// file that lists it makes it a defect.
    case item
  }

  /// The pattern as written.
  public let pattern: String
  /// What it finds.
  public let kind: Kind

  /// The rule when an estate declares none: Jira-style keys, which also match `DEF-101` and
  /// `CR-7`.
  public static let defaults = [WorkItemRule(pattern: #"\b[A-Z][A-Z0-9]+-[0-9]+\b"#, kind: .item)]

  /// Makes a rule; ``compiled()`` checks the pattern.
  public init(pattern: String, kind: Kind) {
    self.pattern = pattern
    self.kind = kind
  }

  /// The compiled pattern.
  /// - Throws: the ICU error when the pattern does not compile.
  func compiled() throws -> NSRegularExpression {
    try NSRegularExpression(pattern: pattern)
  }
}
