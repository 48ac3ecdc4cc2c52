import Crypto
import Foundation

/// The digest a decision's record keeps of the evidence it printed.
public enum TextDigest {
  /// The SHA-256 of `text`'s UTF-8 bytes: 64 lowercase hex digits (as `sha256sum` prints).
  public static func sha256(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
  }
}
