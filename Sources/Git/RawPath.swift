import Foundation

/// A file path as the bytes the kernel takes. A name that is not UTF-8 (a byte `0xFF` in a
/// reference's file name) stays as it is, where a `String` would repair it into another name
/// that `stat` then does not find.
struct RawPath: Hashable {
  /// The path's bytes, without a terminating NUL.
  private(set) var bytes: [UInt8]

  /// The path `text` names (its UTF-8 bytes).
  init(_ text: String) { bytes = Array(text.utf8) }

  /// The path of exactly `bytes`.
  init(bytes: some Sequence<UInt8>) { self.bytes = Array(bytes) }

  /// Whether the path starts at the root (`/`).
  var isAbsolute: Bool { bytes.first == UInt8(ascii: "/") }

  /// `self/name` (one `/` between them).
  func appending(_ name: RawPath) -> RawPath {
    var out = bytes
    if out.last != UInt8(ascii: "/") { out.append(UInt8(ascii: "/")) }
    return RawPath(bytes: out + name.bytes)
  }

  /// `self/name` (one `/` between them).
  func appending(_ name: String) -> RawPath { appending(RawPath(name)) }

  /// The folder the path is in: everything before its last `/` (`/` for a path in the root,
  /// `.` for a bare name).
  var folder: RawPath {
    guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return RawPath(".") }
    return slash == 0 ? RawPath("/") : RawPath(bytes: bytes[..<slash])
  }

  /// Runs `body` with the path as a NUL-terminated C string (for `open`, `fstatat`).
  func withCString<Result>(_ body: (UnsafePointer<CChar>) -> Result) -> Result {
    body(bytes.map { CChar(bitPattern: $0) } + [0])
  }

  /// The path for people, on one line: UTF-8 where it is valid; a byte that is not, and every
  /// control character (a newline, an escape) and bidirectional override, as `\xNN` or
  /// `\u{…}`, so that a hostile name can neither change the terminal nor fake a line.
  var shown: String {
    var out = ""
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      let length: Int
      switch lead {
      case 0..<0x80: length = 1
      case 0xC2..<0xE0: length = 2
      case 0xE0..<0xF0: length = 3
      case 0xF0..<0xF5: length = 4
      default: length = 0
      }
      guard length > 0, index + length <= bytes.count,
        let character = String(validating: bytes[index..<index + length], as: UTF8.self),
        let scalar = character.unicodeScalars.first
      else {
        out += "\\x" + String(lead, radix: 16, uppercase: true).leftPadded(to: 2)
        index += 1
        continue
      }
      let value = scalar.value
      let hidden =
        value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
        || (0x2066...0x2069).contains(value)
      out += hidden ? "\\u{" + String(value, radix: 16) + "}" : character
      index += length
    }
    return out
  }
}

extension String {
  /// The text with `0` before it up to `width` characters (`"f"` → `"0f"`).
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: Swift.max(0, width - count)) + self
  }
}
