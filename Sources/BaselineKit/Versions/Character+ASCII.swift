/// An ASCII digit, for text read character by character (ages, dates, pre-release
/// identifiers): a digit from another script is never part of a number. Release numbers and
/// tag patterns are read as bytes (``ReleaseVersion/isDigitByte(_:)``).
extension Character {
  var isASCIIDigit: Bool {
    unicodeScalars.count == 1 && unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
  }
}
