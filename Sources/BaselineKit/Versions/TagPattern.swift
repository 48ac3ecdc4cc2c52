/// How a component names its release tags (`tag:` in `Baselines/components.yaml`).
///
/// A pattern is text with one `{version}` placeholder, e.g. `dip-adapter/{version}`. The
/// placeholder stands for text that starts with a digit and holds no `/`, so with the default
/// patterns `{version}` and `v{version}` the tags `nightly`, `release-1.0.1.3` and
/// `component/1.0.1.3` are not releases of the component at all, while `1.0.1-3` matches but
/// does not parse and is listed as unparsed.
public struct TagPattern: Sendable, Hashable, CustomStringConvertible {
  /// The text before `{version}`.
  public let prefix: String
  /// The text after `{version}`.
  public let suffix: String

  /// The patterns a component without `tag:` uses: `{version}` and `v{version}`.
  public static let defaults = [
    TagPattern(prefix: "", suffix: ""), TagPattern(prefix: "v", suffix: ""),
  ]

  init(prefix: String, suffix: String) {
    self.prefix = prefix
    self.suffix = suffix
  }

  /// Reads a pattern.
  /// - Returns: `nil` unless the text holds `{version}` exactly once.
  public init?(_ text: String) {
    let pieces = text.components(separatedBy: "{version}")
    guard pieces.count == 2 else { return nil }
    self.init(prefix: pieces[0], suffix: pieces[1])
  }

  /// The version text inside `tag`, or `nil` when the tag does not follow the pattern.
  ///
  /// Compared as UTF-8 bytes, as git compares reference names: the version text starts with
  /// an ASCII digit byte, whatever follows it (`1\u{301}.0.0.0` follows the pattern and is
  /// then listed as unparsed, never dropped).
  public func versionText(in tag: String) -> String? {
    let bytes = tag.utf8
    let prefixCount = prefix.utf8.count
    let suffixCount = suffix.utf8.count
    guard bytes.count > prefixCount + suffixCount, bytes.starts(with: prefix.utf8),
      bytes.reversed().starts(with: suffix.utf8.reversed())
    else { return nil }
    let middle = bytes.dropFirst(prefixCount).dropLast(suffixCount)
    guard let first = middle.first, ReleaseVersion.isDigitByte(first),
      !middle.contains(UInt8(ascii: "/"))
    else { return nil }
    return String(decoding: middle, as: UTF8.self)
  }

  /// The tag name for a version text.
  public func tagName(for version: String) -> String { prefix + version + suffix }

  public var description: String { prefix + "{version}" + suffix }
}
