public import Foundation

/// A shared history's address: `postgres://USER@HOST:PORT/DATABASE` (or `postgresql://`),
/// with an optional `?sslmode=disable|prefer|require|verify-full` (default `prefer`, as
/// libpq's). The password is never part of it: it comes from `PGPASSWORD`, else the password
/// file (`PGPASSFILE`, else `~/.pgpass`; see ``PassFile``).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
  /// How the connection uses TLS (libpq's `sslmode` words).
  public enum TLSMode: String, Sendable, CaseIterable {
    /// Never.
    case disable
    /// When the server offers it, without checking its certificate (libpq's default).
    case prefer
    /// Always, without checking the certificate.
    case require
    /// Always, the certificate checked against the system's trust store and the host name.
    case verifyFull = "verify-full"
  }

  /// The role to connect as (default: the user running Baseline, as libpq's).
  public let user: String
  /// Host name or address.
  public let host: String
  /// TCP port (default 5432).
  public let port: Int
  /// The database (default: the user's name).
  public let database: String
  /// TLS use.
  public let tls: TLSMode

  /// Whether `text` names a PostgreSQL history rather than an SQLite file.
  public static func isPostgres(_ text: String) -> Bool {
    let lower = text.lowercased()
    return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
  }

  /// Reads a `postgres://` address.
  /// - Throws: ``HistoryError`` naming what is wrong: a password in it (never repeated in the
  ///   message), no host, a bad port, an unknown parameter or `sslmode`.
  public init(_ text: String) throws(HistoryError) {
    guard let components = URLComponents(string: text), let scheme = components.scheme,
      ["postgres", "postgresql"].contains(scheme.lowercased())
    else {
      throw HistoryError(
        "history \(Self.redacted(text)) is no postgres://USER@HOST:PORT/DATABASE address")
    }
    let shown = Self.redacted(text)
    if components.password != nil {
      throw HistoryError(
        "history \(shown) holds a password: remove it from the address and give it in "
          + "PGPASSWORD or ~/.pgpass (it is never read from an address or an estate file)")
    }
    guard let host = components.host, !host.isEmpty else {
      throw HistoryError("history \(shown) names no host")
    }
    if let port = components.port, !(1...65_535).contains(port) {
      throw HistoryError("history \(shown): port \(port) is out of range")
    }
    var tls = TLSMode.prefer
    for item in components.queryItems ?? [] {
      guard item.name == "sslmode", let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
        throw HistoryError(
          "history \(shown): expected only sslmode=\(TLSMode.allCases.map(\.rawValue).joined(separator: "|")) after ?"
        )
      }
      tls = mode
    }
    let user =
      components.user?.removingPercentEncoding
      ?? ProcessInfo.processInfo.environment["PGUSER"] ?? NSUserName()
    self.user = user
    self.host = host
    self.port = components.port ?? 5432
    let path = String(components.path.drop { $0 == "/" })
    self.database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
    self.tls = tls
  }

  /// `postgres://USER@HOST:PORT/DATABASE`: how messages and reports name the store.
  public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

  /// `text` with anything between `://` and the last `@` before the host reduced to the user:
  /// what an address may be shown as even when it is malformed or holds a password.
  public static func redacted(_ text: String) -> String {
    guard let scheme = text.range(of: "://") else { return text }
    let rest = text[scheme.upperBound...]
    let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    guard let at = authority.lastIndex(of: "@") else { return text }
    let userInfo = authority[..<at]
    let user = userInfo.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
    return String(text[..<scheme.upperBound]) + user + (userInfo.contains(":") ? ":***" : "")
      + String(rest[at...])
  }
}
