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

  /// The first group of `pattern` that is repeated (`+`, `*`, `{n,}`, `{n,m}`) and holds a
  /// repetition itself (`(a+)+`, `(\\w*x)*`): the shape whose backtracking is exponential
  /// (star height above one). Such patterns are refused when the estate is read, since ICU's
  /// matcher has no time limit here and a hostile commit message would hold the run.
  /// - Returns: the group and its quantifier as written, or `nil` when there is none.
  static func nestedRepetition(in pattern: String) -> String? {
    let characters = Array(pattern)
    var groups: [(start: Int, repeats: Bool)] = []
    var escaped = false
    var inClass = false
    func quantified(after position: Int) -> Bool {
      let next = position + 1
      guard next < characters.count else { return false }
      return characters[next] == "+" || characters[next] == "*" || characters[next] == "{"
    }
    func markRepetition() {
      if !groups.isEmpty { groups[groups.count - 1].repeats = true }
    }
    for (index, character) in characters.enumerated() {
      if escaped {
        escaped = false
        if quantified(after: index) { markRepetition() }
        continue
      }
      switch character {
      case "\\":
        escaped = true
      case "[" where !inClass:
        inClass = true
      case "]" where inClass:
        inClass = false
        if quantified(after: index) { markRepetition() }
      case "(" where !inClass:
        groups.append((index, false))
      case ")" where !inClass:
        guard let group = groups.popLast() else { continue }
        if group.repeats, quantified(after: index) {
          return String(characters[group.start...(index + 1)])
        }
        if group.repeats || quantified(after: index) { markRepetition() }
      default:
        if !inClass, character != "+", character != "*", quantified(after: index) {
          markRepetition()
        }
      }
    }
    return nil
  }

  /// The compiled pattern.
  /// - Throws: the ICU error when the pattern does not compile.
  func compiled() throws -> NSRegularExpression {
    try NSRegularExpression(pattern: pattern)
  }
}
