import Foundation
import Git

/// Reads commits as release notes and diffs list them: each commit as a ``NoteCommit`` with
/// the work items its message names, and every item tallied with the commits that name it.
struct CommitReading {
  private let repository: Repository
  private let scan: WorkItemScan
  private var mentions: [String: (kind: WorkItemRule.Kind, mentions: [WorkItem.Mention])] = [:]
  private var firstSeen: [String] = []

  /// Reads with a component's work item patterns.
  /// - Throws: ``GitError`` naming the repository when a pattern does not compile (the estate
  ///   was checked when read, so only a pattern built in code can fail here).
  init(repository: Repository, rules: [WorkItemRule]) throws(GitError) {
    self.init(repository: repository, scan: try Self.compile(rules, for: repository))
  }

  /// Reads with patterns already compiled (a release note compiles them once for all its
  /// readings).
  init(repository: Repository, scan: WorkItemScan) {
    self.repository = repository
    self.scan = scan
  }

  /// The patterns compiled, or a ``GitError`` naming the repository.
  static func compile(_ rules: [WorkItemRule], for repository: Repository) throws(GitError)
    -> WorkItemScan
  {
    do {
      return try WorkItemScan(rules: rules)
    } catch {
      throw GitError(
        code: .other, function: "NSRegularExpression", path: repository.path,
        message: "a work_items: pattern does not compile: \(error)")
    }
  }

  /// One commit (`git_commit_lookup`, `git_commit_message`), its work items tallied.
  mutating func read(_ commit: Commit, mergedBy: ObjectID? = nil) throws(GitError) -> NoteCommit {
    let found = scan.scan(try repository.message(of: commit.id))
    var names: [String] = []
    for item in found {
      if mentions[item.id] == nil {
        firstSeen.append(item.id)
        mentions[item.id] = (item.kind, [])
      }
      mentions[item.id]?.mentions.append(
        WorkItem.Mention(commit: commit.id, place: item.place.rawValue))
      if !names.contains(item.id) { names.append(item.id) }
    }
    return NoteCommit(
      id: commit.id, summary: commit.summary,
      author: "\(commit.author.name) <\(commit.author.email)>", date: commit.author.date,
      isMerge: commit.parents.count > 1, mergedBy: mergedBy, workItems: names)
  }

  /// Every item named so far, in order of first mention; an unclassified item the tracker
  /// lists is a defect.
  func items(tracker: [TrackerDefect] = []) -> [WorkItem] {
    let listed = Dictionary(tracker.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    return firstSeen.map { id in
      let entry = mentions[id] ?? (.item, [])
      let known = listed[id]
      return WorkItem(
        id: id, kind: entry.kind == .item && known != nil ? .defect : entry.kind,
        mentions: entry.mentions, tracker: known)
    }
  }
}
