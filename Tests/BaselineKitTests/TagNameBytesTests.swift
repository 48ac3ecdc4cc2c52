import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// Tag names are git's bytes: two names that are the same characters spelled composed and
/// decomposed are two tags, each with its own commit and date.
@Suite struct TagNameBytesTests {
  @Test("tags é/1.0.0.0 composed and decomposed keep their own commits and dates")
  func composedAndDecomposed() throws {
    let folder = TemporaryDirectory()
    var git = try GitScript(at: folder.url.appendingPathComponent("repo"))
    let composed = "\u{E9}/1.0.0.0"
    let decomposed = "e\u{301}/1.0.0.0"
    let first = try git.commit("first")
    try git.tag(composed)
    let second = try git.commit("second")
    try git.tag(decomposed)
    let component = Component(
      name: "x", repository: "repo", repositoryURL: folder.url.appendingPathComponent("repo"),
      tagPatterns: [
        try #require(TagPattern("\u{E9}/{version}")),
        try #require(TagPattern("e\u{301}/{version}")),
      ])
    let listing = try TagListing.read(component)
    let builds = listing.releases.builds
    try #require(builds.count == 2)
    var byBytes: [[UInt8]: TaggedBuild] = [:]
    for build in builds { byBytes[Array(build.tag.name.utf8)] = build }
    let oldBuild = try #require(byBytes[Array(composed.utf8)])
    let newBuild = try #require(byBytes[Array(decomposed.utf8)])
    #expect(oldBuild.commit.hex == first && newBuild.commit.hex == second)
    // git is the oracle for each commit's date.
    for (build, commit) in [(oldBuild, first), (newBuild, second)] {
      let seconds = try #require(Double(try git.run(["log", "-1", "--format=%ct", commit])))
      #expect(listing.date(of: build) == Date(timeIntervalSince1970: seconds))
    }
    #expect(listing.date(of: oldBuild) != listing.date(of: newBuild))
  }
}
