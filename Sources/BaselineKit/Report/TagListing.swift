public import Foundation
public import Git

/// The tagged builds of one component, for `baseline tags`.
public struct TagListing: Sendable {
  /// The component.
  public let component: Component
  /// Its tagged builds, lowest release first.
  public let releases: ReleaseIndex
  /// The UTC date of each build: the tagger's date for an annotated tag, else the commit's.
  /// Keyed by the object that dates the build (``dateKey(of:)``), not by tag name: two names
  /// git keeps apart (`é/1.0` written composed and decomposed) are one `String` key.
  public let dates: [ObjectID: Date]
  /// Each tag's signature, by tag name, when the component's `signatures:` requires signed
  /// tags (``SignatureCheck``); empty otherwise.
  public var signatures: [TagNameKey: TagSignature] = [:]
  /// The tags' problems against the numbering rules (``NamingCheck``).
  public var problems: [NamingProblem] { NamingCheck.problems(releases) }

  /// What dates a build: its tag object (the tagger's date), or for a lightweight tag its
  /// commit (the committer's date).
  public static func dateKey(of build: TaggedBuild) -> ObjectID {
    build.tag.tagObject ?? build.commit
  }

  /// The UTC date of a build, if it was read.
  public func date(of build: TaggedBuild) -> Date? { dates[Self.dateKey(of: build)] }

  /// Reads the tags of a component's repository.
  /// - Throws: ``RepositoryError`` when the repository cannot be read.
  public static func read(
    _ component: Component, from repositories: ComponentRepositories = ComponentRepositories()
  ) throws(RepositoryError) -> TagListing {
    try repositories.with(component, doing: "reading its tags") { repository throws(GitError) in
      let releases = try ComponentRepositories.releases(of: component, in: repository)
      var dates: [ObjectID: Date] = [:]
      for build in releases.builds {
        if let tagger = build.tag.tagger {
          dates[dateKey(of: build)] = tagger.date
        } else if let committed = build.tag.committed {
          dates[dateKey(of: build)] = committed
        } else {
          dates[dateKey(of: build)] = try repository.commit(build.commit).committer.date
        }
      }
      var listing = TagListing(component: component, releases: releases, dates: dates)
      if let policy = component.signatures {
        listing.signatures = try signatures(
          of: releases.builds.map(\.tag), policy: policy, in: repository)
      }
      return listing
    }
  }

  /// The signature of each of `tags`, by name: the objects read in turn from `repository`,
  /// then checked on every core at once (each check waits on `ssh-keygen` or `gpgv`).
  static func signatures(of tags: [TagInfo], policy: SignaturePolicy, in repository: Repository)
    throws(GitError) -> [TagNameKey: TagSignature]
  {
    var seen: Set<TagNameKey> = []
    let unique = tags.filter { seen.insert(TagNameKey($0.name)).inserted }
    var raws: [Data?] = []
    for tag in unique {
      raws.append(try tag.tagObject.flatMap { id throws(GitError) in try repository.rawTag(id) })
    }
    let check = SignatureCheck(policy: policy)
    let slots = ResultSlots<TagSignature>(count: unique.count)
    let objects = raws
    DispatchQueue.concurrentPerform(iterations: unique.count) { index in
      slots[index] = check.judge(unique[index], raw: objects[index])
    }
    var result: [TagNameKey: TagSignature] = [:]
    for (tag, signature) in zip(unique, slots.values) { result[TagNameKey(tag.name)] = signature }
    return result
  }

  /// How many problems of one kind the text form shows.
  static let shownPerKind = 10

  /// A table for people: every build, then the naming problems (at most ten of each kind).
  public func text() -> String {
    let signed = component.signatures != nil
    var rows: [[String]] = [
      ["release", "type", "tag", "kind", "commit", "date (UTC)"]
        + (signed ? ["signature", "signer"] : [])
    ]
    for build in releases.builds {
      let signature = signatures[TagNameKey(build.tag.name)]
      rows.append(
        [
          build.release.text,
          build.release.isPreRelease ? "pre-release" : build.release.releaseType.rawValue,
          build.tag.name, build.tag.kind.rawValue, build.commit.hex,
          date(of: build).map(Timestamp.human) ?? "—",
        ]
          + (signed
            ? [
              signature?.verdict.rawValue ?? "—",
              signature.map { [$0.signer, $0.key].compactMap { $0 }.joined(separator: " ") }
                ?? "",
            ] : []))
    }
    var out =
      "\(component.name): \(releases.builds.count) tagged builds (\(component.scheme.rawValue); "
    out += "tags \(component.tagPatterns.map(\.description).joined(separator: ", ")))\n"
    if let policy = component.signatures { out += "signatures: \(policy.summary) required\n" }
    if releases.otherTags > 0 {
      out +=
        "\(releases.otherTags) other tag\(releases.otherTags == 1 ? "" : "s") of the repository "
        + "follow\(releases.otherTags == 1 ? "s" : "") none of these patterns ({version} starts "
        + "with a digit); git tag lists them\n"
    }
    out += TextTable.render(rows, indent: "  ")
    let problems = problems
    let counts = Dictionary(grouping: problems, by: \.kind).sorted {
      $0.key.rawValue < $1.key.rawValue
    }
    .map { "\($0.value.count) \($0.key.rawValue)" }
    out +=
      problems.isEmpty
      ? "naming: no problems\n"
      : "naming problems (\(problems.count)): \(counts.joined(separator: ", "))\n"
    // A long history can repeat one problem hundreds of times (a project that always wrote
    // leading zeros): ten of each kind for people, every one in the JSON form.
    var shown: [NamingProblem.Kind: Int] = [:]
    for problem in problems {
      shown[problem.kind, default: 0] += 1
      if shown[problem.kind] == Self.shownPerKind + 1 {
        let total = problems.count { $0.kind == problem.kind }
        out +=
          "  … and \(total - Self.shownPerKind) more \(problem.kind.rawValue) (--format json lists every one)\n"
      }
      guard shown[problem.kind, default: 0] <= Self.shownPerKind else { continue }
      out += "  \(problem.kind.rawValue): \(problem.message)\n"
    }
    for warning in releases.repositoryWarnings { out += "warning: \(warning)\n" }
    return Terminal.safe(out)
  }

  /// The listing as JSON (`baseline.tags/1`), written member by member (``JSONWriter``):
  /// the same text `JSONEncoder` gives, in a fraction of its time on 200,000 tags.
  public func json() -> String {
    var writer = JSONWriter()
    writer.beginObject()
    writer.member("component", component.name)
    writer.member("other_tags", releases.otherTags)
    writer.key("problems")
    writer.beginArray()
    for problem in problems {
      writer.element()
      writer.beginObject()
      writer.member("kind", problem.kind.rawValue)
      writer.member("message", problem.message)
      writer.member("previous", problem.previous)
      writer.member("release", problem.release)
      writer.member("tags", problem.tags)
      writer.endObject()
    }
    writer.endArray()
    writer.key("releases")
    writer.beginArray()
    for build in releases.builds { write(build, to: &writer) }
    writer.endArray()
    writer.member("schema", "baseline.tags/1")
    writer.member("scheme", component.scheme.rawValue)
    writer.key("unparsed")
    writer.beginArray()
    for unparsed in releases.unparsed {
      writer.element()
      writer.beginObject()
      writer.member("commit", unparsed.tag.commit.hex)
      writer.member("reason", unparsed.reason)
      writer.member("tag", unparsed.tag.name)
      writer.endObject()
    }
    writer.endArray()
    writer.member("warnings", releases.repositoryWarnings)
    writer.endObject()
    return writer.text + "\n"
  }

  /// One tagged build of ``json()``, its keys in sorted order.
  private func write(_ build: TaggedBuild, to writer: inout JSONWriter) {
    writer.element()
    writer.beginObject()
    writer.member("commit", build.commit.hex)
    writer.member("date", date(of: build).map(Timestamp.string))
    writer.member("kind", build.tag.kind.rawValue)
    writer.key("pre_release")
    writer.bool(build.release.isPreRelease)
    writer.member("release", build.release.text)
    if let signature = signatures[TagNameKey(build.tag.name)] {
      writer.key("signature")
      writer.beginObject()
      writer.member("detail", signature.detail)
      writer.member("key", signature.key)
      writer.member("signer", signature.signer)
      writer.member("tag", signature.tag)
      writer.member("verdict", signature.verdict.rawValue)
      writer.endObject()
    }
    writer.member("tag", build.tag.name)
    writer.member("tagger", build.tag.tagger.map { "\($0.name) <\($0.email)>" })
    writer.member("type", build.release.releaseType.rawValue)
    writer.endObject()
  }
}
