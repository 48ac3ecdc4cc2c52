import CProbeSpawn
public import Foundation

/// A real PostgreSQL server (Debian's `postgresql`) in a temporary folder, on a loopback port,
/// for the history tests: made with `initdb` (as the `postgres` user when the tests run as
/// root, which PostgreSQL refuses to run as), started with `pg_ctl`, stopped with ``stop()``
/// or, for ``shared``, when the test process exits; its folder (some 150 MB) is removed then. Host logins need a password
/// (`scram-sha-256`); the role `baseline` has ``password`` and owns every database
/// ``makeDatabase()`` creates.
public final class PostgresServer: @unchecked Sendable {
  /// The loopback port.
  public let port: Int
  /// The password of the role `baseline`.
  public let password = "pg-\(UUID().uuidString.prefix(12))-secret"
  let folder: URL
  var data: URL { folder.appendingPathComponent("data") }
  var socket: URL { folder.appendingPathComponent("socket") }
  private let lock = NSLock()
  private var stopped = false

  /// One server for the whole test process, stopped when it exits.
  public static let shared: PostgresServer = {
    do {
      let server = try PostgresServer()
      sharedFolder = server.folder.path
      atexit {
        if let folder = sharedFolder {
          _ = try? PostgresServer.control(["stop", "-m", "immediate", "-D", folder + "/data"])
          try? FileManager.default.removeItem(atPath: folder)
        }
      }
      return server
    } catch {
      fatalError(
        "PostgreSQL could not be started for the tests (Scripts/test installs it): \(error)")
    }
  }()
  nonisolated(unsafe) static var sharedFolder: String?

  /// Makes and starts a server of its own (a test that stops it needs one).
  /// - Throws: when `initdb` or `pg_ctl` fails, naming its output.
  public init() throws {
    folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "baseline-pg-\(UUID().uuidString.prefix(8))")
    let data = folder.appendingPathComponent("data")
    let socket = folder.appendingPathComponent("socket")
    try FileManager.default.createDirectory(at: socket, withIntermediateDirectories: true)
    chmod(folder.path, 0o777)
    chmod(socket.path, 0o777)
    try Self.check(
      Self.asPostgres(
        "initdb",
        [
          "-D", data.path, "-U", "postgres", "--auth-local=trust",
          "--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C",
        ]))
    var started: Int?
    for attempt in 0..<20 where started == nil {
      let port = 30_000 + Int.random(in: 0..<20_000) + attempt
      let run = try Self.control(Self.start(in: folder, port: port))
      if run.status == 0 { started = port }
    }
    guard let started else { throw CocoaError(.featureUnsupported) }
    port = started
    try Self.check(
      try psql("CREATE ROLE baseline LOGIN PASSWORD '\(password)'", database: "postgres"))
  }

  deinit {
    stop()
    try? FileManager.default.removeItem(at: folder)
  }

  /// `postgres://baseline@127.0.0.1:PORT/DATABASE`.
  public func url(_ database: String) -> String {
    "postgres://baseline@127.0.0.1:\(port)/\(database)"
  }

  /// A new empty database owned by `baseline`, by name.
  public func makeDatabase() throws -> String {
    let name = "t_\(UUID().uuidString.prefix(8).lowercased())"
    try Self.check(try psql("CREATE DATABASE \(name) OWNER baseline", database: "postgres"))
    return name
  }

  /// Runs `sql` as the superuser over the Unix socket (in the schema `baseline`, when it is
  /// there); the result is `psql -Atq`'s.
  public func psql(_ sql: String, database: String) throws -> CommandRun {
    try Self.asPostgres(
      "psql",
      [
        "-h", socket.path, "-p", String(port), "-U", "postgres", "-d", database, "-Atq",
        "-v", "ON_ERROR_STOP=1", "-c", "SET search_path TO baseline, public", "-c", sql,
      ])
  }

  /// The one number `sql` returns.
  public func count(_ sql: String, database: String) throws -> Int {
    let run = try psql(sql, database: database)
    try Self.check(run)
    return Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }

  /// Stops the server at once (a database gone down); later calls do nothing.
  public func stop() {
    lock.lock()
    defer { lock.unlock() }
    guard !stopped else { return }
    stopped = true
    _ = try? Self.control(["stop", "-m", "immediate", "-D", data.path])
  }

  /// `pg_ctl`'s arguments to start the cluster in `folder` on `port` (loopback only, its socket
  /// in the folder, no fsync: a test's data need not survive a power cut).
  static func start(in folder: URL, port: Int) -> [String] {
    [
      "start", "-w", "-t", "30", "-D", folder.appendingPathComponent("data").path, "-l",
      folder.appendingPathComponent("log").path, "-o",
      "-p \(port) -k \(folder.appendingPathComponent("socket").path) "
        + "-c listen_addresses=127.0.0.1 -c fsync=off",
    ]
  }

  /// Starts it again, on the same port, after ``stop()``.
  public func restart() throws {
    lock.lock()
    defer { lock.unlock() }
    try Self.check(
      try Self.control(Self.start(in: folder, port: port)))
    stopped = false
  }

  /// The newest installed PostgreSQL's programs (`/usr/lib/postgresql/N/bin`).
  static let binaries: String = {
    let base = "/usr/lib/postgresql"
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
    let newest = versions.compactMap(Int.init).max().map(String.init) ?? "15"
    return "\(base)/\(newest)/bin"
  }()

  /// Runs `pg_ctl` with `posix_spawn` and `waitpid`, its standard files on `/dev/null` and
  /// no other descriptor of this process: the server it starts lives on, and would hold open
  /// any pipe it inherited (a pipe's reader, or Foundation's wait for a `Process`, would then
  /// never finish).
  static func control(_ arguments: [String]) throws -> CommandRun {
    let program = "\(binaries)/pg_ctl"
    let argv =
      getuid() == 0
      ? ["/usr/sbin/runuser", "-u", "postgres", "--", program] + arguments
      : [program] + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for descriptor: Int32 in 0...2 {
      posix_spawn_file_actions_addopen(
        &actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    _ = baseline_spawn_closefrom(&actions, 3)
    var pointers = argv.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    var pid: pid_t = 0
    let started = posix_spawn(&pid, argv[0], &actions, nil, &pointers, environ)
    guard started == 0 else { throw CocoaError(.executableLoad) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exited = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return CommandRun(status: exited, stdout: "", stderr: "pg_ctl \(arguments.first ?? "") failed")
  }

  /// Runs one of PostgreSQL's programs, as `postgres` when this process is root.
  static func asPostgres(_ program: String, _ arguments: [String]) throws -> CommandRun {
    let binary = "\(binaries)/\(program)"
    if getuid() == 0 {
      return try CommandRun.run(
        executable: URL(fileURLWithPath: "/usr/sbin/runuser"),
        arguments: ["-u", "postgres", "--", binary] + arguments)
    }
    return try CommandRun.run(executable: URL(fileURLWithPath: binary), arguments: arguments)
  }

  public static func check(_ run: CommandRun) throws {
    guard run.status == 0 else {
      throw CocoaError(
        .executableLoad, userInfo: [NSLocalizedDescriptionKey: run.stderr + run.stdout])
    }
  }
}
