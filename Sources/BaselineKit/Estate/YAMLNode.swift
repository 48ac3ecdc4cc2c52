import Foundation
import Yams

/// A node of a YAML (or JSON) document with the file and key path it came from, read strictly:
/// every accessor either returns what the schema expects or throws an ``InputError`` that names
/// the file, line, column and key path.
///
/// Scalars are always the text written (`1.10` stays `1.10`, `010` stays `010`); a
/// name written as an unquoted YAML 1.1 boolean (`NO`, `off`, `yes`) is refused where a name
/// belongs, so that nobody's component is silently called `false`.
struct YAMLNode {
  let node: DocumentNode
  let file: String
  /// Where the node is, spelled by ``keyPath`` only for a message; `nil` at the root.
  let trail: KeyPathTrail?

  /// The node at `trail` in `file`.
  init(node: DocumentNode, file: String, trail: KeyPathTrail?) {
    self.node = node
    self.file = file
    self.trail = trail
  }

  /// The root node of `file`.
  init(root node: DocumentNode, file: String) {
    self.init(node: node, file: file, trail: nil)
  }

  /// The key path messages name (`components.alpha.version`); empty at the root.
  var keyPath: String { trail?.text ?? "" }

  /// Parses `text` (YAML, or JSON, which is YAML's flow style) into its root node.
  ///
  /// Composed with Yams's basic resolver: every scalar's tag is `str`. Nothing here reads a
  /// tag (a scalar is its text and its style), and the default resolver matched each plain
  /// scalar against seven regular expressions when the composer hashed a mapping's keys to
  /// find duplicates, a sixth of a nightly report's reading of baselines and inventories.
  /// Keys are therefore duplicates when their text is (`1:` and `"1":`), as ``entries(expected:)``
  /// has always read them.
  static func parse(_ text: String, file: String) throws(InputError) -> YAMLNode {
    // A byte order mark that an editor wrote is no part of the document (Yams read it as a
    // column of the first key and refused the second as misplaced).
    let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    let allowed = text.utf8.count + 100_000
    if let unfaithful = unfaithfulCharacter(in: text) {
      throw InputError(
        file: file, line: unfaithful.line, column: unfaithful.column, message: unfaithful.message)
    }
    do {
      guard let root = try Yams.compose(yaml: text, .basic) else {
        throw InputError(file: file, line: 1, column: 1, message: "the file is empty")
      }
      var budget = allowed
      return YAMLNode(root: try DocumentNode(root, budget: &budget), file: file)
    } catch let overflow as DocumentNode.Overflow {
      throw InputError(
        file: file, line: overflow.line, column: overflow.column,
        message: "its aliases expand to more than \(allowed) nodes (one per byte "
          + "of the file and 100,000 more); write the repeated part out, or alias it fewer times")
    } catch let error as InputError {
      throw error
    } catch let error as YamlError {
      throw Self.inputError(error, file: file)
    } catch {
      throw InputError(file: file, message: "cannot be read: \(error)")
    }
  }

  /// Parses a file read by ``InputFile`` as UTF-8 text.
  /// - Throws: ``InputError`` when it is not UTF-8 or not valid YAML.
  static func load(_ file: InputFile) throws(InputError) -> YAMLNode {
    try parse(try file.text(), file: file.shown)
  }

  private static func inputError(_ error: YamlError, file: String) -> InputError {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let where_ = context.map { " (\($0.text))" } ?? ""
      return InputError(
        file: file, line: mark.line, column: mark.column,
        message: "not valid YAML: \(problem)\(where_)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return InputError(
        file: file, line: context.mark.line, column: context.mark.column,
        message: "duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", "))")
    case .reader(let problem, let offset, let value, let yaml):
      let (line, column) = offset.map { Self.position(ofCharacter: $0, in: yaml) } ?? (nil, nil)
      let what = value >= 0 ? " (U+\(String(format: "%04X", value)))" : ""
      return InputError(
        file: file, line: line, column: column, message: "not valid YAML: \(problem)\(what)")
    default:
      // The other errors come from writing YAML or from memory, not from reading a file;
      // their first line only, never the input quoted after it.
      let first = "\(error)".split(separator: "\n").first.map(String.init) ?? ""
      return InputError(file: file, message: "not valid YAML: \(first)")
    }
  }

  /// The 1-based line and column (in Unicode scalars) of the character at `offset` of
  /// `text`, as Yams counts a reader error's offset (in characters).
  static func position(ofCharacter offset: Int, in text: String) -> (Int?, Int?) {
    var line = 1
    var column = 1
    for character in text.prefix(offset) {
      if character == "\n" || character == "\r\n" {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    return (line, column)
  }

  var line: Int? { node.line }
  var column: Int? { node.column }

  func error(_ message: String) -> InputError {
    InputError(file: file, line: line, column: column, keyPath: keyPath, message: message)
  }

  private func child(_ node: DocumentNode, _ step: KeyPathTrail.Step) -> YAMLNode {
    YAMLNode(node: node, file: file, trail: KeyPathTrail(parent: trail, step: step))
  }

  /// What the node is, for "found …" in messages.
  var found: String {
    switch node.content {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    case .scalar(let text, _):
      return isNull ? "nothing" : "\"\(text)\""
    }
  }

  /// A plain scalar that YAML reads as null (`~`, `null`, or nothing at all).
  var isNull: Bool {
    guard case .scalar(let text, quoted: false) = node.content else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(text)
  }

  /// A scalar written without quotes (in JSON: a number, `true`, `false` or `null`).
  var isPlain: Bool {
    guard case .scalar(_, let quoted) = node.content else { return false }
    return !quoted
  }

  /// The entries of a mapping in file order, with their keys as text.
  func entries(expected: String) throws(InputError) -> [(
    key: String, keyNode: YAMLNode, value: YAMLNode
  )] {
    guard case .mapping(let mapping) = node.content else {
      throw error("expected \(expected), found \(found)")
    }
    var seen: [String: Int] = [:]
    var result: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
    for (keyNode, valueNode) in mapping {
      let keyYAML = YAMLNode(node: keyNode, file: file, trail: trail)
      guard case .scalar(let key, _) = keyNode.content else {
        throw keyYAML.error("expected a key, found \(keyYAML.found)")
      }
      if let first = seen[key] {
        throw keyYAML.error("duplicate key \"\(key)\" (first at line \(first))")
      }
      seen[key] = keyNode.line ?? 0
      result.append((key, keyYAML, child(valueNode, .key(key))))
    }
    return result
  }

  /// A mapping with a fixed set of keys: unknown keys are errors that name the nearest known
  /// key, and required keys must be present.
  func fields(_ known: [String], required: [String] = [], expected: String) throws(InputError)
    -> [String: YAMLNode]
  {
    var result: [String: YAMLNode] = [:]
    for (key, keyNode, value) in try entries(expected: expected) {
      guard known.contains(key) else {
        var message = "unknown key \"\(key)\""
        if let near = Self.nearest(key, in: known) { message += "; did you mean \"\(near)\"?" }
        message += " (known keys: \(known.joined(separator: ", ")))"
        throw keyNode.error(message)
      }
      result[key] = value
    }
    for key in required where result[key] == nil {
      throw error("missing key \"\(key)\" (expected \(expected))")
    }
    return result
  }

  /// A scalar's text exactly as written.
  func text(expected: String) throws(InputError) -> String {
    guard case .scalar(let text, _) = node.content, !isNull else {
      throw error("expected \(expected), found \(found)")
    }
    return text
  }

  /// A scalar's text, or `nil` for null.
  func optionalText(expected: String) throws(InputError) -> String? {
    isNull ? nil : try text(expected: expected)
  }

  /// A name: text, but not an unquoted YAML boolean.
  func name(expected: String) throws(InputError) -> String {
    let value = try text(expected: expected)
    if isPlain, Self.booleanWords.contains(value) {
      throw error(
        "expected \(expected), found \"\(value)\", which YAML reads as a boolean; "
          + "quote it (\"\(value)\") if it is a name")
    }
    return value
  }

  /// The items of a list, each with its own position for messages; a single scalar is a
  /// list of one.
  func items() -> [YAMLNode] {
    sequence ?? [self]
  }

  /// A list's items, each with its key path (`list[0]`), or `nil` when the node is no list.
  var sequence: [YAMLNode]? {
    guard case .sequence(let sequence) = node.content else { return nil }
    return sequence.enumerated().map { child($1, .item($0)) }
  }

  /// Whether the node is a mapping.
  var isMapping: Bool {
    if case .mapping = node.content { return true }
    return false
  }

  /// A list of names, or a single name.
  func names(expected: String) throws(InputError) -> [String] {
    if let sequence {
      var result: [String] = []
      for item in sequence { result.append(try item.name(expected: expected)) }
      return result
    }
    return [try name(expected: expected)]
  }

  /// A mapping from text to text, e.g. `settings:`; values are the text written.
  ///
  /// A null value (`~`, `null`, nothing) is no text: with `skipNulls` (inventories, where JSON
  /// `null` means "not reported") the key is left out; otherwise it is an error that
  /// says to quote the value (`""` for an empty one).
  func textMap(expected: String, skipNulls: Bool = false) throws(InputError) -> [(
    key: String, value: String
  )] {
    var result: [(key: String, value: String)] = []
    for (key, _, value) in try entries(expected: "a mapping of \(expected)") {
      guard case .scalar(let text, _) = value.node.content else {
        throw value.error("expected a text value, found \(value.found)")
      }
      if value.isNull {
        if skipNulls { continue }
        throw value.error(
          "expected a text value, found nothing (null); quote it, e.g. \"\" for an empty value")
      }
      result.append((key, text))
    }
    return result
  }

  static let booleanWords: Set<String> = [
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
    "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
  ]

  /// The known word nearest to `word` by edit distance, if it is near enough to be a typo.
  static func nearest(_ word: String, in known: [String]) -> String? {
    let scored = known.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, word.count / 3) ? best.0 : nil
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      previous = current
    }
    return previous[b.count]
  }
}
