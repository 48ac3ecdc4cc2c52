/// The character classes release numbers and tag patterns are read with: ASCII only, so that
/// a digit from another script is never part of a number.
extension Character {
  var isASCIIDigit: Bool {
    unicodeScalars.count == 1 && unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
  }
  var isLabelCharacter: Bool {
    unicodeScalars.count == 1 && isASCII && (isLetter || isNumber || self == "." || self == "-")
  }
}
