public import Foundation

/// Builds real repositories with the `git` command, deterministically: fixed names, e-mails
/// and a clock that moves one minute per commit, the user's configuration ignored.
public struct GitScript {
  /// The repository's work tree.
  public let directory: URL
  /// Seconds since 1970 of the next commit or tag.
  public var clock: Int = 1_767_225_600  // 2026-01-01T00:00:00Z
  /// The time zone written into commits, e.g. `+0000`.
  public var zone = "+0000"

  /// Makes a repository (`git init`) at `directory`, on branch `main`.
  public init(at directory: URL, bare: Bool = false) throws {
    self.directory = directory
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try run(["init", "-q", "-b", "main"] + (bare ? ["--bare"] : []))
  }

  /// Opens an existing repository without running `git init`.
  public init(existing directory: URL) {
    self.directory = directory
  }

  /// Runs `git` in the repository and returns its standard output, trimmed.
  /// - Throws: ``GitScriptError`` when git exits non-zero.
  @discardableResult
  public func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String
  {
    try Self.git(arguments, in: directory, environment: extra, clock: clock, zone: zone)
  }

  /// Runs `git` in `directory` with the fixed identity and dates.
  @discardableResult
  public static func git(
    _ arguments: [String], in directory: URL, environment extra: [String: String] = [:],
    clock: Int = 1_767_225_600, zone: String = "+0000"
  ) throws -> String {
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_AUTHOR_NAME"] = "Dev Eloper"
    environment["GIT_AUTHOR_EMAIL"] = "dev@example.org"
    environment["GIT_COMMITTER_NAME"] = "Dev Eloper"
    environment["GIT_COMMITTER_EMAIL"] = "dev@example.org"
    environment["GIT_AUTHOR_DATE"] = "@\(clock) \(zone)"
    environment["GIT_COMMITTER_DATE"] = "@\(clock) \(zone)"
    environment.merge(extra) { _, new in new }
    let run = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["git"] + arguments,
      in: directory, environment: environment)
    guard run.status == 0 else {
      throw GitScriptError(arguments: arguments, status: run.status, message: run.stderr)
    }
    return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Writes `content` to `file`, commits it with `message`, moves the clock on a minute, and
  /// returns the new commit's full id.
  @discardableResult
  public mutating func commit(_ message: String, file: String = "app.txt", content: String? = nil)
    throws -> String
  {
    let url = directory.appendingPathComponent(file)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data((content ?? "\(message)\n").utf8).write(to: url)
    try run(["add", file])
    try run(["commit", "-q", "-m", message])
    clock += 60
    return try run(["rev-parse", "HEAD"])
  }

  /// Tags `target` (default `HEAD`); annotated when `message` is given.
  public mutating func tag(_ name: String, _ target: String = "HEAD", message: String? = nil) throws
  {
    if let message {
      try run(["tag", "-a", "-m", message, name, target])
    } else {
      try run(["tag", name, target])
    }
    clock += 60
  }

  /// The full id `revision` names.
  public func id(_ revision: String) throws -> String {
    try run(["rev-parse", "\(revision)^{commit}"])
  }
}

/// `git` exited non-zero in a test's repository script.
public struct GitScriptError: Error, CustomStringConvertible {
  /// The arguments after `git`.
  public let arguments: [String]
  /// The exit status.
  public let status: Int32
  /// What git printed on standard error.
  public let message: String
  public var description: String {
    "git \(arguments.joined(separator: " ")) exited \(status): \(message)"
  }
}
