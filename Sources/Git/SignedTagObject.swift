public import Foundation

/// An annotated tag object split as git splits it to check its signature (`git tag -v`): the
/// signed payload, and the signature appended to the message.
///
/// libgit2 1.5 has no call for a tag's signature, so the raw object (``Repository/rawTag(_:)``)
/// is split here by git's rule: the signature starts at the last line that begins an armored
/// signature (`-----BEGIN SSH SIGNATURE-----`, `-----BEGIN PGP SIGNATURE-----`,
/// `-----BEGIN PGP MESSAGE-----`, `-----BEGIN SIGNED MESSAGE-----`), and everything before it
/// is what was signed, byte for byte.
public struct SignedTagObject: Sendable, Hashable {
  /// The kinds of signature git writes.
  public enum Format: String, Sendable, Hashable {
    /// `gpg.format=ssh`: an SSHSIG armored block.
    case ssh
    /// `gpg.format=openpgp`: an OpenPGP armored signature.
    case openpgp
    /// `gpg.format=x509` (gpgsm).
    case x509
  }

  /// The bytes that were signed: the tag object up to the signature.
  public let payload: Data
  /// The armored signature, to the end of the object; empty when the tag is not signed.
  public let signature: Data
  /// Its kind; `nil` when the tag is not signed.
  public let format: Format?
  /// The tagger's time, from the `tagger` header; `nil` for an old taggerless tag.
  public let taggerTime: Date?

  /// The armor lines that begin a signature, and their kinds.
  static let beginnings: [(String, Format)] = [
    ("-----BEGIN SSH SIGNATURE-----", .ssh), ("-----BEGIN PGP SIGNATURE-----", .openpgp),
    ("-----BEGIN PGP MESSAGE-----", .openpgp), ("-----BEGIN SIGNED MESSAGE-----", .x509),
  ]

  /// Splits the raw content of a tag object (without git's `tag <size>\0` header).
  /// - Parameter raw: the object's bytes.
  public init(raw: Data) {
    let bytes = [UInt8](raw)
    var split = bytes.count
    var format: Format?
    var start = 0
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
      for (armor, kind) in Self.beginnings where Self.starts(bytes, at: start, with: armor) {
        split = start
        format = kind
      }
      start = end
    }
    payload = Data(bytes[..<split])
    signature = Data(bytes[split...])
    self.format = format
    taggerTime = Self.taggerTime(in: bytes[..<split])
  }

  private static func starts(_ bytes: [UInt8], at index: Int, with text: String) -> Bool {
    let prefix = Array(text.utf8)
    return bytes.count - index >= prefix.count
      && bytes[index..<index + prefix.count].elementsEqual(prefix)
  }

  /// The time of the `tagger NAME <EMAIL> SECONDS ZONE` header, before the message.
  private static func taggerTime(in header: ArraySlice<UInt8>) -> Date? {
    let text = String(decoding: header, as: UTF8.self)
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty { break }
      guard line.hasPrefix("tagger "), let close = line.lastIndex(of: ">") else { continue }
      // As git reads it: blanks, the seconds (digits), blanks, then a zone `+` or `-` with
      // digits; anything after is ignored, and without a readable zone there is no date.
      var rest = line[line.index(after: close)...].drop { $0 == " " || $0 == "\t" }
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      rest = rest.dropFirst(digits.count)
      let blanks = rest.prefix { $0 == " " || $0 == "\t" }
      rest = rest.dropFirst(blanks.count)
      guard !digits.isEmpty, !blanks.isEmpty, let seconds = Int64(digits), seconds > 0,
        let sign = rest.first, sign == "+" || sign == "-",
        rest.dropFirst().first.map({ $0.isASCII && $0.isNumber }) == true
      else { return nil }
      return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
    return nil
  }
}
