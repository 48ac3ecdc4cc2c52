import Foundation
import Git

extension Estate {
  /// Reads a `bookkeeping:` mapping (`paths:`, `subjects:`, each a list or a single text).
  /// - Throws: ``InputError`` at the entry for an unknown key, an empty path pattern or a
  ///   subject pattern that is no regular expression (with the reason the parser gave).
  static func loadBookkeeping(_ node: YAMLNode) throws(InputError) -> Bookkeeping {
    let fields = try node.fields(
      ["paths", "subjects"], expected: "paths: (path patterns), subjects: (regular expressions)")
    var paths: [PathPattern] = []
    for item in fields["paths"]?.items() ?? [] {
      let text = try item.text(expected: "a path pattern like \"translations/**\"")
      if text.hasPrefix("!") {
        throw item.error(
          "expected a path pattern, found \"\(text)\": negation (!) is not supported; list "
            + "only what is bookkeeping")
      }
      guard let pattern = PathPattern(text) else {
        throw item.error("expected a path pattern like \"translations/**\", found \"\(text)\"")
      }
      paths.append(pattern)
    }
    var subjects: [String] = []
    for item in fields["subjects"]?.items() ?? [] {
      let text = try item.text(expected: "a regular expression like \"^Bump version\"")
      let regex: Regex<AnyRegexOutput>
      do {
        regex = try Regex(text)
      } catch {
        throw item.error("expected a regular expression, found \"\(text)\": \(error)")
      }
      if "".contains(regex) {
        throw item.error(
          "expected a regular expression that some subjects do not match, found \"\(text)\", "
            + "which matches the empty text and so every subject")
      }
      subjects.append(text)
    }
    return Bookkeeping(paths: paths, subjects: subjects)
  }

  /// Reads a component's `reviewed:` list.
  /// - Throws: ``InputError`` at the entry for a missing or unknown key, an id that is not 40
  ///   hex digits, an empty reason or reference, or the same pair reviewed twice.
  static func loadReviews(_ node: YAMLNode) throws(InputError) -> [HotfixReview] {
    guard node.sequence != nil else {
      throw node.error(
        "expected a list of reviews (- commit: …, equivalent: …), found \(node.found)")
    }
    var result: [HotfixReview] = []
    for entry in node.items() {
      let fields = try entry.fields(
        ["commit", "equivalent", "reason", "reference"],
        required: ["commit", "equivalent", "reason", "reference"],
        expected: "commit:, equivalent:, reason:, reference:")
      var ids: [ObjectID] = []
      for key in ["commit", "equivalent"] {
        guard let field = fields[key] else { continue }
        let text = try field.text(expected: "a full commit id (40 hex digits)")
        guard let id = ObjectID(hex: text) else {
          throw field.error("expected a full commit id (40 hex digits), found \"\(text)\"")
        }
        ids.append(id)
      }
      var texts: [String] = []
      for key in ["reason", "reference"] {
        guard let field = fields[key] else { continue }
        let text = try field.text(expected: key == "reason" ? "why" : "an RFC or defect id")
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
          throw field.error("expected text, found an empty \(key)")
        }
        texts.append(text)
      }
      guard ids.count == 2, texts.count == 2 else { continue }
      if let first = result.first(where: { $0.commit == ids[0] && $0.equivalent == ids[1] }) {
        throw entry.error(
          "this pair is already reviewed" + (first.line.map { " at line \($0)" } ?? ""))
      }
      result.append(
        HotfixReview(
          commit: ids[0], equivalent: ids[1], reason: texts[0], reference: texts[1],
          line: entry.line))
    }
    return result
  }
}
