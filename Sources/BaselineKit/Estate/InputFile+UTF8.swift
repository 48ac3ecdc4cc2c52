import Foundation

extension InputFile {
  /// The file's bytes as UTF-8 text.
  /// - Returns: the text.
  /// - Throws: ``InputError`` at the line and column of the first byte that is not UTF-8,
  ///   with its offset from the start of the file.
  func text() throws(InputError) -> String {
    try Self.utf8Text(data, shownAs: shown)
  }

  /// `data` as UTF-8 text.
  /// - Parameters:
  ///   - data: the bytes.
  ///   - shown: the file or stream, as messages name it.
  /// - Returns: the text.
  /// - Throws: ``InputError`` at the line and column (in Unicode scalars) of the first
  ///   ill-formed sequence, its message giving the byte and its offset (counted from 0).
  static func utf8Text(_ data: Data, shownAs shown: String) throws(InputError) -> String {
    if let text = String(validating: data, as: UTF8.self) { return text }
    let bytes = [UInt8](data)
    var offset = 0
    var line = 1
    var column = 1
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput:
        throw InputError(file: shown, message: "is not UTF-8 text")
      case .error:
        let byte = String(format: "0x%02X", bytes[offset])
        throw InputError(
          file: shown, line: line, column: column,
          message: "is not UTF-8 text: invalid UTF-8 at byte offset \(offset) (\(byte); "
            + "offsets count from 0)")
      }
    }
  }
}
