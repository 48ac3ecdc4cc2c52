public import Foundation
import Git

/// Runs the nightly check: reads the components' tags once per repository, resolves the
/// commits inventories report, and compares every environment.
public struct DriftCheck: Sendable {
  /// The estate, with the baselines of the environments to check.
  public let estate: Estate
  /// Where the components' repositories are opened.
  public let repositories: ComponentRepositories

  /// Makes a check over an estate.
  public init(estate: Estate, repositories: ComponentRepositories = ComponentRepositories()) {
    self.estate = estate
    self.repositories = repositories
  }

  /// Judges the probe outcomes (from ``ProbeRunner`` or saved inventories) against the
  /// baselines.
  /// - Parameters:
  ///   - runs: probe outcomes of every environment; those of other environments are ignored.
  ///   - now: the time against which `max_age` is judged.
  /// - Returns: the report of every environment of the estate.
  /// - Throws: ``RepositoryError`` when a baselined component's repository cannot be read.
  public func report(runs: [ProbeRun], now: Date = Date()) throws(RepositoryError) -> DriftReport {
    let (facts, warnings) = try readFacts(runs: runs)
    // Environments are compared on every core: each comparison reads only its own runs.
    let runsByEnvironment = Dictionary(grouping: runs, by: \.environment)
    let slots = ResultSlots<EnvironmentReport>(count: estate.baselines.count)
    let baselines = estate.baselines
    let components = estate.components
    DispatchQueue.concurrentPerform(iterations: baselines.count) { index in
      let baseline = baselines[index]
      slots[index] = Comparison.compare(
        baseline: baseline, runs: runsByEnvironment[baseline.environment] ?? [],
        components: components, facts: facts, now: now)
    }
    let reports = slots.values
    // A release tagged on two commits with no pin: which build is approved is not known, and
    // the findings compare with one of them; say so, as verify and pin refuse it (F3).
    var ambiguous: [String] = []
    for report in reports {
      for row in report.rows where !row.conflictingTags.isEmpty && row.pin == nil {
        let tag = row.tag ?? "the first tag"
        let commit = row.tagCommit.map { " (\($0.prefix(7)))" } ?? ""
        let others = row.conflictingTags.joined(separator: ", ")
        ambiguous.append(
          "\(report.environment): \(row.component) \(row.baseline ?? "") is tagged on different "
            + "commits (\(tag) and \(others)): which build is the release is ambiguous, and "
            + "this report compares with \(tag)'s\(commit); settle it and pin it (baseline pin)")
      }
    }
    return DriftReport(generatedAt: now, environments: reports, warnings: warnings + ambiguous)
  }

  /// Reads tags and resolves reported commits, one scan per repository, repositories in
  /// parallel (one task per core), each `Repository` used by one thread only.
  func readFacts(runs: [ProbeRun]) throws(RepositoryError) -> ([String: ComponentFacts], [String]) {
    var needed = Set(estate.baselines.flatMap { $0.components.map(\.component) })
    needed.formIntersection(estate.components.keys)
    var commitTexts: [String: Set<String>] = [:]
    for run in runs {
      for entry in run.inventory?.components ?? [] where needed.contains(entry.name) {
        if let commit = entry.commit { commitTexts[entry.name, default: []].insert(commit) }
      }
    }
    // What each environment declares and what its probes claim, per component: the pairs
    // (deployed emergency release, baselined release) that `hotfix_regression` needs.
    var claims: [String: [Claim]] = [:]
    for baseline in estate.baselines {
      let observed = Dictionary(
        grouping: runs.filter { $0.environment == baseline.environment }
          .flatMap { $0.inventory?.components ?? [] }, by: \.name)
      for entry in baseline.components {
        guard let mine = observed[entry.component] else { continue }
        claims[entry.component, default: []].append(
          Claim(
            release: entry.release, pin: entry.pin, versions: mine.compactMap(\.version),
            commits: mine.compactMap(\.commit)))
      }
    }
    // The releases baselines declare, whose tags' signatures are checked where required.
    var releases: [String: [ReleaseVersion]] = [:]
    for baseline in estate.baselines {
      for entry in baseline.components {
        releases[entry.component, default: []].append(entry.release)
      }
    }
    let baselined = releases
    let groups = ComponentRepositories.byRepository(needed.compactMap { estate.components[$0] })
    let slots = ResultSlots<Result<[(String, ComponentFacts, [String])], RepositoryError>>(
      count: groups.count)
    let texts = commitTexts
    let declared = claims
    DispatchQueue.concurrentPerform(iterations: groups.count) { index in
      slots[index] = Self.read(
        groups[index], from: repositories, commitTexts: texts, claims: declared,
        baselined: baselined)
    }
    var facts: [String: ComponentFacts] = [:]
    var warnings: [String] = []
    for result in slots.values {
      switch result {
      case .success(let list):
        for (name, componentFacts, componentWarnings) in list {
          facts[name] = componentFacts
          warnings += componentWarnings.map { "\(name): \($0)" }
        }
      case .failure(let error):
        throw error
      }
    }
    return (facts, warnings.sorted())
  }

  /// A baselined release and what an environment's probes claim for it.
  struct Claim: Sendable {
    let release: ReleaseVersion
    let pin: ObjectID?
    let versions: [String]
    let commits: [String]
  }

  static func read(
    _ components: [Component], from repositories: ComponentRepositories,
    commitTexts: [String: Set<String>], claims: [String: [Claim]],
    baselined: [String: [ReleaseVersion]] = [:]
  ) -> Result<
    [(String, ComponentFacts, [String])], RepositoryError
  > {
    guard let first = components.first else { return .success([]) }
    return Result { () throws(RepositoryError) in
      try repositories.with(first, doing: "reading its tags and the inventory's commits") {
        repository throws(GitError) in
        let indexes = try ComponentRepositories.releases(of: components, in: repository)
        var result: [(String, ComponentFacts, [String])] = []
        for component in components {
          guard let releases = indexes[component.name] else { continue }
          var commits: [String: CommitResolution] = [:]
          for text in commitTexts[component.name] ?? [] {
            commits[text] = try repository.resolveCommit(text, accepting: .idOrBranch)
          }
          let checks = try hotfixChecks(
            claims[component.name] ?? [], releases: releases, commits: commits,
            run: {
              HotfixAnalysis.Run(
                repository: repository, component: component, repositories: repositories)
            })
          var warnings = releases.warnings
          if releases.isShallow {
            warnings.append(
              "the repository is a shallow clone: verdicts that need history are unknown")
          }
          var facts = ComponentFacts(releases: releases, commits: commits, hotfixChecks: checks)
          facts.signatures = try signatures(
            of: component, releases: baselined[component.name] ?? [], in: releases,
            repository: repository)
          result.append((component.name, facts, warnings))
        }
        return result
      }
    }
  }

  /// The signature of the first tag of each of `releases`, by tag name (byte for byte), when
  /// `component` requires signed tags (``SignatureCheck``); empty when it does not.
  static func signatures(
    of component: Component, releases: [ReleaseVersion], in index: ReleaseIndex,
    repository: Repository
  ) throws(GitError) -> [TagNameKey: TagSignature] {
    guard let policy = component.signatures else { return [:] }
    let check = SignatureCheck(policy: policy)
    var result: [TagNameKey: TagSignature] = [:]
    for release in releases {
      guard let tag = index.builds(of: release).first?.tag, result[TagNameKey(tag.name)] == nil
      else { continue }
      result[TagNameKey(tag.name)] = try check.judge(tag, in: repository)
    }
    return result
  }

  /// Judges every deployed emergency release against the release its environment's baseline
  /// declares (the approved commit: the pin, or the tag's commit), for `hotfix_regression`.
  /// `makeRun` is called at the first (hotfix, target) pair, if any.
  static func hotfixChecks(
    _ claims: [Claim], releases: ReleaseIndex, commits: [String: CommitResolution],
    run makeRun: () -> HotfixAnalysis.Run
  ) throws(GitError) -> [HotfixCheck] {
    // Made at the first pair only: its patch-id cache is read (and the attributes
    // fingerprinted) only when an environment runs an emergency release.
    var made: HotfixAnalysis.Run?
    var checks: [HotfixCheck] = []
    for claim in claims {
      guard let target = claim.pin ?? releases.builds(of: claim.release).first?.commit else {
        continue
      }
      var hotfixes: Set<ObjectID> = []
      for text in claim.versions {
        if let version = try? ReleaseVersion(text, scheme: claim.release.scheme),
          version.isEmergency, let build = releases.builds(of: version).first
        {
          hotfixes.insert(build.commit)
        }
      }
      for text in claim.commits {
        if case .commit(let id)? = commits[text],
          releases.builds(on: id).contains(where: { $0.release.isEmergency })
        {
          hotfixes.insert(id)
        }
      }
      for hotfix in hotfixes.sorted() where hotfix != target {
        guard !checks.contains(where: { $0.hotfix == hotfix && $0.target == target }) else {
          continue
        }
        var run = made ?? makeRun()
        defer { made = run }
        // The fix is the emergency release's own commits, since the release it patches.
        var base: ObjectID?
        if let build = releases.builds(on: hotfix).first(where: { $0.release.isEmergency }) {
          base = try HotfixAnalysis.Run.base(
            of: build, among: releases.builds, in: run.repository, known: run.verdicts)?.commit
        }
        checks.append(
          HotfixCheck(
            hotfix: hotfix, target: target,
            result: try run.judge(
              hotfix, since: base, against: target, named: claim.release.text)))
      }
    }
    made?.saveStores()
    return checks
  }
}
