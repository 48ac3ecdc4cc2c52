import BaselineTestSupport
import Foundation
import Git
import Testing

@Suite("Reading tags")
struct RepositoryTagsTests {
  private let developer = "Dev Eloper"
  private let email = "dev@example.org"

  @Test("annotated and lightweight tags: kind, commit, tag object, tagger and date")
  func annotatedAndLightweight() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let first = try #require(ObjectID(hex: script.commit("first")))
    script.zone = "+0900"
    let taggedAt = script.clock
    try script.tag("1.0.0.0", message: "release 1.0.0.0")
    let second = try #require(ObjectID(hex: script.commit("second")))
    try script.tag("1.0.1.0")

    let scan = try Repository(path: folder.url.path).tags()

    #expect(
      scan.tags == [
        TagInfo(
          name: "1.0.0.0", kind: .annotated, commit: first,
          tagObject: try script.objectID("refs/tags/1.0.0.0"), nameInObject: nil,
          tagger: signature(developer, email, taggedAt, 540), depth: 1),
        TagInfo(name: "1.0.1.0", kind: .lightweight, commit: second),
      ])
    #expect(scan.warnings == [])
  }

  @Test("a tag of a tag is peeled to the commit; tag object and tagger are the outer tag's")
  func tagsOfTags() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let commit = try script.commitID(script.commit("first"))
    try script.tag("inner", message: "inner")
    let outerAt = script.clock
    try script.tag("outer", "inner", message: "outer")
    try script.tag("outermost", "outer", message: "outermost")

    let tags = try Repository(path: folder.url.path).tags().tags
    let byName = Dictionary(uniqueKeysWithValues: tags.map { ($0.name, $0) })

    #expect(tags.map(\.name) == ["inner", "outer", "outermost"])
    #expect(tags.map(\.commit) == [commit, commit, commit])
    #expect(tags.map(\.depth) == [1, 2, 3])
    #expect(tags.map(\.kind) == [.annotated, .annotated, .annotated])
    let outer = try #require(byName["outer"])
    #expect(outer.tagObject == (try script.objectID("refs/tags/outer")))
    #expect(outer.tagObject != (try script.objectID("refs/tags/inner")))
    #expect(outer.tagger == signature(developer, email, outerAt, 0))
    #expect(outer.nameInObject == nil)
  }

  @Test("tags on a blob or a tree are skipped, each with a warning that names what it tags")
  func blobAndTreeSkipped() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let commit = try script.commitID(
      script.commit("first", file: "key.pub", content: "ssh-ed25519 AAAA\n"))
    let blob = try script.objectID("HEAD:key.pub")
    let tree = try script.objectID("HEAD^{tree}")
    try script.tag("1.0.0.0")
    try script.tag("key-light", blob.hex)
    try script.tag("key-annotated", blob.hex, message: "a public key")
    try script.tag("tree-light", tree.hex)
    try script.tag("tree-annotated", tree.hex, message: "a tree")

    let scan = try Repository(path: folder.url.path).tags()

    #expect(scan.tags == [TagInfo(name: "1.0.0.0", kind: .lightweight, commit: commit)])
    let warnings = scan.warnings.sorted { $0.tag < $1.tag }
    #expect(warnings.map(\.tag) == ["key-annotated", "key-light", "tree-annotated", "tree-light"])
    for warning in warnings {
      let (kind, id) = warning.tag.hasPrefix("key") ? ("blob", blob) : ("tree", tree)
      #expect(warning.message.contains("names a \(kind) (\(id.hex))"), "\(warning)")
      #expect(warning.message.contains("skipped"), "\(warning)")
      #expect(warning.description == "tag \(warning.tag): \(warning.message)")
    }
  }

  @Test("an annotated tag without a tagger line is kept, with no tagger (G8)", .tags(.fieldCase))
  func taggerless() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let commit = try script.commitID(script.commit("first"))
    let object = try folder.write(
      "old-tag", "object \(commit.hex)\ntype commit\ntag 0.9.0.0\n\nold\n")
    let tagObject = try #require(
      ObjectID(hex: script.run(["hash-object", "-t", "tag", "-w", object.path])))
    try script.run(["update-ref", "refs/tags/0.9.0.0", tagObject.hex])

    let scan = try Repository(path: folder.url.path).tags()

    #expect(
      scan.tags == [
        TagInfo(
          name: "0.9.0.0", kind: .annotated, commit: commit, tagObject: tagObject,
          nameInObject: nil,
          tagger: nil, depth: 1)
      ])
    #expect(scan.warnings == [])
  }

  @Test("nested tag names are kept whole and sorted by name")
  func nestedNames() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let commit = try script.commitID(script.commit("first"))
    try script.tag("comp/1.0.0.0", message: "component release")
    try script.tag("comp/sub/2.0.0.0")
    try script.tag("1.0.0.0")
    try script.tag("v1.0.0.0", message: "release")

    let tags = try Repository(path: folder.url.path).tags().tags

    #expect(tags.map(\.name) == ["1.0.0.0", "comp/1.0.0.0", "comp/sub/2.0.0.0", "v1.0.0.0"])
    #expect(tags.map(\.kind) == [.lightweight, .annotated, .lightweight, .annotated])
    #expect(Set(tags.map(\.commit)) == [commit])
    #expect(tags.allSatisfy { $0.nameInObject == nil })
  }

  @Test(
    "G7: the reference name is the identity; the name inside the object is kept with a warning",
    .tags(.fieldCase))
  func nameInObjectDiffers() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let commit = try script.commitID(script.commit("first"))
    try script.tag("v1.2.0.0-rc1", message: "release candidate")
    let tagObject = try script.objectID("refs/tags/v1.2.0.0-rc1")
    try script.run(["update-ref", "refs/tags/v1.2.0.0", tagObject.hex])

    let scan = try Repository(path: folder.url.path).tags()

    #expect(scan.tags.map(\.name) == ["v1.2.0.0", "v1.2.0.0-rc1"])
    let release = try #require(scan.tags.first)
    #expect(release.name == "v1.2.0.0")
    #expect(release.nameInObject == "v1.2.0.0-rc1")
    #expect(release.kind == .annotated)
    #expect(release.commit == commit)
    #expect(release.tagObject == tagObject)
    #expect(scan.tags.last?.nameInObject == nil)
    #expect(scan.warnings.map(\.tag) == ["v1.2.0.0"])
    #expect(scan.warnings.first?.message.contains("\"v1.2.0.0-rc1\"") == true)
  }

  @Test("references outside refs/tags are not tags")
  func otherReferences() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let commit = try script.commitID(script.commit("first"))
    try script.run(["branch", "release/1.0.0.0"])
    try script.run(["update-ref", "refs/other/1.0.0.0", "HEAD"])
    try script.run(["update-ref", "refs/remotes/origin/tags/2.0.0.0", "HEAD"])
    try script.tag("1.0.0.0")

    let scan = try Repository(path: folder.url.path).tags()

    #expect(scan.tags == [TagInfo(name: "1.0.0.0", kind: .lightweight, commit: commit)])
    #expect(scan.warnings == [])
  }

  @Test("an empty repository has no tags and no warnings")
  func emptyRepository() throws {
    let folder = TemporaryDirectory()
    _ = try GitScript(at: folder.url)

    let scan = try Repository(path: folder.url.path).tags()

    #expect(scan.tags == [])
    #expect(scan.warnings == [])
  }

  @Test("a dangling symbolic tag is a warning; a tag naming a missing object is an error")
  func brokenReferences() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let commit = try script.commitID(script.commit("first"))
    try script.tag("1.0.0.0")
    try script.run(["symbolic-ref", "refs/tags/dangling", "refs/tags/nothing"])

    let scan = try Repository(path: folder.url.path).tags()

    #expect(scan.tags == [TagInfo(name: "1.0.0.0", kind: .lightweight, commit: commit)])
    #expect(scan.warnings.map(\.tag) == ["dangling"])
    #expect(scan.warnings.first?.message == "the reference does not resolve; skipped")

    // A release tag that names nothing the repository has: the clone is damaged, and a scan
    // that skipped the tag would report the release as never tagged.
    let missing = "0123456789abcdef0123456789abcdef01234567"
    try folder.write(".git/refs/tags/ghost", missing + "\n")
    let error = #expect(throws: GitError.self) { try Repository(path: folder.url.path).tags() }
    #expect(error?.code == .missingObject)
    #expect(error?.message.contains("object \(missing) (tag ghost) is missing") == true)
  }

  @Test("a symbolic reference under refs/tags is read as the tag it names")
  func symbolicTag() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    let commit = try script.commitID(script.commit("first"))
    try script.tag("1.0.0.0", message: "release")
    try script.run(["symbolic-ref", "refs/tags/latest", "refs/tags/1.0.0.0"])

    let tags = try Repository(path: folder.url.path).tags().tags

    #expect(tags.map(\.name) == ["1.0.0.0", "latest"])
    #expect(tags.map(\.commit) == [commit, commit])
    #expect(tags.last?.tagObject == (try script.objectID("refs/tags/1.0.0.0")))
    #expect(tags.last?.nameInObject == "1.0.0.0")
  }

  @Test("a loose tag moved after packing shadows its packed entry: one tag, the new commit")
  func looseShadowsPacked() throws {
    let folder = TemporaryDirectory()
    var script = try GitScript(at: folder.url)
    try script.commit("first")
    try script.tag("3.1.0.0")
    try script.run(["pack-refs", "--all"])
    let moved = try script.commitID(script.commit("second"))
    try script.run(["tag", "-f", "3.1.0.0"])

    let tags = try Repository(path: folder.url.path).tags().tags

    #expect(tags == [TagInfo(name: "3.1.0.0", kind: .lightweight, commit: moved)])
  }
}
