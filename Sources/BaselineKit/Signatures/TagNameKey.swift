/// A tag's name as git tells names apart: byte for byte, for keying what is known of each tag.
///
/// Swift's `String` equality is Unicode canonical equivalence, so `é/1.0.0.0` written composed
/// (U+00E9) and decomposed (`e` U+0301), two references in git that may name different tag
/// objects, would share one dictionary entry: the signature of one shown for the other.
public struct TagNameKey: Hashable, Sendable {
  /// The name's UTF-8 bytes, as in `refs/tags/`.
  public let bytes: [UInt8]

  /// The key of the tag named `name`.
  public init(_ name: String) { bytes = Array(name.utf8) }
}
