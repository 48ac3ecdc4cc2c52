/// The digest of a deployed configuration file.
///
/// Written in an inventory either as `"sha256:<hex>"` or as
/// `{"digest": "sha256:<hex>", "normalized_digest": "sha256:<hex>"}`, where the normalised
/// digest is taken after turning CRLF line endings into LF; with it, a file that differs from
/// its baseline only in line endings is reported as such.
public struct FileDigest: Sendable, Hashable, Codable {
  /// The digest of the bytes deployed.
  public let digest: String
  /// The digest of the same content with CRLF turned into LF, when the probe gives it.
  public let normalizedDigest: String?

  /// Makes a digest value; the hex digits are lower-cased (`Get-FileHash` prints capitals),
  /// so that digests compare by value, not by spelling.
  public init(_ digest: String, normalized: String? = nil) {
    self.digest = Self.canonical(digest)
    self.normalizedDigest = normalized.map(Self.canonical)
  }

  /// `sha256:` with the hex digits lower-cased; other text as it is.
  public static func canonical(_ text: String) -> String {
    isWellFormed(text) ? text.lowercased() : text
  }

  /// Whether `text` is `sha256:` followed by 64 hex digits.
  public static func isWellFormed(_ text: String) -> Bool {
    guard text.hasPrefix("sha256:") else { return false }
    let hex = text.dropFirst("sha256:".count)
    return hex.utf8.count == 64 && hex.allSatisfy { $0.isASCII && $0.isHexDigit }
  }
}
