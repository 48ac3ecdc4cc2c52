import BaselineTestSupport
import Foundation
import Testing

extension CommandRun {
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

  /// The environment `baseline` runs in: the test's own, without colour, with the test run's
  /// own cache, with `extra` on top.
  static func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var variables = ProcessInfo.processInfo.environment
    variables["NO_COLOR"] = "1"
    variables["BASELINE_CACHE"] = CommandRun.cache.path
    variables.merge(extra) { _, new in new }
    return variables
  }

  /// Runs `baseline arguments…` in `directory`.
  static func baseline(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:]
  ) throws -> CommandRun {
    try run(
      executable: binary, arguments: arguments, in: directory,
      environment: Self.environment(environment))
  }
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
    executable: folder.url.appendingPathComponent("Scripts/make-example-repos"),
    arguments: [folder.url.path], in: folder.url)
  guard made.status == 0 else { throw CocoaError(.fileWriteUnknown) }
  return folder
}

/// Rewrites a JSON object file (a saved inventory) as a hand edit would.
func editJSONObject(at path: String, _ edit: (inout [String: Any]) throws -> Void) throws {
  let url = URL(fileURLWithPath: path)
  var object = try #require(
    try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  try edit(&object)
  try JSONSerialization.data(withJSONObject: object).write(to: url)
}
