import BaselineKit
import BaselineTestSupport
import Foundation
import Git

/// The tagged builds of component `alpha`, built from values: the comparison and the
/// Go / No-Go are tested with no repository on disk.
///
/// History on `main`: `1.0.0.0` (annotated), `1.1.0.0` (annotated), an untagged commit, then
/// the first build of `3.1.0.0` (`movedFrom`) and a rebuild (`movedTo`) onto which the tag
/// `3.1.0.0` was force-moved. ``fromGit()`` makes the same history in a real repository, and
/// `ReleaseIndexTests` checks that git reads it as these values say.
struct AlphaReleases {
  let v1000: ObjectID
  let v1100: ObjectID
  let untagged: ObjectID
  let movedFrom: ObjectID
  let movedTo: ObjectID
  let releases: ReleaseIndex

  init() throws {
    v1000 = try ObjectID(checking: String(repeating: "10", count: 20))
    v1100 = try ObjectID(checking: String(repeating: "11", count: 20))
    untagged = try ObjectID(checking: String(repeating: "0f", count: 20))
    movedFrom = try ObjectID(checking: String(repeating: "31", count: 20))
    movedTo = try ObjectID(checking: String(repeating: "32", count: 20))
    let tagger = Signature(
      name: "Release Manager", email: "rm@example.org", date: Date(timeIntervalSince1970: 0),
      utcOffsetMinutes: 0)
    func annotated(_ name: String, _ commit: ObjectID, _ object: String) throws -> TagInfo {
      TagInfo(
        name: name, kind: .annotated, commit: commit,
        tagObject: try ObjectID(checking: String(repeating: object, count: 20)), tagger: tagger,
        depth: 1)
    }
    let scan = TagScan(tags: [
      try annotated("1.0.0.0", v1000, "a1"), try annotated("1.1.0.0", v1100, "a2"),
      try annotated("3.1.0.0", movedTo, "a3"),
    ])
    releases = ReleaseIndex(scan: scan, patterns: TagPattern.defaults, scheme: .mhhs)
  }

  /// The same history made with `git` in `folder`: the commits in order, and the index read.
  static func fromGit(in folder: URL) throws -> (commits: [ObjectID], releases: ReleaseIndex) {
    var git = try GitScript(at: folder.appendingPathComponent("alpha"))
    var commits: [ObjectID] = []
    commits.append(try ObjectID(checking: git.commit("first release")))
    try git.tag("1.0.0.0", message: "release 1.0.0.0")
    commits.append(try ObjectID(checking: git.commit("minor release")))
    try git.tag("1.1.0.0", message: "release 1.1.0.0")
    commits.append(try ObjectID(checking: git.commit("work in progress")))
    commits.append(try ObjectID(checking: git.commit("3.1.0.0 as approved")))
    try git.tag("3.1.0.0", message: "release 3.1.0.0")
    commits.append(try ObjectID(checking: git.commit("3.1.0.0 rebuilt")))
    try git.run(["tag", "-f", "-a", "-m", "release 3.1.0.0 (moved)", "3.1.0.0", commits[4].hex])
    let releases = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)
    return (commits, releases)
  }
}
