import BaselineKit
import BaselineTestSupport
import Foundation
import Git

/// A test fixture that could not be set up.
struct FixtureError: Error, CustomStringConvertible {
  let description: String
}

extension ObjectID {
  /// The id of 40 hex digits, or a ``FixtureError``.
  init(checking hex: String) throws {
    guard let id = ObjectID(hex: hex) else {
      throw FixtureError(description: "no object id: \(hex)")
    }
    self = id
  }
}

/// Reads a release number that the test knows is well formed.
func release(_ text: String, _ scheme: VersionScheme = .mhhs) throws -> ReleaseVersion {
  try ReleaseVersion(text, scheme: scheme)
}

/// Reads the tags of a repository that a test built with `GitScript`, through the `Git` module
/// (tests of the comparison build a `TagScan` from values instead).
func scanTags(of git: GitScript) throws -> TagScan {
  try Repository(path: git.directory.path).tags()
}
