import BaselineKit
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
  /// - Throws: ``HistoryError`` naming what is wrong, the address shown only as
  ///   ``redacted(_:)`` gives it: a password in it (user info or `?password=`), no host, a bad
  ///   port, a Unix-socket host, a fragment, a parameter other than one `sslmode`.
  public init(_ text: String) throws(HistoryError) {
    let shown = Self.redacted(text)
    if HistoryAddress.holdsPassword(text) {
      throw HistoryError(
        "history \(shown) holds a password: remove it from the address and give it in "
          + "PGPASSWORD or ~/.pgpass (it is never read from an address or an estate file)")
    }
    guard let components = URLComponents(string: text), let scheme = components.scheme,
      ["postgres", "postgresql"].contains(scheme.lowercased())
    else {
      throw HistoryError("history \(shown) is no postgres://USER@HOST:PORT/DATABASE address")
    }
    // libpq's [::1]: the address without its brackets.
    let host = (components.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    guard !host.isEmpty else { throw HistoryError("history \(shown) names no host") }
    if host.contains("/") || host.hasPrefix("%2F") {
      throw HistoryError(
        "history \(shown): a Unix socket is no host here; name the server by host and port")
    }
    if let port = components.port, !(1...65_535).contains(port) {
      throw HistoryError("history \(shown): port \(port) is out of range")
    }
    if components.fragment != nil {
      throw HistoryError("history \(shown): an address has nothing after #")
    }
    let items = components.queryItems ?? []
    let modes = TLSMode.allCases.map(\.rawValue).joined(separator: "|")
    guard items.count <= 1,
      let tls = items.first.map({ item in
        item.name == "sslmode" ? item.value.flatMap(TLSMode.init(rawValue:)) : nil
      }) ?? TLSMode.prefer
    else {
      throw HistoryError("history \(shown): expected at most one ?sslmode=\(modes)")
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

  /// How an address given as `text` may be shown: `postgres://USER@HOST:PORT/DATABASE`
  /// rebuilt from what it names, never the text itself (which may hold a password anywhere:
  /// before an `@`, after a `/` in it, in `?password=`); `a postgres:// address that cannot be
  /// read` when it names no host.
  public static func redacted(_ text: String) -> String {
    guard let scheme = text.range(of: "://") else { return "a history address" }
    let rest = text[scheme.upperBound...]
    // The host starts after the last `@` (a password may hold `/`, `?` or `#`).
    let afterUser = rest.lastIndex(of: "@").map { rest[rest.index(after: $0)...] } ?? rest
    let user = rest.lastIndex(of: "@").map { index in
      String(rest[..<index].prefix { $0 != ":" })
    }
    let hostPort = afterUser.prefix { !"/?#".contains($0) }
    let path = afterUser.dropFirst(hostPort.count)
    let database = path.hasPrefix("/") ? path.dropFirst().prefix { !"?#".contains($0) } : ""
    guard !hostPort.isEmpty, hostPort.allSatisfy({ !$0.isWhitespace }) else {
      return "a postgres:// address that cannot be read"
    }
    return "postgres://" + (user.map { "\($0)@" } ?? "") + hostPort + "/" + database
  }
}
