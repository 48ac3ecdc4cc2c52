import Foundation

/// A path pattern of `bookkeeping: paths:`, in the manner of `.gitignore`: `*` stands for any
/// characters but `/`, `?` for one, `[…]` for one of a set (as `fnmatch(3)`), and a whole
/// `**` segment for any number of folders (`translations/**`, `**/version.txt`). A pattern
/// without `/` matches a file's name in any folder (`CHANGELOG*`); one with `/` matches the
/// whole path from the repository's root (`.github/**`, `src/version.h`); a trailing `/`
/// means everything under that folder (`docs/` is `docs/**`).
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
  /// The pattern as written.
  public let text: String
  private let segments: [String]
  private let anchored: Bool

  /// Reads a pattern; `nil` for an empty one or one that is only slashes.
  public init?(_ text: String) {
    var body = text.hasPrefix("/") ? String(text.dropFirst()) : text
    if body.hasSuffix("/") { body += "**" }
    let segments = body.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard !body.isEmpty, !segments.contains(where: \.isEmpty) else { return nil }
    self.text = text
    self.segments = segments
    anchored = text.contains("/")
  }

  public var description: String { text }

  /// Whether `path` (`/`-separated, from the repository's root) matches.
  public func matches(_ path: String) -> Bool {
    let parts = path.split(separator: "/").map(String.init)
    guard anchored else { return parts.last.map { Self.segment(segments[0], $0) } ?? false }
    return Self.match(segments[...], parts[...])
  }

  private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
    guard let first = pattern.first else { return path.isEmpty }
    if first == "**" {
      let rest = pattern.dropFirst()
      // `**` at the end needs at least one segment: `docs/**` is what is under docs.
      if rest.isEmpty { return !path.isEmpty }
      return (path.startIndex...path.endIndex).contains { match(rest, path[$0...]) }
    }
    guard let name = path.first, segment(first, name) else { return false }
    return match(pattern.dropFirst(), path.dropFirst())
  }

  private static func segment(_ pattern: String, _ name: String) -> Bool {
    fnmatch(pattern, name, 0) == 0
  }
}
