/// A JSON value written by hand, for documents too large for `JSONEncoder` to write in good
/// time (a bill of materials of 50,000 files: `JSONEncoder` took a second, this a tenth):
/// objects keep their keys sorted, as ``JSONText`` writes every document, pretty-printed with
/// two spaces, strings escaped as RFC 8259 requires.
enum JSONValue {
  case string(String)
  case integer(Int)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([String: JSONValue])

  /// A string, or `null`.
  static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

  /// The document, ending with a newline.
  var document: String {
    var out: [UInt8] = []
    out.reserveCapacity(1 << 16)
    write(into: &out, indent: 0)
    out.append(0x0A)
    return String(decoding: out, as: UTF8.self)
  }

  private func write(into out: inout [UInt8], indent: Int) {
    switch self {
    case .string(let text): Self.quote(text, into: &out)
    case .integer(let number): out.append(contentsOf: String(number).utf8)
    case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
    case .null: out.append(contentsOf: "null".utf8)
    case .array(let items):
      guard !items.isEmpty else {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(contentsOf: "[\n".utf8)
      for (index, item) in items.enumerated() {
        Self.indent(indent + 2, into: &out)
        item.write(into: &out, indent: indent + 2)
        out.append(contentsOf: (index == items.count - 1 ? "\n" : ",\n").utf8)
      }
      Self.indent(indent, into: &out)
      out.append(UInt8(ascii: "]"))
    case .object(let fields):
      guard !fields.isEmpty else {
        out.append(contentsOf: "{}".utf8)
        return
      }
      out.append(contentsOf: "{\n".utf8)
      let keys = fields.keys.sorted()
      for (index, key) in keys.enumerated() {
        Self.indent(indent + 2, into: &out)
        Self.quote(key, into: &out)
        out.append(contentsOf: " : ".utf8)
        fields[key]?.write(into: &out, indent: indent + 2)
        out.append(contentsOf: (index == keys.count - 1 ? "\n" : ",\n").utf8)
      }
      Self.indent(indent, into: &out)
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func indent(_ count: Int, into out: inout [UInt8]) {
    for _ in 0..<count { out.append(0x20) }
  }

  private static func quote(_ text: String, into out: inout [UInt8]) {
    JSONString.append(text, to: &out)
  }
}
