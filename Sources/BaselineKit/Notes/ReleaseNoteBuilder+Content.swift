import Foundation
import Git

extension ReleaseNoteBuilder {
  /// The content: every commit reachable from `release` and not from `since`
  /// (`git_revwalk_hide`), newest first, each merge of the first-parent line followed by the
  /// commits it brought; those in `shipped` left out.
  mutating func content(
    since: TaggedBuild?, release: TaggedBuild, shipped: [ObjectID: (ObjectID, String)]
  ) throws(GitError) -> (commits: [NoteCommit], shipped: [ShippedCommit], items: [WorkItem]) {
    let hidden = since.map { [$0.commit] } ?? []
    let all = try repository.commits(reachableFrom: release.commit, excluding: hidden)
    let inRange = Set(all)
    // The first-parent line, and for each merge on it the commits it brought.
    var line: [Commit] = []
    var cursor: ObjectID? = release.commit
    while let id = cursor, inRange.contains(id) {
      let commit = try repository.commit(id)
      line.append(commit)
      cursor = commit.parents.first
    }
    let onLine = Set(line.map(\.id))
    var broughtBy: [ObjectID: ObjectID] = [:]
    for merge in line where merge.parents.count > 1 {
      let brought = try repository.commits(
        reachableFrom: merge.parents[1], excluding: [merge.parents[0]] + hidden)
      for id in brought where broughtBy[id] == nil && !onLine.contains(id) {
        broughtBy[id] = merge.id
      }
      for parent in merge.parents.dropFirst(2) {
        for id in try repository.commits(
          reachableFrom: parent, excluding: [merge.parents[0]] + hidden)
        where broughtBy[id] == nil && !onLine.contains(id) {
          broughtBy[id] = merge.id
        }
      }
    }
    var order: [ObjectID] = []
    var grouped: [ObjectID: [ObjectID]] = [:]
    for id in all where !onLine.contains(id) {
      grouped[broughtBy[id] ?? release.commit, default: []].append(id)
    }
    for commit in line {
      order.append(commit.id)
      order += grouped[commit.id] ?? []
    }
    // A commit no merge of the line brought (never, in a well-formed history) still counts.
    let placed = Set(order)
    order += all.filter { !placed.contains($0) }
    var reading = CommitReading(repository: repository, scan: scan)
    var commits: [NoteCommit] = []
    var left: [ShippedCommit] = []
    for id in order {
      let commit = try repository.commit(id)
      if let (original, how) = shipped[id] {
        left.append(ShippedCommit(id: id, summary: commit.summary, shippedAs: original, how: how))
        continue
      }
      commits.append(try reading.read(commit, mergedBy: broughtBy[id]))
    }
    let items = reading.items(tracker: request.defects?.entries ?? [])
    return (commits, left, items)
  }

  /// The bill of materials: every file of the tagged tree (or of the deployed folder), with
  /// its last change, read on its own repository handle (it runs beside the content).
  /// - Returns: the files, and a caveat when some last changes are unknown.
  static func billOfMaterials(
    of commit: ObjectID, folder: String?, contentDigests: Bool, in repository: Repository,
    helpedBy helpers: [Repository] = []
  ) throws(GitError) -> (files: [BillOfMaterialsFile], note: String?) {
    let files = try repository.files(of: commit, under: folder)
    let changes = try repository.lastChanges(of: files, from: commit, helpedBy: helpers)
    let unknown = changes.filter { $0 == nil }.count
    var dates: [ObjectID: Date] = [:]
    var result: [BillOfMaterialsFile] = []
    result.reserveCapacity(files.count)
    for (file, change) in zip(files, changes) {
      var date: Date?
      if let change {
        if let known = dates[change] {
          date = known
        } else {
          date = try repository.commit(change).committer.date
          dates[change] = date
        }
      }
      var entry = BillOfMaterialsFile(
        path: file.path, blob: file.id, size: file.size, mode: file.modeText,
        lastChange: change, lastChangeDate: date)
      if contentDigests, !file.isSubmodule {
        (entry.sha1, entry.sha256) = try repository.withContent(
          ofBlob: file.id, TextDigest.sha1AndSHA256)
      }
      result.append(entry)
    }
    let note =
      unknown == 0
      ? nil
      : "the last change of \(unknown) file(s) is unknown: the history that would tell is not "
        + "in the clone (shallow)"
    return (result, note)
  }
}
