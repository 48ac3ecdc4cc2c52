/// A JSON document written member by member, in exactly the form ``JSONText/encode(_:)``
/// gives (`JSONEncoder`, pretty printed with two spaces, `"key" : value`, slashes not escaped,
/// an empty container as an empty line), for documents whose size makes `JSONEncoder` the
/// larger part of a run: `baseline tags` on a repository of 200,000 tags, the 100,000 rows of
/// a nightly report.
///
/// The caller writes an object's keys in sorted order, as `.sortedKeys` would, and leaves
/// out an absent optional, as a synthesized `Encodable` does. Tests hold the output to
/// `JSONEncoder`'s on the same values.
struct JSONWriter {
  /// The UTF-8 bytes so far.
  private var bytes: [UInt8] = []
  /// The text so far; a whole document once every container is closed.
  var text: String { String(decoding: bytes, as: UTF8.self) }
  /// How many members each open container has, innermost last.
  private var counts: [Int] = []
  /// The levels the document is set in by (two spaces each): 0 for a whole document, 2 for
  /// an element of an array that is a member of the top-level object.
  private let base: Int

  /// A writer whose document is set in `base` levels deep: every line but the first is
  /// indented by `2 × base` more spaces, as ``JSONText/append(_:indentedBy:to:)`` would set
  /// it in afterwards (the first line's indentation is the caller's).
  init(base: Int = 0) { self.base = base }

  /// Opens an object (`{`) where a value goes.
  mutating func beginObject() { open("{") }
  /// Closes the innermost object.
  mutating func endObject() { close("}") }
  /// Opens an array (`[`) where a value goes.
  mutating func beginArray() { open("[") }
  /// Closes the innermost array.
  mutating func endArray() { close("]") }

  /// Starts an object member: its key; its value follows.
  mutating func key(_ name: String) {
    next()
    quote(name)
    append(" : ")
  }

  /// Starts an array element; its value follows.
  mutating func element() { next() }

  /// A string value, escaped as `JSONEncoder` escapes it.
  mutating func string(_ value: String) { quote(value) }

  /// `true` or `false`.
  mutating func bool(_ value: Bool) { append(value ? "true" : "false") }

  /// A member whose value is a string.
  mutating func member(_ name: String, _ value: String) {
    key(name)
    string(value)
  }

  /// A member written only when `value` is present, as a synthesized `Encodable` leaves out
  /// `nil`.
  mutating func member(_ name: String, _ value: String?) {
    if let value { member(name, value) }
  }

  /// A member whose value is a string or, when absent, `null`, as `encode(_:forKey:)`
  /// writes an optional.
  mutating func member(_ name: String, orNull value: String?) {
    key(name)
    if let value { string(value) } else { append("null") }
  }

  /// A value already encoded by ``JSONText/encode(_:)`` (ending in a line break), set in at
  /// this depth: for the small parts of a document whose bulk this writer writes.
  mutating func encoded(_ text: String) {
    JSONText.append(text, indentedBy: 2 * (base + counts.count), to: &bytes)
  }

  /// A member whose value is a whole number.
  mutating func member(_ name: String, _ value: Int) {
    key(name)
    bytes.append(contentsOf: String(value).utf8)
  }

  /// A member whose value is an array of strings.
  mutating func member(_ name: String, _ values: [String]) {
    key(name)
    beginArray()
    for value in values {
      element()
      string(value)
    }
    endArray()
  }

  private mutating func open(_ bracket: StaticString) {
    append(bracket)
    counts.append(0)
  }

  private mutating func close(_ bracket: StaticString) {
    let members = counts.removeLast()
    append(members == 0 ? "\n\n" : "\n")
    indent()
    append(bracket)
  }

  private mutating func next() {
    append(counts[counts.count - 1] == 0 ? "\n" : ",\n")
    counts[counts.count - 1] += 1
    indent()
  }

  private mutating func indent() {
    bytes.append(
      contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * (base + counts.count)))
  }

  private mutating func append(_ text: StaticString) {
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  private mutating func quote(_ value: String) { JSONString.append(value, to: &bytes) }
}
