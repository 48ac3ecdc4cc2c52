/// What a release tag's signature proves, under a component's ``SignaturePolicy``.
public struct TagSignature: Sendable, Hashable, Codable {
  /// The verdict, as `git tag -v` would give it with the estate's trust file.
  public enum Verdict: String, Sendable, Hashable, Codable {
    /// Signed, the signature verifies, and the signer is allowed (valid at the tagger date).
    case good
    /// Signed, but the signature does not verify: the tag was changed after signing.
    case bad
    /// Signed with a key the allowed-signers file or keyring does not hold (or of another
    /// kind than the policy's).
    case unknownKey = "unknown_key"
    /// Not signed: an annotated tag without a signature, or a lightweight tag.
    case unsigned
    /// Signed by an allowed key outside its validity (`valid-before`/`valid-after` at the
    /// tagger date; an expired OpenPGP key).
    case expiredKey = "expired_key"
    /// The check could not be made (the trust file or the tool is missing): nothing proven.
    case uncheckable
  }

  /// The tag, by name.
  public let tag: String
  public let verdict: Verdict
  /// Who signed: the allowed signer's principal (SSH) or the key's user id (OpenPGP), when
  /// known.
  public let signer: String?
  /// The key: `SHA256:…` (SSH) or the OpenPGP fingerprint, when known.
  public let key: String?
  /// What was found, for people.
  public let detail: String

  /// Makes a verdict.
  public init(
    tag: String, verdict: Verdict, signer: String? = nil, key: String? = nil, detail: String
  ) {
    (self.tag, self.verdict, self.signer, self.key, self.detail) =
      (tag, verdict, signer, key, detail)
  }

  /// The verdict for a sentence: `unknown key`, `expired key`.
  public var verdictWords: String { verdict.rawValue.replacingOccurrences(of: "_", with: " ") }

  /// Whether the tag is validly signed by an allowed signer.
  public var isValid: Bool { verdict == .good }
}
