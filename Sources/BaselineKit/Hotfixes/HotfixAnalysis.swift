import Foundation
import Git

/// Checks that every emergency release was merged forward, as the release process requires:
/// into the next regular release made after it, and into the mainline.
///
/// For each emergency release H (`mhhs`: EMERGENCY above 0; `semver`: PATCH above 0; never a
/// pre-release) the targets are the next regular release tagged after H (UTC time of the tag,
/// or of its commit for a lightweight tag) and the mainline head. For each target T: H an
/// ancestor of T is `merged`; otherwise every commit reachable from H and not from T must have
/// an equivalent among the commits reachable from T and not from H, by patch-id (as
/// `git cherry`) or by a `(cherry picked from commit …)` trailer. Merge commits carry no patch
/// of their own and are not required; commits that change nothing, and a commit reverted
/// inside H together with its revert, are not missing. On a shallow clone the verdict is
/// `unknown`, never `not_merged`. Patch-ids are computed once per commit and shared
/// by every hotfix and target of the component.
public struct HotfixAnalysis {
  /// Analyses one component.
  /// - Throws: ``RepositoryError`` when its repository cannot be read.
  public static func analyse(
    _ component: Component, from repositories: ComponentRepositories = ComponentRepositories()
  ) throws(RepositoryError) -> ComponentHotfixes {
    try repositories.with(component, doing: "analysing its emergency releases") {
      repository throws(GitError) in
      var analysis = Run(repository: repository, component: component, repositories: repositories)
      return try analysis.hotfixes()
    }
  }

  /// The state of one component's analysis: its repository and the patch-ids read so far.
  struct Run {
    let repository: Repository
    let component: Component
    /// Where workers on other cores open their own handles.
    let repositories: ComponentRepositories
    /// Patch-ids by commit, shared by every worker of one component's analysis.
    var patchIDs = PatchIDCache()
    /// Patch-ids of the inverse changes (what a revert has), shared the same way.
    var inversePatchIDs = PatchIDCache()
    var pickSources: [ObjectID: [String]] = [:]
    /// Every ancestor of the mainline head, read in one walk, so that a hotfix merged into the
    /// mainline is known in O(1) instead of a walk from the head per hotfix; `nil` on a shallow
    /// clone or without a mainline.
    var mainlineAncestors: (head: ObjectID, ancestors: Set<ObjectID>)?

    /// The ids a commit's `(cherry picked from commit …)` trailers name, read once per commit.
    mutating func cherryPickSources(of id: ObjectID) throws(GitError) -> [String] {
      if let known = pickSources[id] { return known }
      let read = Self.cherryPickSources(try repository.message(of: id))
      pickSources[id] = read
      return read
    }

    mutating func hotfixes() throws(GitError) -> ComponentHotfixes {
      let releases = try ComponentRepositories.releases(of: component, in: repository)
      var dates: [ObjectID: Date] = [:]
      func date(_ build: TaggedBuild) throws(GitError) -> Date {
        if let tagger = build.tag.tagger { return tagger.date }
        if let known = dates[build.commit] { return known }
        let found = try repository.commit(build.commit).committer.date
        dates[build.commit] = found
        return found
      }
      var seen: Set<ReleaseVersion> = []
      let builds = releases.builds.filter { seen.insert($0.release).inserted }
      let mainlineName = component.mainline ?? repository.headBranch ?? "HEAD"
      let mainline: ObjectID?
      if case .commit(let id) = try repository.resolveCommit(mainlineName, accepting: .branch) {
        mainline = id
      } else {
        mainline = nil
      }
      // Every tagged emergency build, one per (release, commit): a release tagged on two
      // commits is judged twice, so that neither build's fix goes unchecked.
      var seenBuilds: Set<String> = []
      let emergencies = releases.builds.filter {
        $0.release.isEmergency
          && seenBuilds.insert("\($0.release.canonicalText) \($0.commit.hex)").inserted
      }
      if let mainline, !repository.isShallow, !emergencies.isEmpty {
        mainlineAncestors = (mainline, try repository.ancestors(of: mainline))
      }
      // Regular releases in ascending order: the first above a hotfix is found by binary
      // search, so that finding targets stays linear in the number of tags.
      let regulars = builds.filter { $0.release.isRegular }
      var result: [Hotfix] = []
      var plans: [(hotfix: TaggedBuild, notes: [String], pairs: [(ObjectID, String)])] = []
      for hotfix in emergencies {
        let tagged = try date(hotfix)
        var notes: [String] = []
        var next: TaggedBuild?
        for candidate in regulars[Self.firstAbove(hotfix.release, in: regulars)...] {
          // A release tagged in the same second as the hotfix may contain it: a target.
          if try date(candidate) >= tagged {
            next = candidate
            break
          }
          notes.append(
            "\(candidate.release.text) was tagged before \(hotfix.release.text) "
              + "(\(Timestamp.human(try date(candidate)))), so it cannot contain it: not a target")
        }
        if next == nil { notes.append("no regular release after \(hotfix.release.text) yet") }
        var pairs: [(ObjectID, String)] = []
        if let next { pairs.append((next.commit, next.release.text)) }
        if let mainline { pairs.append((mainline, mainlineName)) }
        plans.append((hotfix, notes, pairs))
      }
      // Every (hotfix, target) pair is independent: judge them on every core, each worker
      // with a repository handle and patch-id cache of its own.
      let jobs = plans.enumerated().flatMap { index, plan in
        plan.pairs.map { (index, plan.hotfix.commit, $0.0, $0.1) }
      }
      let verdicts = try judgeAll(jobs)
      var byPlan: [Int: [HotfixTarget]] = [:]
      for (job, verdict) in zip(jobs, verdicts) { byPlan[job.0, default: []].append(verdict) }
      for (index, plan) in plans.enumerated() {
        var targets = byPlan[index] ?? []
        if mainline == nil {
          targets.append(
            HotfixTarget(
              name: mainlineName, commit: nil, status: .unknown, missing: [],
              note: "the mainline branch \(mainlineName) is not in the repository"))
        }
        result.append(
          Hotfix(
            release: plan.hotfix.release, tag: plan.hotfix.tag.name, commit: plan.hotfix.commit,
            status: targets.map(\.status).max() ?? .merged, targets: targets, notes: plan.notes))
      }
      var analysed = ComponentHotfixes(component: component.name, hotfixes: result)
      analysed.skipped = releases.unparsed
      return analysed
    }

    /// Judges (hotfix, target) pairs: here when there are few, else on every core.
    mutating func judgeAll(_ jobs: [(Int, ObjectID, ObjectID, String)]) throws(GitError)
      -> [HotfixTarget]
    {
      let workers = min(ProcessInfo.processInfo.activeProcessorCount, jobs.count / 8)
      guard workers > 1 else {
        var verdicts: [HotfixTarget] = []
        for job in jobs { verdicts.append(try judge(job.1, against: job.2, named: job.3)) }
        return verdicts
      }
      let slots = ResultSlots<Result<HotfixTarget, GitError>>(count: jobs.count)
      let repositories = repositories
      let component = component
      let shared = patchIDs
      let sharedInverses = inversePatchIDs
      let mainlineAncestors = mainlineAncestors
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        do throws(GitError) {
          var run = Run(
            repository: try repositories.handle(component), component: component,
            repositories: repositories, patchIDs: shared, inversePatchIDs: sharedInverses,
            mainlineAncestors: mainlineAncestors)
          for index in stride(from: worker, to: jobs.count, by: workers) {
            let job = jobs[index]
            slots[index] = .success(try run.judge(job.1, against: job.2, named: job.3))
          }
        } catch {
          for index in stride(from: worker, to: jobs.count, by: workers) where slots[index] == nil {
            slots[index] = .failure(error)
          }
        }
      }
      var verdicts: [HotfixTarget] = []
      for result in slots.values {
        switch result {
        case .success(let verdict): verdicts.append(verdict)
        case .failure(let error): throw error
        }
      }
      return verdicts
    }

    func inversePatchID(_ id: ObjectID) throws(GitError) -> String? {
      if let known = inversePatchIDs[id] { return known }
      let computed = try repository.patchID(of: id, reversed: true)
      inversePatchIDs[id] = computed
      return computed
    }

    func patchID(_ id: ObjectID) throws(GitError) -> String? {
      if let known = patchIDs[id] { return known }
      let computed = try repository.patchID(of: id)
      patchIDs[id] = computed
      return computed
    }

    mutating func judge(_ hotfix: ObjectID, against target: ObjectID, named name: String)
      throws(GitError) -> HotfixTarget
    {
      if repository.isShallow {
        // The walks below would stop at the clone's boundary: only a "yes" is trusted (G3).
        switch try repository.isAncestor(hotfix, of: target) {
        case .ancestor:
          return HotfixTarget(name: name, commit: target, status: .merged, missing: [], note: nil)
        case .unknown(let reason):
          return HotfixTarget(
            name: name, commit: target, status: .unknown, missing: [], note: reason)
        case .notAncestor:
          return HotfixTarget(
            name: name, commit: target, status: .unknown, missing: [],
            note: "shallow clone: the history that would decide it is missing")
        }
      }
      if let known = mainlineAncestors, known.head == target, known.ancestors.contains(hotfix) {
        return HotfixTarget(name: name, commit: target, status: .merged, missing: [], note: nil)
      }
      // H is an ancestor of T exactly when no commit is reachable from H and not from T: one
      // walk answers both questions (a per-pair graph query is the slow part otherwise).
      let ours = try repository.commits(reachableFrom: hotfix, excluding: [target])
      if ours.isEmpty {
        return HotfixTarget(name: name, commit: target, status: .merged, missing: [], note: nil)
      }
      let theirs = try repository.commits(reachableFrom: target, excluding: [hotfix])
      var theirPatches: Set<String> = []
      var pickedFrom: [String] = []
      for id in theirs {
        // A trailer counts only on a commit that changes something: a pick resolved by
        // dropping its change leaves the trailer and none of the fix.
        guard let patch = try patchID(id) else { continue }
        theirPatches.insert(patch)
        pickedFrom += try cherryPickSources(of: id)
      }
      // A commit and a later commit whose change is exactly its inverse change nothing
      // together (a revert inside the hotfix). Paired by content, oldest first, each commit
      // at most once: a revert of a revert stands, a partial revert pairs with nothing.
      var reverted: Set<ObjectID> = []
      var revertPairs: [(commit: ObjectID, revert: ObjectID)] = []
      var inverses: [(commit: ObjectID, patch: String)] = []
      for id in ours.reversed() {
        if let patch = try patchID(id),
          let match = inverses.firstIndex(where: {
            $0.patch == patch && !reverted.contains($0.commit)
          })
        {
          reverted.insert(inverses[match].commit)
          reverted.insert(id)
          revertPairs.append((inverses[match].commit, id))
          inverses.remove(at: match)
          continue
        }
        if let inverse = try inversePatchID(id) {
          inverses.append((id, inverse))
        }
      }
      var missing: [MissingCommit] = []
      var byTrailer = 0
      for id in ours where !reverted.contains(id) {
        guard let patch = try patchID(id) else { continue }  // a merge, or no change at all
        if theirPatches.contains(patch) { continue }
        if pickedFrom.contains(where: { id.hex.hasPrefix($0) }) {
          byTrailer += 1
          continue
        }
        let commit = try repository.commit(id)
        missing.append(
          MissingCommit(
            id: id, summary: commit.summary,
            author: "\(commit.author.name) <\(commit.author.email)>", date: commit.author.date))
      }
      var notes: [String] = []
      if byTrailer > 0 {
        notes.append(
          "\(byTrailer) commit(s) matched by their (cherry picked from commit …) trailer")
      }
      notes += try revertPairs.map { pair throws(GitError) in
        "set aside as a revert pair: \(pair.commit.short) "
          + "\"\(try repository.commit(pair.commit).summary)\" reverted by \(pair.revert.short)"
      }
      let note = notes.isEmpty ? nil : notes.joined(separator: "; ")
      return HotfixTarget(
        name: name, commit: target, status: missing.isEmpty ? .cherryPicked : .notMerged,
        missing: missing, note: note)
    }

    /// The index of the first build in `builds` (ascending by release) whose release is above
    /// `release`: a binary search, O(log n).
    static func firstAbove(_ release: ReleaseVersion, in builds: [TaggedBuild]) -> Int {
      var low = 0
      var high = builds.count
      while low < high {
        let middle = (low + high) / 2
        if builds[middle].release > release { high = middle } else { low = middle + 1 }
      }
      return low
    }

    /// The ids named by `(cherry picked from commit <id>)` lines (`git cherry-pick -x`).
    static func cherryPickSources(_ message: String) -> [String] {
      ids(after: "(cherry picked from commit ", in: message)
    }

    static func ids(after marker: String, in message: String) -> [String] {
      message.components(separatedBy: "\n").compactMap { line in
        guard let range = line.range(of: marker) else { return nil }
        let id = line[range.upperBound...].prefix { $0.isASCII && $0.isHexDigit }.lowercased()
        return id.count >= 7 ? id : nil
      }
    }
  }
}
