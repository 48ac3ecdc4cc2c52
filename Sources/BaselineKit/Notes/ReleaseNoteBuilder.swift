import Foundation
import Git

/// Reads a release note from a component's repository (``ReleaseNote/build(_:repositories:)``).
struct ReleaseNoteBuilder {
  let request: ReleaseNoteRequest
  let repository: Repository
  let index: ReleaseIndex
  /// The hotfix analysis's state: the same verdicts `baseline hotfixes` gives, and its kept
  /// patch-ids.
  var hotfixes: HotfixAnalysis.Run
  /// The component's work item patterns, compiled once for every reading.
  let scan: WorkItemScan
  var notes: [String] = []
  /// The commits `since` has and the release lacks (none carried), when `since` is on
  /// another line.
  var missingFromSince: [MissingCommit] = []
  private var dates: [ObjectID: Date] = [:]

  init(request: ReleaseNoteRequest, repository: Repository, repositories: ComponentRepositories)
    throws(GitError)
  {
    self.request = request
    self.repository = repository
    index = try ComponentRepositories.releases(of: request.component, in: repository)
    hotfixes = HotfixAnalysis.Run(
      repository: repository, component: request.component, repositories: repositories)
    scan = try CommitReading.compile(request.component.workItems, for: repository)
  }

  /// The tagged build of a release typed on the command line.
  /// - Throws: ``InputError`` (as `option`) when it does not parse or has no tagged build.
  func build(of text: String, option: String) throws -> TaggedBuild {
    let builds = try builds(of: text, option: option)
    guard builds.count == 1, let only = builds.first else {
      throw InputError(
        file: option,
        message:
          "\(text) is tagged on \(builds.count) commits ("
          + builds.map { "\($0.tag.name) on \($0.commit.short)" }.joined(separator: ", ")
          + "): a release note is of one build; remove or rename the wrong tag "
          + "(baseline tags lists it as conflicting_tags)")
    }
    return only
  }

  /// Every tagged build of a release typed on the command line (two when it is tagged on two
  /// commits).
  /// - Throws: ``InputError`` (as `option`) when it does not parse or has no tagged build.
  func builds(of text: String, option: String) throws -> [TaggedBuild] {
    let component = request.component
    let version: ReleaseVersion
    do {
      version = try ReleaseVersion(text, scheme: component.scheme)
    } catch {
      if let tagged = index.builds.first(where: { $0.tag.name == text }) {
        throw InputError(
          file: option,
          message: "\"\(text)\" is the tag of release \(tagged.release.text); give the release "
            + "number: \(option) \(tagged.release.text)")
      }
      throw InputError(file: option, message: error.description)
    }
    let builds = index.builds(of: version)
    guard !builds.isEmpty else {
      let near = index.builds.map(\.release.text).suffix(5).joined(separator: ", ")
      throw InputError(
        file: option,
        message: "\(component.name) has no tagged build of \(version.text)"
          + (near.isEmpty ? " (it has no releases)" : " (its highest releases: \(near))"))
    }
    return builds
  }

  /// The release the content is counted from, and how it was chosen.
  mutating func since(for release: TaggedBuild) throws -> (TaggedBuild, String)? {
    if let named = request.since {
      let build = try build(of: named, option: "--since")
      guard build.release < release.release else {
        throw InputError(
          file: "--since",
          message: "\(build.release.text) is not lower than \(release.release.text)")
      }
      return (build, "named")
    }
    // A regular release counts from the regular release before it on its line (the
    // emergency releases between are then listed with whether it carries them); an emergency
    // release from the release it patches or the emergency release before it.
    let builds = index.builds.filter {
      !$0.release.isPreRelease && (release.release.isEmergency || $0.release.isRegular)
    }
    if let base = try HotfixAnalysis.Run.base(of: release, among: builds, in: repository) {
      if index.builds(of: base.release).count > 1 {
        notes.append(
          "\(base.release.text) is tagged on several commits; counted from \(base.tag.name) "
            + "(\(base.commit.short)), the one \(release.release.text) descends from")
      }
      return (base, "previous")
    }
    guard let lower = builds.last(where: { $0.release < release.release }) else { return nil }
    notes.append(
      "no lower release is an ancestor of \(release.tag.name): counted from the highest lower "
        + "release, \(lower.tag.name), which is on another line")
    return (lower, "previous")
  }

  /// A tagged build as the note names it.
  mutating func noteRelease(_ build: TaggedBuild) throws(GitError) -> NoteRelease {
    let tagger = build.tag.tagger
    let date: Date
    if let tagger { date = tagger.date } else { date = try commitDate(build.commit) }
    return NoteRelease(
      version: build.release.text, type: build.release.releaseType, tag: build.tag.name,
      tagKind: build.tag.kind.rawValue, commit: build.commit,
      tree: try repository.treeID(of: build.commit),
      date: date,
      dateSource: tagger == nil ? "commit" : "tag",
      tagger: tagger.map { "\($0.name) <\($0.email)>" })
  }

  /// A commit's committer date, read once.
  mutating func commitDate(_ id: ObjectID) throws(GitError) -> Date {
    if let known = dates[id] { return known }
    let date = try repository.commit(id).committer.date
    dates[id] = date
    return date
  }

  /// The emergency releases above `since` and below the release, each judged against it.
  mutating func emergencies(since: TaggedBuild?, release: TaggedBuild) throws(GitError)
    -> [EmergencyCarried]
  {
    let builds = index.builds.filter { !$0.release.isPreRelease }
    var result: [EmergencyCarried] = []
    var later: [String] = []
    let released = try date(of: release)
    for build in builds where build.release.isEmergency && build.release < release.release {
      if let since, build.release <= since.release { continue }
      // An emergency release tagged after this one cannot be in it: said, not judged.
      if try date(of: build) > released {
        later.append(build.release.text)
        continue
      }
      let base = try HotfixAnalysis.Run.base(of: build, among: builds, in: repository)
      let verdict = try hotfixes.judge(
        build.commit, since: base?.commit, against: release.commit, named: release.release.text)
      var carried = EmergencyCarried(
        release: build.release.text, tag: build.tag.name, commit: build.commit,
        status: verdict.status, missing: verdict.missing, note: verdict.note)
      // The ids its missing commits name: a defect fixed there and not here.
      var reading = CommitReading(repository: repository, scan: scan)
      for missing in verdict.missing { _ = try reading.read(try repository.commit(missing.id)) }
      carried.workItems = reading.items(tracker: request.defects?.entries ?? [])
      result.append(carried)
    }
    if !later.isEmpty {
      notes.append(
        "\(later.joined(separator: ", ")) (emergency, numbered below \(release.release.text)) "
          + "were tagged after it, so it cannot contain them: not judged")
    }
    return result
  }

  /// When a build was released: its tagger's date, else its commit's.
  mutating func date(of build: TaggedBuild) throws(GitError) -> Date {
    if let tagger = build.tag.tagger { return tagger.date }
    return try commitDate(build.commit)
  }

  /// The commits of the content that `since` already shipped as other commits: its own
  /// commits that the release carries (same patch-id, or a trailer naming them).
  mutating func shipped(since: TaggedBuild, release: TaggedBuild) throws(GitError)
    -> [ObjectID: (ObjectID, String)]
  {
    guard case .notAncestor = try repository.isAncestor(since.commit, of: release.commit) else {
      return [:]
    }
    // Every commit the earlier release has and this one lacks, not only its own since the
    // release it patches: a pick of any of them was shipped there.
    let verdict = try hotfixes.judge(
      since.commit, since: nil, against: release.commit, named: release.release.text)
    missingFromSince = verdict.missing
    notes.append(
      "\(since.release.text) is not an ancestor of \(release.release.text): the content is what "
        + "\(release.release.text) has and \(since.release.text) lacks; "
        + (verdict.missing.isEmpty
          ? "every commit of \(since.release.text) is in \(release.release.text) as another commit"
          : "\(verdict.missing.count) commit(s) of \(since.release.text) are not in "
            + "\(release.release.text) (missing_from_since)"))
    var result: [ObjectID: (ObjectID, String)] = [:]
    for pair in verdict.carried { result[pair.match] = (pair.commit, "patch_id") }
    for aside in verdict.setAside where aside.reason == .trailer {
      if let match = aside.match { result[match] = (aside.commit, "trailer") }
    }
    return result
  }

  /// The configuration items the baselines declare for the component at `release`.
  func configuration(at release: ReleaseVersion) -> [ConfigurationItem] {
    request.baselines.flatMap { baseline in
      baseline.components.filter {
        $0.component == request.component.name && $0.release == release
      }.flatMap { entry in
        entry.settings.map {
          ConfigurationItem(
            environment: baseline.environment, kind: "setting", key: $0.key, value: $0.value,
            release: entry.release.text)
        }
          + entry.files.map {
            ConfigurationItem(
              environment: baseline.environment, kind: "file", key: $0.key, value: $0.value,
              release: entry.release.text)
          }
      }
    }
  }

  /// Whether the component's `changes:` patterns read a tracker id as a change request (a
  /// defects file lists change requests too; they are never outstanding defects).
  func isChangeRequest(_ id: String) -> Bool {
    scan.scan(id).contains { $0.id == id && $0.kind == .change }
  }
}
