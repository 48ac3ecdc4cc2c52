import BaselineKit
import Foundation
import Testing

/// Issue 9, item 5: inventories are strict JSON (RFC 8259), checked before Foundation's
/// lenient parser reads them; the first error has its line and column and says what was
/// expected.
@Suite("Inventory.parse: strict JSON syntax, with the position of the first error")
struct StrictJSONTests {
  /// An inventory around `value` (the value of a setting), or `text` as it is.
  static func inventory(setting value: String) -> String {
    #"{"environment": "SIT-A", "collected_at": "2026-11-29T01:00:00Z", "components": "#
      + #"[{"name": "alpha", "settings": {"k": "# + value + "}}]}"
  }

  /// Where the setting's value starts in ``inventory(setting:)``, as a column.
  static let valueColumn = inventory(setting: "").count + 1 - 4

  @Test(
    "each kind of JSON error is refused at its line and column",
    arguments: [
      ("[1,]", 2, "not valid JSON: a trailing comma before ']'; expected another value after ','"),
      (
        #"{"a": 1,}"#, 7,
        "not valid JSON: a trailing comma before '}'; expected another value after ','"
      ),
      (
        "012", 0,
        "not valid JSON: a number with a leading zero; expected 0, or a number not starting with 0"
      ),
      (
        "\"a\u{1}b\"", 2,
        "not valid JSON: an unescaped control character U+0001 in a string; expected it escaped (\\n, \\t, \\u00XX)"
      ),
      (
        #""a\qb""#, 2,
        #"not valid JSON: an invalid escape '\q' in a string; expected one of \" \\ \/ \b \f \n \r \t \uXXXX"#
      ),
      (
        #""\u12G4""#, 1,
        #"not valid JSON: an invalid escape in a string; expected four hex digits after \u"#
      ),
      (
        #""\uD83Dx""#, 1,
        #"not valid JSON: a lone surrogate \uD83D (a high surrogate with no low one)"#
      ),
      (
        #""\uDE80""#, 1,
        #"not valid JSON: a lone surrogate \uDE80 (a low surrogate with no high one)"#
      ),
      ("NaN", 0, "not valid JSON: NaN, which JSON does not have; expected a number, or null"),
      (
        "-Infinity", 0,
        "not valid JSON: -Infinity, which JSON does not have; expected a number, or null"
      ),
      (
        "/* c */ 1", 0,
        "not valid JSON: found a comment (JSON has none); expected a value (an object, list, string, number, true, false or null)"
      ),
      (
        "'v'", 0,
        "not valid JSON: found a single-quoted string (JSON strings are in double quotes); expected a value (an object, list, string, number, true, false or null)"
      ),
      ("1.", 2, "not valid JSON: found '}'; expected a digit after the decimal point"),
      ("1e+", 3, "not valid JSON: found '}'; expected a digit after the exponent's 'e'"),
      (
        "yes", 0,
        "not valid JSON: the bare word yes; expected a value (strings are in double quotes)"
      ),
      ("\"v\" \"w\"", 4, "not valid JSON: found '\"'; expected ',' or '}' after a value"),
      (
        "1e999999", 0,
        "not valid JSON: the number \"1e999999\" is out of range; expected a number within "
          + "±1.7976931348623157e308 that does not round to 0"
      ),
      (
        "-1" + String(repeating: "0", count: 400), 0,
        "not valid JSON: the number \"-1" + String(repeating: "0", count: 400)
          + "\" is out of range; expected a number within ±1.7976931348623157e308 that does "
          + "not round to 0"
      ),
      (
        "0.0001e-999999", 0,
        "not valid JSON: the number \"0.0001e-999999\" is out of range; expected a number "
          + "within ±1.7976931348623157e308 that does not round to 0"
      ),
    ] as [(String, Int, String)])
  func errorKinds(value: String, offset: Int, message: String) {
    let error = #expect(throws: InputError.self) {
      try Inventory.parse(Self.inventory(setting: value), source: "i.json")
    }
    #expect(error?.message == message)
    #expect(error?.line == 1)
    #expect(error?.column == Self.valueColumn + offset)
  }

  @Test("a trailing comma on a later line is refused at its line and column")
  func trailingCommaPosition() {
    let text = """
      {"environment": "SIT-A",
       "collected_at": "2026-11-29T01:00:00Z",
       "components": [{"name": "é", "version": "1.0.0.0"},],
      }
      """
    let error = #expect(throws: InputError.self) { try Inventory.parse(text, source: "i.json") }
    #expect(
      error?.description
        == "i.json:3:52: not valid JSON: a trailing comma before ']'; expected another value "
        + "after ','")
  }

  @Test("two keys that differ in bytes but are one Unicode text are refused, saying so")
  func canonicallyEquivalentKeys() {
    let text = Self.inventory(setting: #""x", "a;b": "1", "a\#u{37E}b": "2""#)
    let error = #expect(throws: InputError.self) { try Inventory.parse(text, source: "i.json") }
    #expect(
      error?.message.contains("in another Unicode spelling") == true, "\(String(describing: error))"
    )
    #expect(error?.message.contains("U+0061 U+037E U+0062") == true)
    #expect(error?.message.contains("U+0061 U+003B U+0062") == true)
  }

  @Test("what follows the value, and an end too early, are refused with their position")
  func garbageAndEnd() {
    let valid = Self.inventory(setting: #""v""#)
    let garbage = #expect(throws: InputError.self) {
      try Inventory.parse(valid + "\n x", source: "i.json")
    }
    #expect(
      garbage?.description
        == "i.json:2:2: not valid JSON: more after the end of the JSON value, found 'x'; "
        + "expected nothing")
    let cut = #expect(throws: InputError.self) {
      try Inventory.parse(String(valid.dropLast(2)), source: "i.json")
    }
    #expect(cut?.line == 1)
    #expect(cut?.column == valid.count - 1)
    #expect(cut?.message == "not valid JSON: unexpected end of input; expected ',' or ']'")
  }

  @Test("a key given twice is refused, also where an escape spells it differently")
  func duplicateKeys() {
    let text =
      "{\"environment\": \"SIT-A\",\n \"environm\\u0065nt\": \"SIT-B\", "
      + #""collected_at": "2026-11-29T01:00:00Z", "components": [], "x": "\ud83d\ude80"}"#
    let error = #expect(throws: InputError.self) { try Inventory.parse(text, source: "i.json") }
    #expect(error?.description == "i.json:2:2: duplicate key \"environment\" (first at line 1)")
  }

  @Test("valid JSON still reads: numbers, escapes, surrogate pairs, nesting, a byte order mark")
  func validJSON() throws {
    let text =
      "\u{FEFF}"
      + Self.inventory(
        setting: #""\ud83d\ude80 \" \\ \/ \b\f\n\r\t \u00e9", "n": -0.5e+10, "z": 0, "t": true"#)
    let inventory = try Inventory.parse(text, source: "i.json")
    #expect(
      inventory.components.first?.settings?["k"] == "🚀 \" \\ / \u{8}\u{c}\n\r\t é")
    let numbers = try Inventory.parse(
      Self.inventory(setting: #""-0.5e+10", "n": -0.5E-10, "z": 0"#),
      source: "i.json")
    #expect(numbers.components.first?.settings?["n"] == "-0.5E-10")
    let zero = try Inventory.parse(
      Self.inventory(setting: #""0.0e-999999", "big": 1.5e308"#), source: "i.json")
    #expect(zero.components.first?.settings?["big"] != nil)
  }

  @Test("a large object's keys are all checked, and a duplicate far down names its first line")
  func manyKeys() {
    let keys = (0..<5_000).map { "\"k\($0)\": \"v\"" }.joined(separator: ",\n")
    let text = Self.inventory(setting: "\"v\", " + keys + ",\n\"k17\": \"again\"")
    let error = #expect(throws: InputError.self) { try Inventory.parse(text, source: "i.json") }
    #expect(error?.description == "i.json:5001:1: duplicate key \"k17\" (first at line 18)")
  }
}
