import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to a PostgreSQL history, used synchronously: each statement waits for its
/// answer (up to ``timeout`` seconds) on SwiftNIO's event loop threads, never on the caller's.
/// Implements ``HistoryDatabase`` (turning `?` into `$1`, `$2`, …) and runs transactions.
/// Every error names the server (``PostgresLocation``), never the password.
final class PostgresSession: HistoryDatabase, @unchecked Sendable {
  let location: PostgresLocation
  private let connection: PostgresConnection
  private let logger = Logger(label: "baseline.history") { _ in SwiftLogNoOpLogHandler() }
  /// How long one statement (or the connection) may take before the session gives up.
  let timeout: Double

  /// Connects and sets the session to the `baseline` schema.
  /// - Throws: ``HistoryError`` naming the server when it cannot be reached, refuses the login
  ///   or the TLS asked for.
  init(_ location: PostgresLocation, password: String?, timeout: Double = 60)
    throws(HistoryError)
  {
    self.location = location
    self.timeout = timeout
    var configuration = PostgresConnection.Configuration(
      host: location.host, port: location.port, username: location.user, password: password,
      database: location.database, tls: try Self.tls(location))
    configuration.options.connectTimeout = .seconds(Int64(min(timeout, 30)))
    configuration.options.additionalStartupParameters = [("application_name", "baseline")]
    let future = PostgresConnection.connect(
      on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1,
      logger: logger)
    connection = try Self.wait(for: future, seconds: timeout, location: location, doing: "reach")
  }

  private static func tls(_ location: PostgresLocation) throws(HistoryError)
    -> PostgresConnection.Configuration.TLS
  {
    guard location.tls != .disable else { return .disable }
    var configuration = TLSConfiguration.makeClientConfiguration()
    if location.tls != .verifyFull { configuration.certificateVerification = .none }
    do {
      let context = try NIOSSLContext(configuration: configuration)
      return location.tls == .prefer ? .prefer(context) : .require(context)
    } catch {
      throw HistoryError("history \(location): TLS cannot be set up (\(error))")
    }
  }

  func execute(_ sql: String, _ arguments: [SQLValue]) throws(HistoryError) {
    _ = try run(sql, arguments)
  }

  func rows(_ sql: String, _ arguments: [SQLValue]) throws(HistoryError) -> [SQLRow] {
    let result = try run(sql, arguments)
    var rows: [SQLRow] = []
    var columns: [String: Int]?
    for row in result.rows {
      var cells: [SQLValue] = []
      var names: [String: Int] = [:]
      for cell in row {
        if columns == nil { names[cell.columnName] = cells.count }
        cells.append(try Self.value(of: cell, location: location))
      }
      if columns == nil { columns = names }
      rows.append(SQLRow(columns: columns ?? [:], cells: cells, store: location.description))
    }
    return rows
  }

  /// Runs one statement, waiting for its answer at most `seconds` (``timeout`` by default);
  /// `waiting` says what a statement that waits on others (a lock) waits for.
  func run(
    _ sql: String, _ arguments: [SQLValue], seconds: Double? = nil, waiting: String? = nil
  ) throws(HistoryError) -> PostgresQueryResult {
    // A query on a connection the server closed (restarted, stopped) would wait for an answer
    // that never comes.
    if connection.isClosed {
      throw HistoryError("history \(location): the server closed the connection")
    }
    let limit = seconds ?? timeout
    do {
      return try Self.wait(
        for: connection.query(Self.query(sql, arguments), logger: logger), seconds: limit,
        location: location, doing: "answer")
    } catch {
      guard let waiting, error.message.contains("did not answer") else { throw error }
      throw HistoryError("history \(location): waited \(Int(limit)) s for \(waiting)")
    }
  }

  /// Runs `body` between `BEGIN` and `COMMIT`; `ROLLBACK` when it throws. `readOnly` reads one
  /// snapshot (`REPEATABLE READ READ ONLY`). A write's error says what became of it: nothing
  /// recorded when it failed before `COMMIT` (rolled back here, or by the server when the
  /// connection is gone); not known when `COMMIT` itself went unanswered.
  func transaction<T>(readOnly: Bool = false, _ body: () throws(HistoryError) -> T)
    throws(HistoryError) -> T
  {
    try execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN", [])
    let result: T
    do {
      result = try body()
    } catch {
      try? execute("ROLLBACK", [])
      throw readOnly ? error : HistoryError(error.message + "; nothing was recorded")
    }
    do {
      try execute("COMMIT", [])
    } catch {
      throw readOnly
        ? error
        : HistoryError(
          error.message + "; whether this was recorded is not known (the server did not "
            + "confirm the commit): baseline history --history \(location) lists what it holds")
    }
    return result
  }

  private var closed = false

  /// Closes the connection (waiting at most a few seconds); later calls do nothing.
  func close() {
    guard !closed else { return }
    closed = true
    _ = try? Self.wait(for: connection.close(), seconds: 5, location: location, doing: "close")
  }

  deinit { close() }

  /// `sql` with each `?` made `$n`, and its arguments bound.
  private static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
    var text = ""
    var index = 0
    for character in sql {
      if character == "?" {
        index += 1
        text += "$\(index)"
      } else {
        text.append(character)
      }
    }
    var binds = PostgresBindings(capacity: arguments.count)
    for argument in arguments {
      switch argument {
      case .null: binds.appendNull()
      case .integer(let value): binds.append(value)
      case .real(let value): binds.append(value)
      case .text(let value): binds.append(value)
      }
    }
    return PostgresQuery(unsafeSQL: text, binds: binds)
  }

  private static func value(of cell: PostgresCell, location: PostgresLocation)
    throws(HistoryError) -> SQLValue
  {
    guard cell.bytes != nil else { return .null }
    do {
      switch cell.dataType {
      case .int8: return .integer(try cell.decode(Int64.self))
      case .int4: return .integer(Int64(try cell.decode(Int32.self)))
      case .int2: return .integer(Int64(try cell.decode(Int16.self)))
      case .float8, .float4, .numeric: return .real(try cell.decode(Double.self))
      case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
      default: return .text(try cell.decode(String.self))
      }
    } catch {
      throw HistoryError(
        "history \(location): column \(cell.columnName) holds a value Baseline cannot read")
    }
  }

  /// Waits for `future` at most `seconds`.
  /// - Throws: ``HistoryError`` naming the server and what it did not do (`reach`, `answer`).
  static func wait<T: Sendable>(
    for future: EventLoopFuture<T>, seconds: Double, location: PostgresLocation,
    doing action: String
  ) throws(HistoryError) -> T {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    future.whenComplete { result in
      box.result = result
      done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success, let result = box.result else {
      throw HistoryError(
        "history \(location) did not \(action) within \(Int(seconds)) s")
    }
    switch result {
    case .success(let value): return value
    case .failure(let error):
      throw HistoryError("history \(location): \(describe(error, location: location))")
    }
  }

  /// PostgreSQL's own words for an error (its SQLSTATE and message), or what happened to the
  /// connection; never the password.
  static func describe(_ error: any Error, location: PostgresLocation) -> String {
    guard let error = error as? PSQLError else { return "\(error)" }
    if let server = error.serverInfo {
      let state = server[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
      return (server[.message] ?? "the server refused") + state
    }
    switch error.code {
    case .serverClosedConnection, .uncleanShutdown:
      return "the server closed the connection"
    case .connectionError:
      // SwiftNIO's own account of the attempts is long and internal: say what to check.
      return "cannot connect to \(location.host) port \(location.port): is the server running "
        + "and listening there? Nothing was run; --no-history reports without the history"
    case .sslUnsupported:
      return "the server does not offer TLS, which sslmode=\(location.tls.rawValue) requires"
    case .authMechanismRequiresPassword:
      return "the server asks for a password: give it in PGPASSWORD or ~/.pgpass"
    default:
      return "\(error.code)" + (error.underlying.map { " (\($0))" } ?? "")
    }
  }
}

/// The outcome of a future, handed from an event loop thread to the waiting one.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  var result: Result<T, any Error>?
}
