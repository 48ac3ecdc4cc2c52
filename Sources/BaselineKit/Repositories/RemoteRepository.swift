public import Foundation
import Git

/// A component repository named by URL in `components.yaml` (`https://`, `http://`, `ssh://`,
/// `git://`, `file://`, or `user@host:path`), read from a bare mirror that `baseline fetch`
/// keeps: one mirror per URL, under `.baseline/mirrors/` of the estate root, or the folder
/// `$BASELINE_MIRRORS` names.
public enum RemoteRepository {
  /// Whether `text` (a `repository:` value) is a URL rather than a local path.
  public static func isURL(_ text: String) -> Bool {
    if text.contains("://") { return true }
    // scp-like `user@host:path`: an `@` and a `:` before any `/`.
    guard let colon = text.firstIndex(of: ":") else { return false }
    let head = text[..<colon]
    return head.contains("@") && !head.contains("/")
  }

  /// Whether the URL may carry a secret (`scheme://user:password@host`, `https://TOKEN@host`,
  /// a query or a fragment): refused, since a secret never belongs in an estate file.
  static func holdsPassword(_ written: String) -> Bool {
    let url = written.trimmingCharacters(in: .whitespacesAndNewlines)
    // A query or a fragment (`?private_token=…`), anywhere: no git server needs one.
    if url.contains("?") || url.contains("#") { return true }
    guard let scheme = url.range(of: "://") else { return false }
    // Over HTTP(S), any user information at all (wherever an `@` stands: a password may hold
    // a `/`): a token is often given as the user name (`https://TOKEN@host`), and the user
    // belongs in credentials: user:.
    if url[..<scheme.lowerBound].lowercased().hasPrefix("http") { return url.contains("@") }
    // Elsewhere a password: a `:` between the scheme and the last `@`.
    guard let at = url.lastIndex(of: "@"), at > scheme.upperBound else { return false }
    return url[scheme.upperBound..<at].contains(":")
  }

  /// The folder mirrors are kept in: `$BASELINE_MIRRORS`, else `.baseline/mirrors` under
  /// `root`.
  public static func mirrorsFolder(root: URL) -> URL {
    if let explicit = ProcessInfo.processInfo.environment["BASELINE_MIRRORS"], !explicit.isEmpty {
      return URL(fileURLWithPath: explicit, isDirectory: true)
    }
    return root.appendingPathComponent(".baseline/mirrors", isDirectory: true)
  }

  /// The mirror of `url`: `<last part of the URL>-<16 hex digits of FNV-1a of the URL>.git`,
  /// so that two components with one URL share it and two URLs never do.
  public static func mirror(of url: String, root: URL) -> URL {
    let last = url.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "repo"
    let stem = String(
      (last.hasSuffix(".git") ? String(last.dropLast(4)) : last).map {
        $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "-"
      })
    let hex = String(FNV1a.hash(url.utf8), radix: 16)
    return mirrorsFolder(root: root).appendingPathComponent(
      "\(stem)-\(String(repeating: "0", count: 16 - hex.count) + hex).git", isDirectory: true)
  }
}
