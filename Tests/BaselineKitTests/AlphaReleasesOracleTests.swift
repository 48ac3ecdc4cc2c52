import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// The comparison's fixture is built from values; this holds it to git: the same history made
/// with `git` and read through libgit2 gives the same index (ids aside).
@Suite("AlphaReleases: the value fixture reads as the real repository does")
struct AlphaReleasesOracleTests {
  @Test("releases, tags, kinds and which commit each release names agree with git's")
  func sameAsGit() throws {
    let folder = TemporaryDirectory("alpha-oracle")
    let (commits, real) = try AlphaReleases.fromGit(in: folder.url)
    let values = try AlphaReleases()
    let ids = [values.v1000, values.v1100, values.untagged, values.movedFrom, values.movedTo]
    func shape(_ index: ReleaseIndex, _ commits: [ObjectID]) -> [String] {
      index.builds.map { build in
        "\(build.release.text) \(build.tag.name) \(build.tag.kind.rawValue) "
          + "\(commits.firstIndex(of: build.commit).map(String.init) ?? "?")"
      }
    }
    #expect(
      shape(real, commits) == [
        "1.0.0.0 1.0.0.0 annotated 0", "1.1.0.0 1.1.0.0 annotated 1", "3.1.0.0 3.1.0.0 annotated 4",
      ])
    #expect(shape(values.releases, ids) == shape(real, commits))
    #expect(values.releases.unparsed.isEmpty && real.unparsed.isEmpty)
    #expect(values.releases.warnings == real.warnings)
  }
}
