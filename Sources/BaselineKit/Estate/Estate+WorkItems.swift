import Foundation

extension Estate {
  /// Reads a `work_items:` mapping: `defects:`, `changes:` and `items:`, each a list of
  /// regular expressions (or one), as ``WorkItemRule`` reads them.
  /// - Throws: ``InputError`` at the entry for an unknown key, a pattern that does not compile
  ///   (with ICU's reason) or one that matches the empty text; at the mapping when it declares
  ///   no pattern at all.
  static func loadWorkItems(_ node: YAMLNode) throws(InputError) -> [WorkItemRule] {
    let fields = try node.fields(
      ["defects", "changes", "items"],
      expected: "defects:, changes:, items: (regular expressions, e.g. \"DEF-[0-9]+\")")
    var rules: [WorkItemRule] = []
    for (key, kind) in [
      ("defects", WorkItemRule.Kind.defect), ("changes", .change), ("items", .item),
    ] {
      for item in fields[key]?.items() ?? [] {
        let text = try item.text(expected: "a regular expression like \"DEF-[0-9]+\"")
        let rule = WorkItemRule(pattern: text, kind: kind)
        let regex: NSRegularExpression
        do {
          regex = try rule.compiled()
        } catch {
          throw item.error(
            "expected a regular expression (ICU syntax), found \"\(text)\", which does not compile")
        }
        if let repeated = WorkItemRule.nestedRepetition(in: text) {
          throw item.error(
            "expected a regular expression without a repeated group that itself repeats, found "
              + "\"\(text)\" (\(repeated)): its matching time can grow exponentially with the "
              + "message; write the id's shape without nesting, e.g. \"DEF-[0-9]+\"")
        }
        if regex.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil {
          throw item.error(
            "expected a regular expression that finds ids, found \"\(text)\", which matches the "
              + "empty text")
        }
        rules.append(rule)
      }
    }
    if rules.isEmpty {
      throw node.error("expected at least one pattern under defects:, changes: or items:")
    }
    return rules
  }

  /// Reads `deployed:`, a folder of the repository (`deploy/app`): relative, without `..`.
  /// - Throws: ``InputError`` at the value for an absolute path, `..`, or an empty text.
  static func loadDeployedFolder(_ node: YAMLNode) throws(InputError) -> String {
    let text = try node.text(expected: "a folder of the repository, like deploy/app")
    let parts = text.split(separator: "/", omittingEmptySubsequences: true)
    guard !text.hasPrefix("/"), !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else {
      throw node.error(
        "expected a folder of the repository, like deploy/app, found \"\(text)\"")
    }
    return parts.joined(separator: "/")
  }
}
