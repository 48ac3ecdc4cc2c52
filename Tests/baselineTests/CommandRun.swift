import BaselineTestSupport
import Foundation

/// What one run of the built `baseline` binary did.
struct CommandRun {
  let status: Int32
  let stdout: String
  let stderr: String

  /// The built binary, beside the test bundle in the build folder.
  static var binary: URL {
    let bundle = Bundle.main.bundleURL
    let candidates = [
      bundle.deletingLastPathComponent().appendingPathComponent("baseline"),
      bundle.appendingPathComponent("baseline"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("baseline"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[0]
  }

  /// The package's own folder (for the example estate).
  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// Runs `baseline arguments…` in `directory`.
  static func baseline(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:]
  )
    throws -> CommandRun
  {
    try run(binary, arguments, in: directory, environment: environment)
  }

  static func run(
    _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:]
  ) throws -> CommandRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var variables = ProcessInfo.processInfo.environment
    variables["NO_COLOR"] = "1"
    variables.merge(environment) { _, new in new }
    process.environment = variables
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Read both pipes at once so that neither fills.
    let errorBox = ErrorBox()
    let reader = Thread { errorBox.data = errors.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorBox.done { usleep(1000) }
    return CommandRun(
      status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
      stderr: String(decoding: errorBox.data, as: UTF8.self))
  }

  /// The JSON object on standard output.
  func json() throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
    guard let dictionary = object as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
    return dictionary
  }
}

private final class ErrorBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored = Data()
  private var finished = false
  var data: Data {
    get { lock.withLock { stored } }
    set {
      lock.withLock {
        stored = newValue
        finished = true
      }
    }
  }
  var done: Bool { lock.withLock { finished } }
}

/// A copy of the example estate (Baselines/, Probes/, and its repositories made by
/// Scripts/make-example-repos) in a temporary folder of its own.
func exampleEstate() throws -> TemporaryDirectory {
  let folder = TemporaryDirectory("baseline-e2e")
  for item in ["Baselines", "Probes", "Scripts"] {
    try FileManager.default.copyItem(
      at: CommandRun.packageRoot.appendingPathComponent(item),
      to: folder.url.appendingPathComponent(item))
  }
  let made = try CommandRun.run(
    folder.url.appendingPathComponent("Scripts/make-example-repos"), [folder.url.path],
    in: folder.url)
  guard made.status == 0 else { throw CocoaError(.fileWriteUnknown) }
  return folder
}
