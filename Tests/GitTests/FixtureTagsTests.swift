import BaselineTestSupport
import Foundation
import Git
import Testing

/// Tags of libgit2's own test repositories, with every value written out: tags on blobs, tags
/// of tags, taggerless and message-less tags, and a `packed-refs` whose peeled lines are missing.
@Suite("Tags of the libgit2 fixtures", .tags(.fixture), .enabled(if: Fixture.available))
struct FixtureTagsTests {
  private let vicent = "Vicent Marti"
  private let vicentMail = "tanoku@gmail.com"

  private func id(_ hex: String) throws -> ObjectID { try #require(ObjectID(hex: hex)) }

  @Test(
    "testrepo.git: every tag, with blob tags skipped and wrapped_tag's inner name kept (G7, G8)")
  func testrepo() throws {
    let folder = TemporaryDirectory()
    let path = try Fixture.copy("testrepo.git", into: folder).path

    let scan = try Repository(path: path).tags()

    let master = try id("a65fedf39aefe402d3bb6e24df4d4f5fe4547750")
    let commit2 = try id("e90810b8df3e80c413d903f631643c716887138d")
    let hardTag = try id("849a5e34a26815e821f865b8479f5815a47af0fe")
    let ben = signature("Ben Straub", "bstraub@github.com", 1_336_762_078, -420)
    #expect(
      scan.tags == [
        TagInfo(
          name: "e90810b", kind: .annotated, commit: commit2,
          tagObject: try id("7b4384978d2493e851f9cca7858815fac9b10980"),
          tagger: signature(vicent, vicentMail, 1_281_578_357, 120), depth: 1),
        TagInfo(
          name: "hard_tag", kind: .annotated, commit: master, tagObject: hardTag, tagger: ben,
          depth: 1),
        TagInfo(
          name: "taggerless", kind: .annotated, commit: commit2,
          tagObject: try id("4a23e2e65ad4e31c4c9db7dc746650bfad082679"), tagger: nil, depth: 1),
        TagInfo(
          name: "test", kind: .annotated, commit: commit2,
          tagObject: try id("b25fa35b38051e4ae45d4222e795f9df2e43f1d1"),
          tagger: signature(vicent, vicentMail, 1_281_578_440, 120), depth: 2),
        TagInfo(
          name: "wrapped_tag", kind: .annotated, commit: master, tagObject: hardTag,
          nameInObject: "hard_tag", tagger: ben, depth: 1),
      ])
    let warnings = scan.warnings.sorted { $0.tag < $1.tag }
    #expect(warnings.map(\.tag) == ["annotated_tag_to_blob", "point_to_blob", "wrapped_tag"])
    let blob = "1385f264afb75a56a5bec74243be9b367ba4ca08"
    #expect(warnings[0].message.contains("names a blob (\(blob))"))
    #expect(warnings[1].message.contains("names a blob (\(blob))"))
    #expect(warnings[2].message.contains("\"hard_tag\""))
  }

  @Test("testrepo (.gitted): nested names and a packed tag of a tag with no peeled line")
  func testrepoWorkTree() throws {
    let folder = TemporaryDirectory()
    let path = try Fixture.copy("testrepo", into: folder).path

    let scan = try Repository(path: path).tags()

    let commit2 = try id("e90810b8df3e80c413d903f631643c716887138d")
    let testTag = try id("b25fa35b38051e4ae45d4222e795f9df2e43f1d1")
    let tagger = signature(vicent, vicentMail, 1_281_578_440, 120)
    func ofTest(_ name: String) -> TagInfo {
      TagInfo(
        name: name, kind: .annotated, commit: commit2, tagObject: testTag,
        nameInObject: name == "test" ? nil : "test", tagger: tagger, depth: 2)
    }
    #expect(
      scan.tags == [
        TagInfo(
          name: "e90810b", kind: .annotated, commit: commit2,
          tagObject: try id("7b4384978d2493e851f9cca7858815fac9b10980"),
          tagger: signature(vicent, vicentMail, 1_281_578_357, 120), depth: 1),
        ofTest("foo/bar"), ofTest("foo/foo/bar"), ofTest("packed-tag"), ofTest("test"),
      ])
    #expect(
      Set(scan.warnings.map(\.tag)) == ["foo/bar", "foo/foo/bar", "packed-tag", "point_to_blob"])
  }

  @Test("peeled.git: a fully peeled packed tag; references outside refs/tags ignored")
  func peeled() throws {
    let folder = TemporaryDirectory()
    let path = try Fixture.copy("peeled.git", into: folder).path

    let scan = try Repository(path: path).tags()

    #expect(
      scan.tags == [
        TagInfo(
          name: "tag-inside-tags", kind: .annotated,
          commit: try id("0df1a5865c8abfc09f1f2182e6a31be550e99f07"),
          tagObject: try id("c2596aa0151888587ec5c0187f261e63412d9e11"), nameInObject: "foo",
          tagger: signature("Jeff King", "peff@peff.net", 1_367_505_972, -240), depth: 1)
      ])
    #expect(scan.warnings.map(\.tag) == ["tag-inside-tags"])
  }

  @Test("short_tag.git: a tag object with no message")
  func shortTag() throws {
    let folder = TemporaryDirectory()
    let path = try Fixture.copy("short_tag.git", into: folder).path

    let scan = try Repository(path: path).tags()

    #expect(
      scan.tags == [
        TagInfo(
          name: "no_description", kind: .annotated,
          commit: try id("4a5ed60bafcf4638b7c8356bd4ce1916bfede93c"),
          tagObject: try id("5da7760512a953e3c7c4e47e4392c7a4338fb729"),
          tagger: signature("Erik van Zijst", "erik.van.zijst@gmail.com", 1_351_808_362, -420),
          depth: 1)
      ])
    #expect(scan.warnings == [])
  }

  @Test("bad_tag.git: a tag naming a missing object is an error, as git's for-each-ref fails")
  func badTag() throws {
    let folder = TemporaryDirectory()
    let copy = try Fixture.copy("bad_tag.git", into: folder)
    let gitRefuses = try Command.gitStatus(["for-each-ref"], in: copy)
    #expect(gitRefuses == 128, "git: unexpected line in packed-refs")

    let error = #expect(throws: GitError.self) { try Repository(path: copy.path).tags() }

    #expect(error?.code == .missingObject)
    #expect(
      error?.message.contains("object d3bacb8d3ff25876a961b1963b6515170d0151ab (tag hello)")
        == true)
  }
}
