import Foundation
import Git

extension BaselineDiff {
  /// Compares two sides, reading each component's repository where its release or commit
  /// differs.
  /// - Parameters:
  ///   - from: the side now (or agreed).
  ///   - to: the side proposed.
  ///   - estate: the estate's components (repositories, schemes, work item patterns).
  ///   - repositories: where component repositories are opened.
  /// - Returns: the diff, components in name order.
  /// - Throws: ``RepositoryError`` when a repository cannot be read.
  public static func compare(
    _ from: DiffSide, _ to: DiffSide, estate: Estate,
    repositories: ComponentRepositories = ComponentRepositories()
  ) throws(RepositoryError) -> BaselineDiff {
    var components: [ComponentDiff] = []
    for name in Set(from.entries.keys).union(to.entries.keys).sorted() {
      components.append(
        try compare(
          name, from.entries[name], to.entries[name], component: estate.components[name],
          repositories: repositories))
    }
    return BaselineDiff(
      from: (from.spec, from.description), to: (to.spec, to.description), components: components,
      notes: from.notes + to.notes)
  }

  private static func compare(
    _ name: String, _ before: DiffSide.Entry?, _ after: DiffSide.Entry?, component: Component?,
    repositories: ComponentRepositories
  ) throws(RepositoryError) -> ComponentDiff {
    let settings = changes(before?.settings ?? [:], after?.settings ?? [:])
    let files = changes(before?.files ?? [:], after?.files ?? [:])
    let scheme = component?.scheme ?? .mhhs
    let old = before?.release.flatMap { try? ReleaseVersion($0, scheme: scheme) }
    let new = after?.release.flatMap { try? ReleaseVersion($0, scheme: scheme) }
    // Each side's build: its pin or observed commit, else its release's tagged build, read
    // from the repository (both sides, so that a pin on one side that is not the tagged build
    // is a change of build, and a pin that is the tagged build is none).
    var history = DiffHistory()
    if let component {
      history = try repositories.with(component, doing: "comparing two releases") {
        repository throws(GitError) in
        try DiffHistory.read(
          component: component, before: before, after: after, repository: repository,
          repositories: repositories)
      }
    } else {
      history.notes.append("\(name) is not in Baselines/components.yaml: its commits are not known")
    }
    let otherCommit: Bool =
      if let a = history.beforeCommit, let b = history.afterCommit {
        a != b
      } else {
        before?.commit != nil && after?.commit != nil && before?.commit != after?.commit
      }
    let change: ComponentDiff.Change
    switch (before, after) {
    case (nil, _): change = .added
    case (_, nil): change = .removed
    default:
      if let old, let new, old != new {
        change = old < new ? .upgrade : .rollback
      } else if before?.release != after?.release || otherCommit || !settings.isEmpty
        || !files.isEmpty
      {
        change = .changed
      } else {
        change = .same
      }
    }
    return ComponentDiff(
      component: name, change: change, before: before?.release, after: after?.release,
      beforeCommit: history.beforeCommit, afterCommit: history.afterCommit,
      step: old.flatMap { old in new.flatMap { Self.step(old, $0) } },
      commitsAdded: history.added, commitsRemoved: history.removed, workItems: history.items,
      settings: settings, files: files, droppedFixes: history.dropped, notes: history.notes)
  }

  /// The type of a step between two releases: the first part that differs.
  static func step(_ a: ReleaseVersion, _ b: ReleaseVersion) -> ReleaseType? {
    let count = max(a.parts.count, b.parts.count)
    for index in 0..<count {
      let x = index < a.parts.count ? Int(a.parts[index]) ?? 0 : 0
      let y = index < b.parts.count ? Int(b.parts[index]) ?? 0 : 0
      if x != y { return ReleaseType.at(index) }
    }
    return nil
  }

  /// The keys whose values differ, in key order.
  static func changes(_ before: [String: String], _ after: [String: String]) -> [SettingChange] {
    Set(before.keys).union(after.keys).sorted().compactMap { key in
      before[key] == after[key]
        ? nil : SettingChange(key: key, before: before[key], after: after[key])
    }
  }
}
