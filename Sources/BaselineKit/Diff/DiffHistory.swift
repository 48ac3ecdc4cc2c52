import Foundation
import Git

/// What lies between the two sides of a diff in one component's repository: the commits
/// each way, the work items they name, and the emergency fixes the change would drop.
struct DiffHistory {
  var beforeCommit: ObjectID?
  var afterCommit: ObjectID?
  var added: [NoteCommit] = []
  var removed: [NoteCommit] = []
  var items: [WorkItem] = []
  var dropped: [EmergencyCarried] = []
  var notes: [String] = []

  /// Reads it from the component's repository.
  static func read(
    component: Component, before: DiffSide.Entry?, after: DiffSide.Entry?, repository: Repository,
    repositories: ComponentRepositories
  ) throws(GitError) -> DiffHistory {
    var result = DiffHistory()
    let index = try ComponentRepositories.releases(of: component, in: repository)
    func commit(of entry: DiffSide.Entry?, side: String) throws(GitError) -> ObjectID? {
      guard let entry else { return nil }
      if let text = entry.commit,
        case .commit(let id) = try repository.resolveCommit(text, accepting: .idOrBranch)
      {
        return id
      }
      if let text = entry.release,
        let version = try? ReleaseVersion(text, scheme: component.scheme),
        let build = index.builds(of: version).first
      {
        return build.commit
      }
      result.notes.append(
        "\(side): \(entry.release ?? "no release") has no tagged build and no commit is known: "
          + "the commits between are not known")
      return nil
    }
    result.beforeCommit = try commit(of: before, side: "before")
    result.afterCommit = try commit(of: after, side: "after")
    guard let old = result.beforeCommit, let new = result.afterCommit else { return result }
    if old == new, before?.release != after?.release {
      result.notes.append(
        "both sides are the same commit (\(old.short)) under two releases, "
          + "\(before?.release ?? "none") and \(after?.release ?? "none"): the build does not "
          + "change, only its release number; check the release reported or declared")
    }
    if repository.isShallow {
      result.notes.append("shallow clone: the commits between may be incomplete")
    }
    var reading = try CommitReading(repository: repository, rules: component.workItems)
    func notes(_ ids: [ObjectID]) throws(GitError) -> [NoteCommit] {
      var result: [NoteCommit] = []
      for id in ids { result.append(try reading.read(try repository.commit(id))) }
      return result
    }
    result.added = try notes(repository.commits(reachableFrom: new, excluding: [old]))
    result.removed = try notes(repository.commits(reachableFrom: old, excluding: [new]))
    result.items = reading.items()
    if !result.removed.isEmpty {
      result.dropped = try droppedFixes(
        before: old, after: new, index: index, component: component, repository: repository,
        repositories: repositories)
    }
    return result
  }

  /// The emergency releases that `before` carries (merged or cherry-picked) and `after` does
  /// not, each with `after`'s verdict. Only asked when the change takes commits away.
  private static func droppedFixes(
    before: ObjectID, after: ObjectID, index: ReleaseIndex, component: Component,
    repository: Repository, repositories: ComponentRepositories
  ) throws(GitError) -> [EmergencyCarried] {
    var run = HotfixAnalysis.Run(
      repository: repository, component: component, repositories: repositories)
    defer { run.saveStores() }
    let builds = index.builds.filter { !$0.release.isPreRelease }
    var result: [EmergencyCarried] = []
    for build in builds where build.release.isEmergency {
      let base = try HotfixAnalysis.Run.base(of: build, among: builds, in: repository)
      let then = try run.judge(build.commit, since: base?.commit, against: before, named: "before")
      guard then.status <= .cherryPicked else { continue }
      let now = try run.judge(build.commit, since: base?.commit, against: after, named: "after")
      guard now.status > .cherryPicked else { continue }
      result.append(
        EmergencyCarried(
          release: build.release.text, tag: build.tag.name, commit: build.commit,
          status: now.status, missing: now.missing, note: now.note))
    }
    return result
  }
}
