import Foundation
import Git

extension HotfixAnalysis.Run {
  /// The patch-id of a commit's inverse change (what a revert of it has).
  func inversePatchID(_ id: ObjectID) throws(GitError) -> ObjectID? {
    try patches.inversePatchID(of: id) { () throws(GitError) in
      try repository.patchID(of: id, reversed: true)
    }
  }

  /// Judges one hotfix against one target.
  ///
  /// Each commit of the hotfix (reachable from it and not from the target) is compared with
  /// the target's side in two steps, as `git cherry` does: the paths keys first, without
  /// reading any content, and full patch-ids only for target commits whose key equals one of
  /// the hotfix's. A `(cherry picked from commit …)` trailer is read only from target commits
  /// that have one, and only when a patch-id found no equivalent.
  ///
  /// A verdict is kept across runs in the ``VerdictStore`` (not on a shallow clone, whose
  /// verdicts change as it deepens) and not judged again while the three commits and the
  /// policy are the same.
  mutating func judge(
    _ hotfix: ObjectID, since base: ObjectID? = nil, against target: ObjectID,
    named name: String
  ) throws(GitError) -> HotfixTarget {
    guard !repository.isShallow else {
      return try judgeAfresh(hotfix, since: base, against: target, named: name)
    }
    let key = VerdictStore.key(hotfix: hotfix, base: base, target: target)
    if let known = verdicts.verdict(key, named: name) { return known }
    let verdict = try judgeAfresh(hotfix, since: base, against: target, named: name)
    verdicts.keep(verdict, for: key)
    return verdict
  }

  /// Judges one pair from the repository (and the patch-ids kept), as ``judge(_:since:against:named:)`` describes.
  private mutating func judgeAfresh(
    _ hotfix: ObjectID, since base: ObjectID?, against target: ObjectID, named name: String
  ) throws(GitError) -> HotfixTarget {
    func verdict(_ status: MergeStatus, note: String? = nil) -> HotfixTarget {
      HotfixTarget(name: name, commit: target, status: status, missing: [], note: note)
    }
    if repository.isShallow {
      // The walks below would stop at the clone's boundary: only a "yes" is trusted (G3).
      switch try repository.isAncestor(hotfix, of: target) {
      case .ancestor: return verdict(.merged)
      case .unknown(let reason): return verdict(.unknown, note: reason)
      case .notAncestor:
        return verdict(.unknown, note: "shallow clone: the history that would decide it is missing")
      }
    }
    if let known = mainlineAncestors, known.head == target, known.ancestors.contains(hotfix) {
      return verdict(.merged)
    }
    // H is an ancestor of T exactly when no commit is reachable from H and not from T: one
    // walk answers it, and most pairs end here (merged).
    let ours = try repository.commits(reachableFrom: hotfix, excluding: [target])
    if ours.isEmpty { return verdict(.merged) }
    // The hotfix's own commits: those since the release it patches (the base's commits are
    // that release's matter, not the emergency fix's).
    var own = ours
    if let base {
      own = try repository.commits(reachableFrom: hotfix, excluding: [target, base])
      if own.isEmpty {
        return verdict(.cherryPicked, note: "its own commits are all in the target")
      }
    }
    let revertPairs = try self.revertPairs(in: own)
    let reverted = Set(revertPairs.flatMap { [$0.commit, $0.revert] })
    var wanted: [(commit: Commit, key: UInt64)] = []
    var roots: Set<UInt64> = []
    var setAside: [SetAsideCommit] = []
    for id in own where !reverted.contains(id) {
      // A merge, or no change at all, is never required.
      guard let key = try pathsKey(id), let root = try facts(id).rootKey else { continue }
      // Bookkeeping is decided by rule, before any content is read: it need not be carried
      // whether or not the target has it, and its diffs (translations) are the costliest.
      let commit = try repository.commit(id)
      if let rule = try bookkeepingRule(for: commit) {
        setAside.append(
          SetAsideCommit(
            commit: id, summary: commit.summary, reason: .bookkeeping, match: nil, detail: rule))
      } else {
        wanted.append((commit, key))
        roots.insert(root)
      }
    }
    let keys = Set(wanted.map(\.key))
    var theirs: [UInt64: [ObjectID]] = [:]
    var pickers: [ObjectID] = []
    let targetSide = try repository.unorderedCommits(reachableFrom: target, excluding: [hotfix])
    // Three steps, each only where the one before found an equal: root keys for the whole
    // target side, paths keys where a root key is one of the hotfix's, patch-ids below.
    try prefetch(.rootKey, of: targetSide, minimum: 2_000)
    var sameRoots: [ObjectID] = []
    for id in targetSide {
      // A trailer counts only on a commit that changes something: a pick resolved by
      // dropping its change leaves the trailer and none of the fix.
      let known = try facts(id)
      guard let root = known.rootKey else { continue }
      if roots.contains(root) { sameRoots.append(id) }
      if known.namesPickSource { pickers.append(id) }
    }
    try prefetch(.pathsKey, of: sameRoots, minimum: 64)
    for id in sameRoots {
      if let key = try pathsKey(id), keys.contains(key) { theirs[key, default: []].append(id) }
    }
    // The full ids where paths keys collide, then the lines ids of what patch-ids left
    // unmatched: on every core when there are enough of them.
    let colliding = wanted.filter { theirs[$0.key] != nil }
    try prefetch(
      .patchID, of: colliding.map(\.commit.id) + colliding.flatMap { theirs[$0.key] ?? [] },
      minimum: 4)
    var matches: [ObjectID: ObjectID] = [:]
    var unmatched: [ObjectID] = []
    var nearest: [ObjectID: [ObjectID]] = [:]
    for (commit, key) in colliding {
      let id = commit.id
      if let match = try equivalent(of: id, among: theirs[key] ?? []) {
        matches[id] = match
      } else {
        nearest[id] = try self.nearest(to: commit, among: theirs[key] ?? [])
        unmatched += [id] + (nearest[id] ?? [])
      }
    }
    try prefetch(.linesID, of: unmatched, minimum: 4)
    // Where a review's equivalent must be: built only for a component with reviews.
    let reviewable = component.reviews.isEmpty ? [] : Set(targetSide)
    var pickedFrom: [(source: String, picker: ObjectID)]?
    var missing: [MissingCommit] = []
    var carried: [CarriedCommit] = []
    for (commit, key) in wanted {
      let id = commit.id
      if let match = matches[id] {
        carried.append(CarriedCommit(commit: id, match: match))
        continue
      }
      if pickedFrom == nil {
        pickedFrom = []
        for picker in pickers {
          pickedFrom? += try cherryPickSources(of: picker).map { ($0, picker) }
        }
      }
      if let found = try settle(
        commit, candidates: theirs[key] ?? [], nearest: nearest[id] ?? [],
        pickedBy: pickedFrom?.first { id.hex.hasPrefix($0.source) }?.picker,
        targetSide: reviewable)
      {
        setAside.append(found)
        continue
      }
      missing.append(
        MissingCommit(
          id: id, summary: commit.summary,
          author: "\(commit.author.name) <\(commit.author.email)>", date: commit.author.date))
    }
    let byTrailer = setAside.filter { $0.reason == .trailer }.count
    let onlyBookkeeping =
      missing.isEmpty && carried.isEmpty && !setAside.isEmpty
      && setAside.allSatisfy { $0.reason == .bookkeeping }
    var notes: [String] = []
    if byTrailer > 0 {
      notes.append("\(byTrailer) commit(s) matched by their (cherry picked from commit …) trailer")
    }
    if onlyBookkeeping {
      // cherry_picked, but nothing was picked: say so.
      notes.append("nothing to carry forward: its own commits are all bookkeeping")
    }
    notes += try revertPairs.map { pair throws(GitError) in
      "set aside as a revert pair: \(pair.commit.short) "
        + "\"\(try repository.commit(pair.commit).summary)\" reverted by \(pair.revert.short)"
    }
    let status: MergeStatus =
      !missing.isEmpty
      ? .notMerged : setAside.allSatisfy(\.isSettled) ? .cherryPicked : .needsReview
    var result = HotfixTarget(
      name: name, commit: target, status: status, missing: missing,
      note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    result.setAside = setAside
    result.carried = carried
    return result
  }

  /// How many target commits with the same paths are compared line by line for
  /// `same_changes`: a forward port lies near its fix in time, and each comparison is a diff.
  static let sameChangesCandidates = 16

  /// The ``sameChangesCandidates`` commits of `candidates` nearest in commit time to `commit`.
  func nearest(to commit: Commit, among candidates: [ObjectID]) throws(GitError) -> [ObjectID] {
    guard candidates.count > Self.sameChangesCandidates else { return candidates }
    let time = commit.committer.date
    var timed: [(ObjectID, TimeInterval)] = []
    for candidate in candidates {
      timed.append(
        (candidate, abs(try repository.commit(candidate).committer.date.timeIntervalSince(time))))
    }
    return timed.sorted { $0.1 < $1.1 }.prefix(Self.sameChangesCandidates).map(\.0)
  }

  /// The first of `candidates` (target commits with the same paths key) that has `id`'s
  /// patch-id, or `nil`: the second, full step, computed only here.
  func equivalent(of id: ObjectID, among candidates: [ObjectID]) throws(GitError) -> ObjectID? {
    guard !candidates.isEmpty, let mine = try patchID(id) else { return nil }
    for candidate in candidates where try patchID(candidate) == mine { return candidate }
    return nil
  }

  /// A commit and a later commit whose change is exactly its inverse change nothing together
  /// (a revert inside the hotfix). Paired by content, oldest first, each commit at most once:
  /// a revert of a revert stands, a partial revert pairs with nothing.
  /// - Parameter ours: the hotfix's commits, newest first.
  /// - Returns: each pair, the reverted commit first, in the order they were found.
  /// - Throws: ``GitError`` when a commit's diff cannot be read.
  func revertPairs(in ours: [ObjectID]) throws(GitError) -> [(commit: ObjectID, revert: ObjectID)] {
    var pairs: [(commit: ObjectID, revert: ObjectID)] = []
    var open: [(commit: ObjectID, key: UInt64)] = []
    for id in ours.reversed() {
      // A revert changes the paths its commit changed: the inverse patch-id is computed only
      // for commits whose paths key a later commit of the hotfix shares.
      guard let key = try pathsKey(id) else { continue }
      var match: Int?
      for (index, entry) in open.enumerated() where entry.key == key {
        if try inversePatchID(entry.commit) == patchID(id) {
          match = index
          break
        }
      }
      if let match {
        pairs.append((open[match].commit, id))
        open.remove(at: match)
      } else {
        open.append((id, key))
      }
    }
    return pairs
  }
}
