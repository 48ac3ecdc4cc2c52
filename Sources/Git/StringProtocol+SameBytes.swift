extension StringProtocol {
  /// Whether the two texts are the same UTF-8 bytes, as git, the file system and a program
  /// reading its configuration tell texts apart. Swift's `==` is Unicode canonical
  /// equivalence: `é` composed and decomposed, `;` and U+037E (GREEK QUESTION MARK), `K`
  /// and U+212A (KELVIN SIGN) are `==`, yet they are different tag names, file names and
  /// setting values.
  public func hasSameBytes(as other: some StringProtocol) -> Bool {
    utf8.elementsEqual(other.utf8)
  }
}
