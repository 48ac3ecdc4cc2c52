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
  /// The analysis's own revision, part of every kept verdict's policy (``VerdictStore``):
  /// raised whenever a change to the analysis can change a verdict, so that verdicts an
  /// earlier analysis kept are not served.
  static let revision = 1

  /// What `git cherry-pick -x` writes before the id of the commit it picked.
  static let pickMarker = "(cherry picked from commit "

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

  /// The state of one component's analysis: its repository and the patches read so far.
  struct Run {
    let repository: Repository
    let component: Component
    /// Where workers on other cores open their own handles.
    let repositories: ComponentRepositories
    /// Each commit's paths key and patch-id, shared by every worker of one component's
    /// analysis and kept across runs.
    let patches: PatchStore
    /// Each pair's verdict and each ancestry answer, kept across runs.
    let verdicts: VerdictStore
    var pickSources: [ObjectID: [String]] = [:]
    /// Every ancestor of the mainline head, read in one walk, so that a hotfix merged into the
    /// mainline is known in O(1) instead of a walk from the head per hotfix; `nil` on a shallow
    /// clone or without a mainline.
    var mainlineAncestors: (head: ObjectID, ancestors: Set<ObjectID>)?
    /// The component's bookkeeping subjects, compiled once (they were checked when read).
    let subjectPatterns: [(text: String, regex: Regex<AnyRegexOutput>)]

    /// A run over `repository`, with the patches kept for `component`'s repository and the
    /// verdicts kept for `component` (the repository's attributes fingerprint is read once,
    /// when there is a cache).
    init(
      repository: Repository, component: Component, repositories: ComponentRepositories,
      stores: (patches: PatchStore, verdicts: VerdictStore)? = nil,
      mainlineAncestors: (head: ObjectID, ancestors: Set<ObjectID>)? = nil
    ) {
      self.repository = repository
      self.component = component
      self.repositories = repositories
      if let stores {
        (patches, verdicts) = stores
      } else {
        // Without a fingerprint (a work tree too large to read whole) nothing is kept.
        let attributes =
          repositories.patchStoreFile(for: component) == nil
          ? nil : repository.attributesFingerprint()
        let kept = attributes != nil
        patches = PatchStore(
          file: kept ? repositories.patchStoreFile(for: component) : nil,
          fingerprint: attributes ?? 0)
        verdicts = VerdictStore(
          file: kept ? repositories.verdictStoreFile(for: component) : nil,
          policy: VerdictStore.policy(of: component, attributes: attributes ?? 0))
      }
      self.mainlineAncestors = mainlineAncestors
      subjectPatterns = component.bookkeeping.subjects.compactMap { text in
        (try? Regex(text)).map { (text, $0) }
      }
    }

    /// Keeps the patch-ids and verdicts for the next run, unless the attributes changed while
    /// this run read the repository (what it computed may then mix both).
    func saveStores() {
      guard patches.file != nil, repository.attributesFingerprint() == patches.fingerprint
      else { return }
      patches.save()
      verdicts.save()
    }

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
      // Every tagged build, one per (release, commit): a release tagged on two commits is
      // judged (as a hotfix) and aimed at (as a target) once per build, so that neither build
      // goes unchecked.
      var seenBuilds: Set<String> = []
      let builds = releases.builds.filter {
        seenBuilds.insert("\($0.release.canonicalText) \($0.commit.hex)").inserted
      }
      let mainlineName = component.mainline ?? repository.headBranch ?? "HEAD"
      let mainline: ObjectID?
      if case .commit(let id) = try repository.resolveCommit(mainlineName, accepting: .branch) {
        mainline = id
      } else {
        mainline = nil
      }
      let emergencies = builds.filter { $0.release.isEmergency }
      // Regular releases in ascending order: the first above a hotfix is found by binary
      // search, so that finding targets stays linear in the number of tags.
      let regulars = builds.filter { $0.release.isRegular }
      var result: [Hotfix] = []
      var plans:
        [(hotfix: TaggedBuild, base: TaggedBuild?, notes: [String], pairs: [(ObjectID, String)])] =
          []
      for hotfix in emergencies {
        let tagged = try date(hotfix)
        var notes: [String] = []
        var next: [TaggedBuild] = []
        for candidate in regulars[Self.firstAbove(hotfix.release, in: regulars)...] {
          if let first = next.first, candidate.release != first.release { break }
          // A release tagged in the same second as the hotfix may contain it: a target.
          if try date(candidate) >= tagged {
            next.append(candidate)
            continue
          }
          let shown =
            candidate.tag.name.hasSuffix(candidate.release.text)
            ? candidate.release.text : "\(candidate.release.text) (tag \(candidate.tag.name))"
          notes.append(
            "\(shown) was tagged before \(hotfix.release.text) "
              + "(\(Timestamp.human(try date(candidate)))), so it cannot contain it: not a target")
        }
        if next.isEmpty { notes.append("no regular release after \(hotfix.release.text) yet") }
        // The next release tagged on two commits is two targets, each named by its tag.
        var pairs: [(ObjectID, String)] = next.map {
          (
            $0.commit,
            next.count == 1 ? $0.release.text : "\($0.release.text) (tag \($0.tag.name))"
          )
        }
        if let mainline { pairs.append((mainline, mainlineName)) }
        plans.append(
          (
            hotfix, try Self.base(of: hotfix, among: builds, in: repository, known: verdicts),
            notes, pairs
          ))
      }
      // Every (hotfix, target) pair is independent: judge them on every core, each worker
      // with a repository handle and patch-id cache of its own.
      let jobs = plans.enumerated().flatMap { index, plan in
        plan.pairs.map {
          Job(
            plan: index, hotfix: plan.hotfix.commit, base: plan.base?.commit, target: $0.0,
            name: $0.1)
        }
      }
      // One walk of the whole mainline pays for itself from the second hotfix judged against
      // it (a kept verdict needs none).
      let kept = jobs.filter { verdicts.knows(Self.key(of: $0)) }.count
      let judgedOnMainline = jobs.filter {
        $0.target == mainline && !verdicts.knows(Self.key(of: $0))
      }
      if let mainline, !repository.isShallow, judgedOnMainline.count > 1 {
        mainlineAncestors = (mainline, try repository.ancestors(of: mainline))
      }
      let judged = try judgeAll(jobs)
      var byPlan: [Int: [HotfixTarget]] = [:]
      for (job, verdict) in zip(jobs, judged) { byPlan[job.plan, default: []].append(verdict) }
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
            status: targets.map(\.status).max() ?? .merged, targets: targets, notes: plan.notes,
            base: plan.base?.tag.name))
      }
      saveStores()
      var analysed = ComponentHotfixes(component: component.name, hotfixes: result)
      analysed.skipped = releases.unparsed
      (analysed.judged, analysed.kept) = (jobs.count - kept, kept)
      let used = Set(
        result.flatMap(\.targets).flatMap(\.setAside).filter { $0.reason == .reviewed }.map {
          "\($0.commit.hex) \($0.match?.hex ?? "")"
        })
      analysed.unusedReviews = component.reviews.filter {
        !used.contains("\($0.commit.hex) \($0.equivalent.hex)")
      }
      return analysed
    }

    /// One (hotfix, target) pair to judge, and the plan it belongs to.
    struct Job: Sendable {
      let plan: Int
      let hotfix: ObjectID
      let base: ObjectID?
      let target: ObjectID
      let name: String
    }

    /// The key of a job's verdict in the ``VerdictStore``.
    static func key(of job: Job) -> String {
      VerdictStore.key(hotfix: job.hotfix, base: job.base, target: job.target)
    }

    /// Judges (hotfix, target) pairs: here when there are few, else on every core.
    mutating func judgeAll(_ jobs: [Job]) throws(GitError) -> [HotfixTarget] {
      let workers = min(ProcessInfo.processInfo.activeProcessorCount, jobs.count / 8)
      guard workers > 1 else {
        var verdicts: [HotfixTarget] = []
        for job in jobs {
          verdicts.append(
            try judge(job.hotfix, since: job.base, against: job.target, named: job.name))
        }
        return verdicts
      }
      let slots = ResultSlots<HotfixTarget>(count: jobs.count)
      let (repositories, component, stores) = (repositories, component, (patches, verdicts))
      let mainlineAncestors = mainlineAncestors
      try onEveryCore(workers) { worker, handle throws(GitError) in
        var run = Run(
          repository: handle, component: component, repositories: repositories,
          stores: stores, mainlineAncestors: mainlineAncestors)
        for index in stride(from: worker, to: jobs.count, by: workers) {
          let job = jobs[index]
          slots[index] = try run.judge(
            job.hotfix, since: job.base, against: job.target, named: job.name)
        }
      }
      let verdicts = slots.values
      return verdicts
    }

    /// The release an emergency release patches: among the (at most 8) builds just below it
    /// in release order, the highest whose commit is an ancestor of it
    /// (`git_graph_descendant_of`). Its own commits are those since; without one, every
    /// commit reachable from it counts, as `git cherry` counts them.
    /// - Parameters:
    ///   - hotfix: the emergency release.
    ///   - builds: every tagged build, ascending by release.
    ///   - repository: where ancestry is read.
    ///   - known: where ancestry answers are kept across runs (not used on a shallow clone).
    /// - Returns: the base build, or `nil`.
    /// - Throws: ``GitError`` when ancestry cannot be read (a shallow clone answers `nil`).
    static func base(
      of hotfix: TaggedBuild, among builds: [TaggedBuild], in repository: Repository,
      known: VerdictStore? = nil
    ) throws(GitError) -> TaggedBuild? {
      var index = firstAtOrAbove(hotfix.release, in: builds)
      var tried = 0
      while index > 0, tried < 8 {
        index -= 1
        let candidate = builds[index]
        guard candidate.release < hotfix.release, candidate.commit != hotfix.commit else {
          continue
        }
        tried += 1
        func read() throws(GitError) -> Bool {
          if case .ancestor = try repository.isAncestor(candidate.commit, of: hotfix.commit) {
            return true
          }
          return false
        }
        // A shallow clone's answers change as it deepens: not kept.
        let isAncestor =
          if let known, !repository.isShallow {
            try known.isAncestor(candidate.commit, of: hotfix.commit, read)
          } else {
            try read()
          }
        if isAncestor { return candidate }
      }
      return nil
    }

    /// The index of the first build in `builds` (ascending by release) whose release is at or
    /// above `release`: a binary search, O(log n).
    static func firstAtOrAbove(_ release: ReleaseVersion, in builds: [TaggedBuild]) -> Int {
      partition(builds) { $0 >= release }
    }

    /// The index of the first build in `builds` (ascending by release) whose release is above
    /// `release`: a binary search, O(log n).
    static func firstAbove(_ release: ReleaseVersion, in builds: [TaggedBuild]) -> Int {
      partition(builds) { $0 > release }
    }

    /// The first index whose release meets `isAfter`, which holds for a suffix of `builds`.
    private static func partition(
      _ builds: [TaggedBuild], _ isAfter: (ReleaseVersion) -> Bool
    ) -> Int {
      var low = 0
      var high = builds.count
      while low < high {
        let middle = (low + high) / 2
        if isAfter(builds[middle].release) { high = middle } else { low = middle + 1 }
      }
      return low
    }

    /// The ids named by `(cherry picked from commit <id>)` lines (`git cherry-pick -x`).
    static func cherryPickSources(_ message: String) -> [String] {
      ids(after: HotfixAnalysis.pickMarker, in: message)
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
