import BaselineTestSupport
import Foundation

/// The repositories of Debian's `libgit2-fixtures` package (libgit2's own test data).
///
/// The installed copies are read-only by agreement: every test copies the fixture it uses into
/// its own temporary folder first, where a `.gitted` folder (the fixtures' way of storing a
/// work tree's `.git`) is renamed `.git`.
enum Fixture {
  /// Where the package installs them.
  static let root = URL(fileURLWithPath: "/usr/share/doc/libgit2-fixtures/examples")

  /// Whether the package is installed; tests that need it are skipped otherwise.
  static let available = FileManager.default.fileExists(
    atPath: root.appendingPathComponent("testrepo.git/HEAD").path)

  /// Copies the fixture `name` into `directory` and returns the copy.
  static func copy(_ name: String, into directory: TemporaryDirectory) throws -> URL {
    let destination = directory.url.appendingPathComponent(name)
    try FileManager.default.copyItem(at: root.appendingPathComponent(name), to: destination)
    let gitted = destination.appendingPathComponent(".gitted")
    if FileManager.default.fileExists(atPath: gitted.path) {
      try FileManager.default.moveItem(at: gitted, to: destination.appendingPathComponent(".git"))
    }
    return destination
  }
}
