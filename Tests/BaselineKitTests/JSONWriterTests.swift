import Foundation
import Git
import Testing

@testable import BaselineKit

/// `JSONWriter` against the encoder it stands in for: the same values through `JSONEncoder`
/// (``JSONText/encode(_:)``) must give the same bytes, hostile strings included.
@Suite struct JSONWriterTests {
  /// Strings JSON must escape, and ones it must not touch.
  static let hostile = [
    "", "plain", "quote \" and backslash \\", "slash / stays", "tab\tnew\nline\rcr",
    "\u{01}\u{08}\u{0C}\u{1F}\u{7F}", "\"\u{301} a quote with a combining mark",
    "é 漢字 \u{2028} 🙂", "\\\"\\",
  ]

  @Test func stringsAndContainersAreWrittenAsJSONEncoderWritesThem() throws {
    struct Inner: Encodable {
      let empty: [String]
      let text: String
    }
    struct Outer: Encodable {
      let inner: [Inner]
      let none: [Inner]
      let optional: String?
      let truth: Bool
      let values: [String]
    }
    let value = Outer(
      inner: Self.hostile.map { Inner(empty: [], text: $0) }, none: [], optional: nil,
      truth: false, values: Self.hostile)
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("inner")
    writer.beginArray()
    for text in Self.hostile {
      writer.element()
      writer.beginObject()
      writer.member("empty", [String]())
      writer.member("text", text)
      writer.endObject()
    }
    writer.endArray()
    writer.key("none")
    writer.beginArray()
    writer.endArray()
    writer.member("optional", String?.none)
    writer.key("truth")
    writer.bool(false)
    writer.member("values", Self.hostile)
    writer.endObject()
    #expect(writer.text + "\n" == JSONText.encode(value))
  }

  /// A value as `JSONText.encode` writes it, re-indented two levels deeper without its last
  /// line break.
  static func setIn(_ item: String) -> String {
    var bytes = Array("    ".utf8)
    JSONText.append(item, indentedBy: 4, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `JSONText.prepending` against `JSONEncoder` on the whole document: no items, one, and
  /// several, with hostile strings, nested and empty containers.
  @Test func aPrependedArrayIsTheWholeDocumentsText() {
    struct Item: Encodable {
      let name: String
      let values: [String]
      let empty: [Int]
    }
    struct Rest: Encodable {
      let b: String
      let z: [Item]
    }
    struct Whole: Encodable {
      let a: [Item]
      let b: String
      let z: [Item]
    }
    for count in [0, 1, 3] {
      let items = (0..<count).map { index in
        Item(name: Self.hostile[index % Self.hostile.count], values: Self.hostile, empty: [])
      }
      let rest = Rest(b: "line\nbreak", z: items)
      #expect(
        JSONText.prepending(
          "a", setIn: items.map { Self.setIn(JSONText.encode($0)) }, to: JSONText.encode(rest))
          == JSONText.encode(Whole(a: items, b: rest.b, z: rest.z)))
    }
  }

  /// A writer set in two levels deep gives what re-indenting its whole-document text gives:
  /// the report's environments, written so on their own cores, are the document
  /// `JSONEncoder` writes (nested and empty containers, strings set in by `encoded`).
  @Test func aWriterSetInDeeperIsTheReIndentedDocument() {
    struct Item: Encodable {
      let empty: [Int]
      let nested: [[String]]
      let values: [String]
    }
    struct Whole: Encodable {
      let a: [Item]
      let b: String
    }
    for count in [0, 1, 3] {
      let items = (0..<count).map { _ in
        Item(empty: [], nested: [Self.hostile, []], values: Self.hostile)
      }
      let setIn = items.map { item in
        var writer = JSONWriter(base: 2)
        writer.beginObject()
        writer.key("empty")
        writer.encoded(JSONText.encode(item.empty))
        writer.key("nested")
        writer.encoded(JSONText.encode(item.nested))
        writer.member("values", item.values)
        writer.endObject()
        return "    " + writer.text
      }
      struct Rest: Encodable { let b: String }
      #expect(
        JSONText.prepending("a", setIn: setIn, to: JSONText.encode(Rest(b: "x")))
          == JSONText.encode(Whole(a: items, b: "x")))
    }
  }

  /// The report sets its environments in as its first member: `environments` must sort
  /// before every other key of `baseline.report/1` as `JSONEncoder` sorts them.
  @Test func environmentsIsTheReportsFirstKey() throws {
    let keys = ["warnings", "summary", "schema", "generated_at", "environments"]
    let text = JSONText.encode(Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) }))
    let order = text.split(separator: "\n").compactMap { line in
      keys.first { line.hasPrefix("  \"\($0)\"") }
    }
    #expect(order.first == "environments" && order.count == keys.count)
    let report = DriftReport(
      generatedAt: Date(timeIntervalSince1970: 0), environments: [], warnings: ["w"])
    let reportOrder = report.json().split(separator: "\n").compactMap { line in
      keys.first { line.hasPrefix("  \"\($0)\"") }
    }
    #expect(reportOrder == order)
  }

  /// A listing with every part filled (problems of several kinds, an unparsed tag, a
  /// lightweight and an annotated tag, signatures, repository warnings, names that need
  /// escaping) reads as the `Encodable` document `baseline tags` wrote before.
  @Test func aTagListingIsTheDocumentJSONEncoderWrote() throws {
    let commit = try ObjectID(checking: String(repeating: "ab", count: 20))
    let other = try ObjectID(checking: String(repeating: "cd", count: 20))
    let tagger = Signature(
      name: "Rel \"Q\" Manager", email: "rm@example.org", date: Date(timeIntervalSince1970: 0),
      utcOffsetMinutes: 0)
    let scan = TagScan(
      tags: [
        TagInfo(name: "1.0.0.0", kind: .annotated, commit: commit, tagger: tagger, depth: 1),
        TagInfo(name: "1.0.0.2", kind: .lightweight, commit: other),
        TagInfo(name: "1.0.00.2", kind: .lightweight, commit: commit),
        TagInfo(name: "1.2.0.0-rc\\1", kind: .lightweight, commit: other),
        TagInfo(name: "1.3", kind: .lightweight, commit: other),
        TagInfo(name: "nightly", kind: .lightweight, commit: other),
      ],
      warnings: [TagWarning(tag: "1.9.0.0", message: "names a blob (\"x\"), not a commit")])
    let releases = ReleaseIndex(scan: scan, patterns: TagPattern.defaults, scheme: .mhhs)
    let component = Component(
      name: "dip/adapter \"x\"", repository: "r", repositoryURL: URL(fileURLWithPath: "/r"))
    var listing = TagListing(
      component: component, releases: releases,
      dates: [commit: Date(timeIntervalSince1970: 86_400)])
    listing.signatures = [
      TagNameKey("1.0.0.0"): TagSignature(
        tag: "1.0.0.0", verdict: .unknownKey, signer: "rm@example.org", detail: "no key\n"),
      TagNameKey("1.0.0.2"): TagSignature(
        tag: "1.0.0.2", verdict: .unsigned, detail: "lightweight"),
    ]
    #expect(!listing.problems.isEmpty && !releases.unparsed.isEmpty && releases.otherTags == 1)
    #expect(listing.json() == JSONText.encode(EncodedListing(listing)))
  }
}

/// The `baseline.tags/1` document as `baseline tags` encoded it with `JSONEncoder` before
/// ``JSONWriter``: the oracle for ``TagListing/json()``.
private struct EncodedListing: Encodable {
  struct Build: Encodable {
    let release: String
    let type: String
    let tag: String
    let kind: String
    let commit: String
    let date: String?
    // swift-format-ignore: AlwaysUseLowerCamelCase
    let pre_release: Bool
    let tagger: String?
    let signature: TagSignature?
  }
  struct Unparsed: Encodable {
    let tag: String
    let commit: String
    let reason: String
  }
  struct Problem: Encodable {
    let kind: String
    let release: String?
    let previous: String?
    let tags: [String]
    let message: String
  }
  let schema = "baseline.tags/1"
  let component: String
  // swift-format-ignore: AlwaysUseLowerCamelCase
  let other_tags: Int
  let scheme: String
  let releases: [Build]
  let unparsed: [Unparsed]
  let problems: [Problem]
  let warnings: [String]

  init(_ listing: TagListing) {
    component = listing.component.name
    other_tags = listing.releases.otherTags
    scheme = listing.component.scheme.rawValue
    releases = listing.releases.builds.map { build in
      Build(
        release: build.release.text, type: build.release.releaseType.rawValue,
        tag: build.tag.name, kind: build.tag.kind.rawValue, commit: build.commit.hex,
        date: listing.date(of: build).map(Timestamp.string),
        pre_release: build.release.isPreRelease,
        tagger: build.tag.tagger.map { "\($0.name) <\($0.email)>" },
        signature: listing.signatures[TagNameKey(build.tag.name)])
    }
    unparsed = listing.releases.unparsed.map {
      Unparsed(tag: $0.tag.name, commit: $0.tag.commit.hex, reason: $0.reason)
    }
    problems = listing.problems.map {
      Problem(
        kind: $0.kind.rawValue, release: $0.release, previous: $0.previous, tags: $0.tags,
        message: $0.message)
    }
    warnings = listing.releases.repositoryWarnings
  }
}

extension JSONWriterTests {
  /// Each environment of a report, with and without a run history, reads as the `Encodable`
  /// document `JSONEncoder` wrote before its rows were written by ``JSONWriter``: rows with
  /// and without a tag, a commit, a pin; findings, a failed probe, resolved and unchecked
  /// findings, hostile strings.
  @Test func anEnvironmentIsTheDocumentJSONEncoderWrote() throws {
    let sample = try SampleReport()
    let seen = SampleReport.now
    var environments = sample.report.environments
    for report in sample.report.environments {
      var recorded = report
      var history = EnvironmentHistory(
        findings: report.findings.map { _ in
          FindingHistory(state: .new, firstSeen: seen, since: seen, seenAt: seen)
        },
        resolved: Self.hostile.map {
          ResolvedFinding(
            kind: .versionMismatch, component: $0, key: nil, message: $0, firstSeen: seen,
            lastSeen: seen)
        },
        previousRun: report.environment == "UIT" ? nil : seen)
      history.unchecked = Array(history.resolved.prefix(2))
      recorded.history = history
      environments.append(recorded)
    }
    for report in environments {
      #expect(EnvironmentDocument(report).text == JSONText.encode(EncodedEnvironment(report)))
    }
    #expect(environments.contains { !$0.findings.isEmpty && $0.rows.contains { $0.tag == nil } })
  }

  /// `baseline.report/1`'s environment as the `Encodable` that wrote it before.
  struct EncodedEnvironment: Encodable {
    let report: EnvironmentReport
    init(_ report: EnvironmentReport) { self.report = report }
    enum CodingKeys: String, CodingKey {
      case environment, status, findings, components, probes, resolved, unchecked
      case collectedAt = "collected_at"
      case unusedAcceptances = "unused_acceptances"
      case previousRun = "previous_run"
    }
    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(report.environment, forKey: .environment)
      try container.encode(report.status.rawValue, forKey: .status)
      try container.encode(report.collectedAt.map(Timestamp.string), forKey: .collectedAt)
      try container.encode(EnvironmentDocument(report).findings, forKey: .findings)
      try container.encode(report.rows.map(RowDocument.init), forKey: .components)
      try container.encode(report.probes.map(ProbeDocument.init), forKey: .probes)
      try container.encode(
        report.unusedAcceptances.map(AcceptanceDocument.init), forKey: .unusedAcceptances)
      if let history = report.history {
        try container.encode(history.resolved.map(ResolvedDocument.init), forKey: .resolved)
        try container.encode(history.unchecked.map(ResolvedDocument.init), forKey: .unchecked)
        try container.encode(history.previousRun.map(Timestamp.string), forKey: .previousRun)
      }
    }
  }
}
