import Foundation
import Testing
import Yams

@testable import BaselineKit

/// The JSON reader that builds inventories' nodes, held to two oracles on random documents:
/// Foundation's `JSONDecoder` for what each value is (every string's scalars, every number's
/// value) and Yams (libyaml) for where each node starts (line and column).
///
/// Not `JSONSerialization`: it drops a U+FEFF that starts a string (`"\u{FEFF}x"` reads `x`).
@Suite("JSONReader: values as JSONDecoder reads them, positions as libyaml counts them")
struct JSONReaderOracleTests {
  /// Characters a string may hold: ASCII, those libyaml drops or folds (U+FEFF, U+0085,
  /// U+2028, U+2029), combining marks, other scripts, an emoji, and JSON's escapes.
  static let pieces = [
    "a", "Z", "7", " ", "é", "e\u{301}", "\u{FEFF}", "\u{85}", "\u{2028}", "\u{2029}", "中",
    "🚀", "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude80", "\\u0000", "\\b",
    "#", ":", "- ", "&x", "*y", "!", "%", "{", "]",
  ]

  /// The pieces whose line and column libyaml counts as JSON does: none that YAML reads as a
  /// line break (U+0085, U+2028, U+2029) and no escaped surrogate pair (libyaml cannot read it).
  static let linePieces = pieces.filter {
    !["\u{85}", "\u{2028}", "\u{2029}", "\\ud83d\\ude80"].contains($0)
  }

  /// One of `options`, at random.
  static func pick(_ options: [String], _ random: inout SplitMix) -> String {
    options[Int.random(in: 0..<options.count, using: &random)]
  }

  static func string(_ random: inout SplitMix, pieces: [String]) -> String {
    let count = Int.random(in: 0...6, using: &random)
    return "\"" + (0..<count).map { _ in Self.pick(pieces, &random) }.joined() + "\""
  }

  static func number(_ random: inout SplitMix) -> String {
    let integer = Self.pick(["0", "7", "10", "123456789012345678901234567890"], &random)
    let sign = Bool.random(using: &random) ? "-" : ""
    let fraction = Self.pick([".", ".10", ".5", ".000"], &random)
    // JSONDecoder refuses a zero with an exponent (`0e5`, `0.000e5`), which RFC 8259 allows
    // and the reader takes (``valuesAsWritten()``): none is made here.
    let exponent = integer == "0" ? "" : Self.pick(["", "e5", "E-3", "e+2"], &random)
    return sign + integer + (fraction == "." ? "" : fraction) + exponent
  }

  /// A random value, its strings made of `pieces`, with blanks and line breaks (CRLF unless
  /// `lines`) between members.
  static func value(_ random: inout SplitMix, depth: Int, lines: Bool = false) -> String {
    let pieces = lines ? linePieces : pieces
    let space = { (random: inout SplitMix) -> String in
      Self.pick(["", " ", "\n", "\n  ", lines ? "\n\t" : "\r\n\t"], &random)
    }
    switch depth > 3 ? Int.random(in: 0...3, using: &random) : Int.random(in: 0...5, using: &random)
    {
    case 0: return string(&random, pieces: pieces)
    case 1: return number(&random)
    case 2: return Self.pick(["true", "false", "null"], &random)
    case 3: return string(&random, pieces: pieces)
    case 4:
      let count = Int.random(in: 0...4, using: &random)
      let items = (0..<count).map { _ in
        space(&random) + value(&random, depth: depth + 1, lines: lines)
      }
      return "[" + items.joined(separator: ",") + space(&random) + "]"
    default:
      let count = Int.random(in: 0...4, using: &random)
      let members = (0..<count).map { index in
        space(&random) + "\"k\(index)\(Bool.random(using: &random) ? "é" : "")\":"
          + space(&random) + value(&random, depth: depth + 1, lines: lines)
      }
      return "{" + members.joined(separator: ",") + space(&random) + "}"
    }
  }

  /// A JSON value as `JSONDecoder` reads it.
  enum Decoded: Decodable {
    case null, bool(Bool), number(Double), string(String), list([Decoded])
    case object([String: Decoded])

    init(from decoder: any Decoder) throws {
      let single = try decoder.singleValueContainer()
      if single.decodeNil() {
        self = .null
      } else if let bool = try? single.decode(Bool.self) {
        self = .bool(bool)
      } else if let number = try? single.decode(Double.self) {
        self = .number(number)
      } else if let string = try? single.decode(String.self) {
        self = .string(string)
      } else if let list = try? single.decode([Decoded].self) {
        self = .list(list)
      } else {
        self = .object(try single.decode([String: Decoded].self))
      }
    }
  }

  /// Whether the node holds what `JSONDecoder` read: strings scalar for scalar, numbers by
  /// value, objects key for key (in any order), lists item for item.
  static func agrees(_ node: DocumentNode, _ decoded: Decoded) -> Bool {
    switch (node.content, decoded) {
    case (.scalar(let text, true), .string(let string)):
      return text.unicodeScalars.elementsEqual(string.unicodeScalars)
    case (.scalar("null", false), .null):
      return true
    case (.scalar(let text, false), .bool(let bool)):
      return text == (bool ? "true" : "false")
    case (.scalar(let text, false), .number(let number)):
      return Double(text) == number
    case (.sequence(let items), .list(let list)):
      return items.count == list.count && zip(items, list).allSatisfy { agrees($0, $1) }
    case (.mapping(let entries), .object(let object)):
      return entries.count == object.count
        && entries.allSatisfy { entry in
          guard case .scalar(let key, true) = entry.key.content else { return false }
          let match = object.first { $0.key.unicodeScalars.elementsEqual(key.unicodeScalars) }
          return match.map { agrees(entry.value, $0.value) } ?? false
        }
    default:
      return false
    }
  }

  /// Every node's position in document order.
  static func positions(_ node: DocumentNode) -> [String] {
    let here = "\(node.line ?? 0):\(node.column ?? 0)"
    switch node.content {
    case .scalar, .alias: return [here]
    case .sequence(let items): return [here] + items.flatMap(positions)
    case .mapping(let entries):
      return [here] + entries.flatMap { positions($0.key) + positions($0.value) }
    }
  }

  @Test("20,000 random documents: each string's scalars and each number's value as JSONDecoder")
  func valuesAgreeWithJSONDecoder() throws {
    var random = SplitMix(seed: 14)
    for _ in 0..<20_000 {
      let text = Self.value(&random, depth: 0)
      let node = try JSONReader.read(text, source: "random.json")
      let decoded = try #require(
        try? JSONDecoder().decode(Decoded.self, from: Data(text.utf8)), "\(text.debugDescription)")
      #expect(Self.agrees(node, decoded), "\(text.debugDescription)")
    }
  }

  @Test("4,000 random documents libyaml reads: every node starts where libyaml says")
  func positionsAgreeWithLibyaml() throws {
    var random = SplitMix(seed: 1_414)
    var compared = 0
    for _ in 0..<4_000 {
      // Objects and lists only: a scalar alone is a document libyaml reads differently.
      let text = Self.value(&random, depth: 0, lines: true)
      guard text.first == "{" || text.first == "[" else { continue }
      guard let yaml = try? Yams.compose(yaml: text, .basic) else { continue }
      let node = try JSONReader.read(text, source: "random.json")
      var budget = Int.max
      let converted = try DocumentNode(yaml, budget: &budget)
      #expect(Self.positions(node) == Self.positions(converted), "\(text.debugDescription)")
      compared += 1
    }
    #expect(compared > 1_000)
  }

  @Test("an inventory's values are the text written: U+FEFF, U+0085, U+2028 and 1.10 survive")
  func valuesAsWritten() throws {
    let text =
      #"{"environment": "SIT-A", "collected_at": "2026-11-29T01:00:00Z", "components": "#
      + "[{\"name\": \"alpha\", \"settings\": {\"bom\": \"a\u{FEFF}b\", \"nel\": \"a\u{85}b\", "
      + "\"ls\": \"a\u{2028}b\", \"n\": 1.10, \"e\": 1E5, \"z\": 0.0e5, \"big\": 123456789012345678901234567890}}]}"
    let settings = try Inventory.parse(text, source: "i.json").components.first?.settings
    #expect(settings?["bom"]?.unicodeScalars.count == 3)
    #expect(settings?["nel"]?.unicodeScalars.map(\.value) == [0x61, 0x85, 0x62])
    #expect(settings?["ls"]?.unicodeScalars.map(\.value) == [0x61, 0x2028, 0x62])
    #expect(settings?["n"] == "1.10")
    #expect(settings?["e"] == "1E5")
    #expect(settings?["z"] == "0.0e5")
    #expect(settings?["big"] == "123456789012345678901234567890")
  }

  @Test("a document of more values than the reader keeps is refused at the first one too many")
  func valueBudget() throws {
    // The list itself is one value: `limit - 1` items fit, one more does not. (The limit
    // of 4,000,000 is the same code with a larger number.)
    let limit = 1_000
    let fits = "[" + Array(repeating: "0", count: limit - 1).joined(separator: ",") + "]"
    #expect(throws: Never.self) {
      _ = try JSONReader.read(fits, source: "big.json", maxValues: limit)
    }
    let over = "[" + Array(repeating: "0", count: limit).joined(separator: ",") + "]"
    let error = #expect(throws: InputError.self) {
      _ = try JSONReader.read(over, source: "big.json", maxValues: limit)
    }
    #expect(error?.line == 1)
    #expect(error?.column == 2 * limit)
    #expect(error?.message.hasPrefix("more than 1,000 values") == true)
    #expect(JSONReader.maxValues == 4_000_000)
  }

  @Test("positions on a minified line count scalars, and a byte order mark is no column")
  func positions() throws {
    let line =
      #"{"environment": "Ünïcødé", "collected_at": "2026-11-29T01:00:00Z", "components": 5}"#
    let error = #expect(throws: InputError.self) {
      try Inventory.parse("\u{FEFF}" + line, source: "i.json")
    }
    let column = line.unicodeScalars.count - 1
    #expect(error?.line == 1)
    #expect(error?.column == column)
    let syntax = #expect(throws: InputError.self) {
      try Inventory.parse("\u{FEFF}" + "{\"é\": 1,}", source: "i.json")
    }
    #expect(syntax?.column == 8)
  }
}
