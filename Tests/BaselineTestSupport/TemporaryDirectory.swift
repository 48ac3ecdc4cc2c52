public import Foundation

/// A fresh folder under the system's temporary directory, removed when the value goes away.
/// Each test makes its own, so tests can run in parallel.
public final class TemporaryDirectory {
  /// The folder.
  public let url: URL

  /// Makes the folder.
  public init(_ label: String = "baseline-test") {
    let name = "\(label)-\(UUID().uuidString.prefix(8))"
    url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// The path of `relative` inside the folder.
  public func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

  /// Writes a text file (making folders as needed) and returns its URL.
  @discardableResult
  public func write(_ relative: String, _ text: String, executable: Bool = false) throws -> URL {
    let file = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
    if executable {
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
    }
    return file
  }
}
