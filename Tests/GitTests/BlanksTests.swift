import Foundation
import Testing

@testable import Git

/// `trimmingBlanks()` against the Foundation call it replaces, on the same texts.
@Suite struct BlanksTests {
  static let texts = [
    "", " ", "\t", "abc", "  abc  ", "\tabc\t", " a b ", "\u{00A0}abc\u{3000}", "\u{2009}x\u{200A}",
    "\nabc\n", "\r abc \r", "é ", " \u{301}", "\u{200B}abc", "漢字 ", " 🙂 ",
  ]

  @Test("every Unicode scalar is a blank exactly when CharacterSet.whitespaces holds it")
  func everyScalar() {
    var differing: [UInt32] = []
    for value in UInt32(0)..<0x11_0000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      if Character(scalar).isBlank != CharacterSet.whitespaces.contains(scalar) {
        differing.append(value)
      }
    }
    #expect(differing.isEmpty)
  }

  @Test("blanks are trimmed as CharacterSet.whitespaces trims them")
  func agreesWithFoundation() {
    for text in Self.texts where text != " \u{301}" {
      #expect(
        text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces),
        "\(text.debugDescription)")
    }
    // A space that a combining mark follows is one character, and not a blank.
    #expect(" \u{301}".trimmingBlanks() == " \u{301}")
  }
}
