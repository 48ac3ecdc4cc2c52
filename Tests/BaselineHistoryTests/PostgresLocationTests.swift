import BaselineHistory
import BaselineKit
import Testing

/// Issue 14: reading `postgres://` addresses, and never showing a password from one, however
/// it is written (found by an adversarial round: an empty user, a password holding `/`, `?`,
/// `#` or `@`, a `?password=` parameter).
@Suite("postgres:// addresses")
struct PostgresLocationTests {
  static let secret = "S3cr3t"

  static let withPasswords = [
    "postgres://:\(secret)@db:5432/h",
    "postgres://bl:\(secret)@db:5432/h",
    "postgres://bl:pa/\(secret)@db:5432/h",
    "postgres://bl:pa?\(secret)@db:5432/h",
    "postgres://bl:pa#\(secret)@db:5432/h",
    "postgres://bl:pa@\(secret)@db:5432/h",
    "postgres://bl@db:5432/h?password=\(secret)",
    "postgres://bl@db:5432/h?sslmode=require&password=\(secret)",
    "POSTGRESQL://bl:%53\(secret)@db/h",
  ]

  @Test("an address with a password is refused, and neither message nor shown form holds it")
  func passwordsRefused() {
    for text in Self.withPasswords {
      #expect(HistoryAddress.holdsPassword(text), "\(text)")
      #expect(!PostgresLocation.redacted(text).contains(Self.secret), "\(text)")
      #expect(!HistoryStores.shown(text).contains(Self.secret), "\(text)")
      #expect {
        try PostgresLocation(text)
      } throws: { error in
        "\(error)".contains("holds a password") && !"\(error)".contains(Self.secret)
      }
    }
  }

  @Test("host, port, database, user and TLS are read as libpq reads them; the rest refused")
  func parts() throws {
    let full = try PostgresLocation("postgres://bl@db.example:6543/history?sslmode=verify-full")
    #expect(full.description == "postgres://bl@db.example:6543/history")
    #expect(full.tls == .verifyFull)
    let short = try PostgresLocation("postgresql://bl@db.example")
    #expect((short.port, short.database, short.tls) == (5432, "bl", .prefer))
    let six = try PostgresLocation("postgres://bl@[::1]:5432/h")
    #expect(six.host == "::1")
    for bad in [
      "postgres://bl@db/h?sslmode=disable&sslmode=require", "postgres://bl@db/h?sslmode=maybe",
      "postgres://bl@db/h?application_name=x", "postgres://bl@db/h#part", "postgres://bl@/h",
      "postgres://bl@%2Ftmp%2Fsock:5432/h", "postgres://bl@db:99999/h",
    ] {
      #expect(throws: HistoryError.self, "\(bad)") { try PostgresLocation(bad) }
    }
  }
}
