import BaselineKit
import BaselineTestSupport
import Foundation
import Testing

/// Issue 9, item 11: every input error has its position, shows control characters from the
/// input escaped, and quotes at most a few hundred characters of any input.
@Suite("InputError: positions, escapes and length of what a message quotes")
struct InputErrorShownTests {
  static func inventory(collectedAt: String) -> String {
    #"{"environment": "SIT-A", "collected_at": ""# + collectedAt + #"", "components": []}"#
  }

  @Test("a 2 MB path gives a message of at most a few hundred characters")
  func longPath() {
    let path = "/tmp/" + String(repeating: "p", count: 2 << 20) + ".json"
    let error = #expect(throws: InputError.self) {
      try SavedInventory.read(URL(fileURLWithPath: path))
    }
    let description = error?.description ?? ""
    #expect(description.count < 400)
    #expect(
      description
        == "/tmp/" + String(repeating: "p", count: 195) + "…(2096962 more characters): "
        + "cannot be read: its path is too long")
  }

  @Test("a 1 MB value is quoted to 200 characters and says how many more there were")
  func longValue() {
    let value = String(repeating: "v", count: 1 << 20)
    let error = #expect(throws: InputError.self) {
      try Inventory.parse(Self.inventory(collectedAt: value), source: "i.json")
    }
    let description = error?.description ?? ""
    #expect(description.count < 400)
    #expect(
      description
        == "i.json:1:42: collected_at: expected an RFC 3339 time like 2026-11-29T01:00:00Z, "
        + "found \"" + String(repeating: "v", count: 200) + "…(1048376 more characters)\"")
  }

  @Test("control characters and NUL from the input are shown escaped, never printed")
  func controlCharacters() {
    let error = #expect(throws: InputError.self) {
      try Inventory.parse(
        Self.inventory(collectedAt: #"\u001b[2J\u0000\n\u0007"#), source: "i\u{1b}.json")
    }
    let description = error?.description ?? ""
    #expect(!description.unicodeScalars.contains { $0.value < 0x20 })
    #expect(
      description
        == "i\\u{1b}.json:1:42: collected_at: expected an RFC 3339 time like "
        + "2026-11-29T01:00:00Z, found \"\\u{1b}[2J\\u{0}\\u{a}\\u{7}\"")
  }

  @Test("a YAML reader error is file:line:column: message, not Yams' text with the raw line")
  func yamlReaderError() throws {
    let folder = TemporaryDirectory("shown")
    try folder.write("Baselines/components.yaml", "components: {}\n")
    try folder.write("Baselines/SIT-A.yaml", "environment: SIT-A\ncomponents:\n  a\u{1}b: x\n")
    try folder.write("Baselines/SIT-B.yaml", "environment: SIT-B\ncomponents: \"a\u{0}b\"\n")
    for (environment, position, character) in [("SIT-A", "3:4", "0001"), ("SIT-B", "2:15", "0000")]
    {
      let error = #expect(throws: InputError.self) {
        try Estate.load(root: folder.url, environments: [environment])
      }
      #expect(
        error?.description
          == "Baselines/\(environment).yaml:\(position): not valid YAML: control characters are "
          + "not allowed (U+\(character))")
    }
  }
}
