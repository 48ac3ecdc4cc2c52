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
    guard let id = ObjectID(hex: hex) else { throw FixtureError(description: "no object id: \(hex)") }
    self = id
  }
}

/// Reads a release number that the test knows is well formed.
func release(_ text: String, _ scheme: VersionScheme = .mhhs) throws -> ReleaseVersion {
  try ReleaseVersion(text, scheme: scheme)
}

/// Builds a repository with `GitScript` in a fresh folder, then reads its tags with the `Git`
/// module. The folder lives as long as the returned `TemporaryDirectory`.
func scanTags(of git: GitScript) throws -> TagScan {
  try Repository(path: git.directory.path).tags()
}

/// The component repository the comparison and report tests share, built for each test in its
/// own folder and read once; only its tag scan and commit ids are kept.
///
/// History on `main`: `1.0.0.0` (annotated), `1.1.0.0` (annotated), an untagged commit, then
/// the first build of `3.1.0.0` (`movedFrom`, C1) and a rebuild (`movedTo`, C2) onto which the
/// tag `3.1.0.0` was force-moved (case G4).
struct AlphaRepository {
  let v1000: ObjectID
  let v1100: ObjectID
  let untagged: ObjectID
  let movedFrom: ObjectID
  let movedTo: ObjectID
  let releases: ReleaseIndex

  /// The ids of the commits the tags name, keyed by release text.
  var facts: ComponentFacts { ComponentFacts(releases: releases) }

  init() throws {
    let folder = TemporaryDirectory("alpha-repo")
    var git = try GitScript(at: folder.url.appendingPathComponent("alpha"))
    v1000 = try ObjectID(checking: git.commit("first release"))
    try git.tag("1.0.0.0", message: "release 1.0.0.0")
    v1100 = try ObjectID(checking: git.commit("minor release"))
    try git.tag("1.1.0.0", message: "release 1.1.0.0")
    untagged = try ObjectID(checking: git.commit("work in progress"))
    movedFrom = try ObjectID(checking: git.commit("3.1.0.0 as approved"))
    try git.tag("3.1.0.0", message: "release 3.1.0.0")
    movedTo = try ObjectID(checking: git.commit("3.1.0.0 rebuilt"))
    try git.run(["tag", "-f", "-a", "-m", "release 3.1.0.0 (moved)", "3.1.0.0", movedTo.hex])
    releases = ReleaseIndex(scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)
  }
}
