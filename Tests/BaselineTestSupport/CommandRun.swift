public import Foundation

/// What one run of a program did: its exit status and everything it wrote.
///
/// Every test that runs a program goes through ``run(executable:arguments:in:environment:input:)``
/// (or ``start(executable:arguments:in:environment:input:)`` when it must signal the program
/// while it runs). Standard output and standard error are read at the same time, each on a
/// thread of its own, and standard input is written on a third: a program that fills one pipe
/// while the test waits on another cannot block the test.
public struct CommandRun: Sendable, Equatable {
  /// The cache folder of every program this test process runs (`BASELINE_CACHE`), removed
  /// when the test process exits.
  public static let cache: URL = {
    atexit { try? FileManager.default.removeItem(at: CommandRun.cacheFolder) }
    return cacheFolder
  }()
  private static var cacheFolder: URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "baseline-tests-cache-\(getpid())", isDirectory: true)
  }

  /// The exit status (for a program killed by a signal, the signal's number).
  public let status: Int32
  /// Everything written on standard output, as UTF-8.
  public let stdout: String
  /// Everything written on standard error, as UTF-8.
  public let stderr: String

  /// Makes a result (the runner does; tests compare with one).
  public init(status: Int32, stdout: String, stderr: String) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }

  /// Runs a program to its end and collects what it wrote.
  ///
  /// A non-zero exit status is a normal result, not a thrown error.
  ///
  /// - Parameters:
  ///   - executable: The program's file.
  ///   - arguments: Its arguments, without the program's name.
  ///   - directory: Its working directory; `nil` keeps the test's.
  ///   - environment: Its whole environment; `nil` passes on the test's own.
  ///   - input: Written to its standard input, which is then closed; `nil` gives it
  ///     `/dev/null`.
  /// - Returns: The exit status, standard output and standard error.
  /// - Throws: When the program cannot be started.
  public static func run(
    executable: URL, arguments: [String], in directory: URL? = nil,
    environment: [String: String]? = nil, input: Data? = nil
  ) throws -> CommandRun {
    try start(
      executable: executable, arguments: arguments, in: directory, environment: environment,
      input: input
    ).wait()
  }

  /// Starts a program and returns at once; ``RunningCommand/wait()`` collects the result.
  ///
  /// Its output is read from the moment it starts, so it never blocks on a full pipe.
  ///
  /// - Parameters:
  ///   - executable: The program's file.
  ///   - arguments: Its arguments, without the program's name.
  ///   - directory: Its working directory; `nil` keeps the test's.
  ///   - environment: Its whole environment; `nil` passes on the test's own.
  ///   - input: Written to its standard input, which is then closed; `nil` gives it
  ///     `/dev/null`.
  /// - Returns: The running program.
  /// - Throws: When the program cannot be started.
  public static func start(
    executable: URL, arguments: [String], in directory: URL? = nil,
    environment: [String: String]? = nil, input: Data? = nil
  ) throws -> RunningCommand {
    try RunningCommand(
      executable: executable, arguments: arguments, directory: directory,
      environment: environment, input: input)
  }

  /// The JSON object on standard output.
  /// - Returns: The object's keys and values.
  /// - Throws: When standard output is not JSON, or not an object.
  public func json() throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
    guard let dictionary = object as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
    return dictionary
  }
}

/// A program started by ``CommandRun/start(executable:arguments:in:environment:input:)``,
/// whose output is being read while it runs.
public final class RunningCommand {
  private let process: Process
  private let output: PipeReader
  private let errors: PipeReader
  private let writer: PipeWriter?

  /// The program's process id (to signal it).
  public var processIdentifier: Int32 { process.processIdentifier }

  init(
    executable: URL, arguments: [String], directory: URL?, environment: [String: String]?,
    input: Data?
  ) throws {
    var attempt = 0
    var process: Process
    var outputPipe: Pipe
    var errorPipe: Pipe
    var inputPipe: Pipe?
    while true {
      process = Process()
      process.executableURL = executable
      process.arguments = arguments
      if let directory { process.currentDirectoryURL = directory }
      // Programs under test keep their cache in the test run's own folder, never the
      // user's: a test must not read what an earlier run (or the user) left.
      process.environment =
        environment
        ?? ProcessInfo.processInfo.environment.merging(["BASELINE_CACHE": CommandRun.cache.path]) {
          $1
        }
      outputPipe = Pipe()
      errorPipe = Pipe()
      inputPipe = input.map { _ in Pipe() }
      process.standardOutput = outputPipe
      process.standardError = errorPipe
      process.standardInput = inputPipe ?? FileHandle.nullDevice
      do {
        try process.run()
        break
      } catch {
        // A script the test has just written can be "busy" for an instant while a process
        // that another test forked still holds the writer's descriptor: try again.
        attempt += 1
        // Up to 10 s: on a loaded machine the other process may hold it that long.
        guard attempt < 500, "\(error)".contains("busy") || Self.isBusy(error) else { throw error }
        usleep(20_000)
      }
    }
    self.process = process
    output = PipeReader(outputPipe.fileHandleForReading)
    errors = PipeReader(errorPipe.fileHandleForReading)
    if let inputPipe, let input {
      writer = PipeWriter(input, to: inputPipe.fileHandleForWriting)
    } else {
      writer = nil
    }
  }

  /// Whether a launch failed with `ETXTBSY`.
  static func isBusy(_ error: any Error) -> Bool {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    return underlying?.code == Int(ETXTBSY) || (error as NSError).code == Int(ETXTBSY)
  }

  /// Waits until the program has exited and closed both pipes.
  /// - Returns: The exit status, standard output and standard error.
  public func wait() -> CommandRun {
    let stdout = output.data()
    let stderr = errors.data()
    writer?.wait()
    process.waitUntilExit()
    return CommandRun(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
  private let lock = NSLock()
  private let done = DispatchSemaphore(value: 0)
  private var collected = Data()

  init(_ handle: FileHandle) {
    // A thread, not a queue: a test blocked on a program must not hold a pool thread that
    // another test's reader needs.
    Thread { [self] in
      let data = handle.readDataToEndOfFile()
      lock.withLock { collected = data }
      done.signal()
    }.start()
  }

  /// Everything read, once the writer closed its end.
  func data() -> Data {
    done.wait()
    done.signal()
    return lock.withLock { collected }
  }
}

/// Writes bytes to a pipe and closes it, on a thread of its own.
private final class PipeWriter: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)

  init(_ data: Data, to handle: FileHandle) {
    Thread { [self] in
      // A program that exits without reading all its input must not kill the test with
      // SIGPIPE: blocked on this thread, the signal stays pending on it and is dropped with it,
      // and the write fails with EPIPE instead.
      var pipeSignal = sigset_t()
      sigemptyset(&pipeSignal)
      sigaddset(&pipeSignal, SIGPIPE)
      pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
      data.withUnsafeBytes { bytes in
        var offset = 0
        while offset < bytes.count {
          let written = write(
            handle.fileDescriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
          if written < 0 && errno == EINTR { continue }
          if written <= 0 { break }
          offset += written
        }
      }
      try? handle.close()
      done.signal()
    }.start()
  }

  /// Returns once everything was written or the program closed its input.
  func wait() {
    done.wait()
    done.signal()
  }
}
