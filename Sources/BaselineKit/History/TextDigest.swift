import Crypto
import Foundation

/// The digests Baseline prints: of the evidence a decision's record keeps, and of the files a
/// bill of materials lists.
public enum TextDigest {
  /// The SHA-256 of `text`'s UTF-8 bytes: 64 lowercase hex digits (as `sha256sum` prints).
  public static func sha256(_ text: String) -> String {
    hex(SHA256.hash(data: Data(text.utf8)))
  }

  /// The SHA-1 and SHA-256 of `bytes` (as `sha1sum` and `sha256sum` print them).
  static func sha1AndSHA256(_ bytes: UnsafeRawBufferPointer) -> (String, String) {
    (hex(Insecure.SHA1.hash(data: bytes)), hex(SHA256.hash(data: bytes)))
  }

  /// Bytes as lowercase hex digits.
  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
