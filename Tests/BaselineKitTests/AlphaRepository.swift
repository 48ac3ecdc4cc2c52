import BaselineKit
import BaselineTestSupport
import Git

/// The component repository of the comparison tests, built for each test in its own folder and
/// read once; only its release index and commit ids are kept, and the folder is deleted when
/// `init` returns.
///
/// History on `main`: `1.0.0.0` (annotated), `1.1.0.0` (annotated), an untagged commit, then
/// the first build of `3.1.0.0` (`movedFrom`, C1) and a rebuild (`movedTo`, C2) onto which the
/// tag `3.1.0.0` was force-moved.
struct AlphaRepository {
  let v1000: ObjectID
  let v1100: ObjectID
  let untagged: ObjectID
  let movedFrom: ObjectID
  let movedTo: ObjectID
  let releases: ReleaseIndex

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
    releases = ReleaseIndex(
      scan: try scanTags(of: git), patterns: TagPattern.defaults, scheme: .mhhs)
  }
}
