import Foundation

/// Finds the defects and change requests a commit message names, by the rules a component
/// declares (``WorkItemRule``), and where in the message each was found.
///
/// A message is a subject (its first paragraph, as `git log --format=%s` joins it), a body,
/// and trailers: the lines of its last paragraph when every one of them reads `Token: value`
/// (`Fixes: #12`, `Refs: CR-7`, `Signed-off-by: …`), as `git interpret-trailers` reads them.
struct WorkItemScan {
  /// Where in a message an id was found.
  enum Place: String, Sendable, Hashable, Codable, Comparable {
    case subject, body, trailer

    static func < (lhs: Place, rhs: Place) -> Bool {
      let order: [Place] = [.subject, .body, .trailer]
      return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
  }

  /// One id found.
  struct Found: Hashable {
    let id: String
    let kind: WorkItemRule.Kind
    let place: Place
  }

  private let rules: [(rule: WorkItemRule, regex: NSRegularExpression)]

  /// How much of a message is searched, in characters.
  static let limit = 65_536

  /// Compiles the rules once.
  /// - Throws: the first rule that does not compile, with ICU's error.
  init(rules: [WorkItemRule]) throws {
    self.rules = try rules.map { ($0, try $0.compiled()) }
  }

  /// Every id `message` names, each once per place, in the order of the rules then of the
  /// text; an id two rules find is kept with the first rule's kind.
  func scan(_ message: String) -> [Found] {
    // Ids are near the top of a message: what lies past the first 64 KiB (a pasted log) is
    // not searched.
    let message = message.utf8.count > Self.limit ? String(message.prefix(Self.limit)) : message
    let (subject, body, trailers) = Self.split(message)
    var result: [Found] = []
    var seen: Set<String> = []
    for (text, place) in [(subject, Place.subject), (body, .body), (trailers, .trailer)]
    where !text.isEmpty {
      let range = NSRange(text.startIndex..., in: text)
      for (rule, regex) in rules {
        for match in regex.matches(in: text, range: range) {
          let captured = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
          let whole = captured.location == NSNotFound ? match.range : captured
          guard let found = Range(whole, in: text) else { continue }
          let id = String(text[found])
          guard !id.isEmpty, seen.insert("\(id)\u{0}\(place.rawValue)").inserted else { continue }
          result.append(Found(id: id, kind: rule.kind, place: place))
        }
      }
    }
    return result
  }

  /// A message's subject, body and trailer block.
  static func split(_ message: String) -> (subject: String, body: String, trailers: String) {
    let paragraphs = message.replacingOccurrences(of: "\r\n", with: "\n")
      .components(separatedBy: "\n\n")
      .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      .filter { !$0.isEmpty }
    guard let subject = paragraphs.first else { return ("", "", "") }
    var rest = Array(paragraphs.dropFirst())
    var trailers = ""
    if let last = rest.last, last.split(separator: "\n").allSatisfy(isTrailer) {
      trailers = last
      rest.removeLast()
    }
    return (subject, rest.joined(separator: "\n\n"), trailers)
  }

  /// `Token: value`, the token letters, digits and hyphens.
  private static func isTrailer(_ line: Substring) -> Bool {
    guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { return false }
    let token = line[..<colon]
    return token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
      && line[line.index(after: colon)...].hasPrefix(" ")
  }
}
