import BaselineTestSupport
import Foundation
import Git
import Testing

/// What the `git` command says about a repository's tags: the oracle for
/// ``Repository/tags()``.
///
/// Read with `git for-each-ref` (one level of peeling), then `git cat-file tag` for every
/// further level of a tag of a tag and `git rev-parse <tag>^{commit}` for its commit.
struct GitTagIndex {
  /// The tags that end on a commit, as the Git layer should report them, sorted by name.
  var tags: [TagInfo] = []
  /// Tags whose chain ends on a blob or a tree.
  var skipped: Set<String> = []
  /// Tags whose outer tag object calls itself by another name.
  var renamed: Set<String> = []

  /// Reads the tags of the repository `script` works in.
  init(reading script: GitScript) throws {
    let fields = [
      "%(refname:strip=2)", "%(objecttype)", "%(*objecttype)", "%(objectname)", "%(*objectname)",
      "%(tag)", "%(taggername)", "%(taggeremail)", "%(taggerdate:raw)", "end",
    ]
    let listing = try script.run([
      "for-each-ref", "--format=" + fields.joined(separator: "%09"), "refs/tags",
    ])
    for line in listing.split(separator: "\n") {
      let field = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      try #require(field.count == fields.count, "unexpected for-each-ref line: \(line)")
      let name = field[0]
      switch field[1] {
      case "commit":
        let commit = try #require(ObjectID(hex: field[3]))
        tags.append(TagInfo(name: name, kind: .lightweight, commit: commit))
      case "tag":
        var type = field[2]
        var target = field[4]
        var depth = 1
        while type == "tag" {
          let object = try script.run(["cat-file", "tag", target])
          let header = object.split(separator: "\n").prefix { !$0.isEmpty }
          target = try #require(header.first { $0.hasPrefix("object ") }).dropFirst(7).description
          type = try #require(header.first { $0.hasPrefix("type ") }).dropFirst(5).description
          depth += 1
        }
        guard type == "commit" else {
          skipped.insert(name)
          continue
        }
        let commitHex =
          depth > 1 ? try script.run(["rev-parse", "refs/tags/\(name)^{commit}"]) : target
        let innerName = field[5] == name ? nil : field[5]
        if innerName != nil { renamed.insert(name) }
        let tagObject: ObjectID = try #require(ObjectID(hex: field[3]))
        tags.append(
          TagInfo(
            name: name, kind: .annotated, commit: try #require(ObjectID(hex: commitHex)),
            tagObject: tagObject, nameInObject: innerName,
            tagger: try Self.tagger(name: field[6], email: field[7], raw: field[8]), depth: depth))
      default:
        skipped.insert(name)
      }
    }
    tags.sort { $0.name < $1.name }
  }

  /// A tagger from for-each-ref's fields; `nil` when the tag object has no tagger line.
  private static func tagger(name: String, email: String, raw: String) throws -> Signature? {
    guard !raw.isEmpty else { return nil }
    let parts = raw.split(separator: " ")
    try #require(parts.count == 2, "unexpected tagger date: \(raw)")
    let seconds = try #require(Int(parts[0]))
    let zone = parts[1]
    let hours = try #require(Int(zone.dropFirst().prefix(2)))
    let minutes = try #require(Int(zone.suffix(2)))
    let offset = (hours * 60 + minutes) * (zone.hasPrefix("-") ? -1 : 1)
    let address =
      email.hasPrefix("<") && email.hasSuffix(">") ? String(email.dropFirst().dropLast()) : email
    return signature(name, address, seconds, offset)
  }
}
