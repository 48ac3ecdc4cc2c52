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
  /// repetition (`(a+)+`, `(\\w*x)*`) or an alternation (`(a|aa)+`): the shapes whose
  /// backtracking can take exponential time. Such patterns are refused when the estate is read,
  /// since ICU's matcher has no time limit here and a hostile commit message would hold the
  /// run. Literal text (`\\Q…\\E`, escapes, classes), atomic groups (`(?>…)`) and possessive
  /// quantifiers (`a++`), which never backtrack, are not counted.
  /// - Returns: the group and its quantifier as written, or `nil` when there is none.
  static func nestedRepetition(in pattern: String) -> String? {
    let characters = Array(pattern)
    var groups: [(start: Int, risky: Bool, atomic: Bool)] = []
    var index = 0
    var inClass = false
    /// What follows `position`: a backtracking repetition (`+`, `*`, `{n,}`, lazy or not), an
    /// optional (`?`), or nothing that backtracks (no quantifier, or a possessive one).
    func quantifier(after position: Int) -> (repeats: Bool, optional: Bool) {
      var next = position + 1
      guard next < characters.count else { return (false, false) }
      switch characters[next] {
      case "+", "*", "?": break
      case "{":
        guard let close = characters[next...].firstIndex(of: "}") else { return (false, false) }
        next = close
      default: return (false, false)
      }
      if next + 1 < characters.count, characters[next + 1] == "+" { return (false, false) }
      return characters[next] == "?" ? (false, true) : (true, false)
    }
    /// Whether anything that backtracks follows `position`.
    func quantified(after position: Int) -> Bool {
      let found = quantifier(after: position)
      return found.repeats || found.optional
    }
    func markRisky() {
      if !groups.isEmpty, !groups[groups.count - 1].atomic { groups[groups.count - 1].risky = true }
    }
    while index < characters.count {
      let character = characters[index]
      if character == "\\", index + 1 < characters.count {
        if characters[index + 1] == "Q" {
          // Literal text up to `\E`.
          var end = index + 2
          while end + 1 < characters.count, !(characters[end] == "\\" && characters[end + 1] == "E")
          {
            end += 1
          }
          index = end + 2
          continue
        }
        if !inClass, quantified(after: index + 1) { markRisky() }
        index += 2
        continue
      }
      switch character {
      case "[" where !inClass:
        inClass = true
      case "]" where inClass:
        inClass = false
        if quantified(after: index) { markRisky() }
      case "(" where !inClass:
        let atomic =
          index + 2 < characters.count && characters[index + 1] == "?"
          && characters[index + 2] == ">"
        groups.append((index, false, atomic))
      case "|" where !inClass:
        markRisky()
      case ")" where !inClass:
        guard let group = groups.popLast() else { break }
        if group.risky, quantifier(after: index).repeats {
          return String(characters[group.start...min(index + 1, characters.count - 1)])
        }
        if group.risky || quantified(after: index) { markRisky() }
      default:
        if !inClass, character != "+", character != "*", character != "?",
          quantified(after: index)
        {
          markRisky()
        }
      }
      index += 1
    }
    return nil
  }

  /// The compiled pattern.
  /// - Throws: the ICU error when the pattern does not compile.
  func compiled() throws -> NSRegularExpression {
    try NSRegularExpression(pattern: pattern)
  }
}
