import Foundation
import Git

extension Comparison {
  /// Judges one baselined component: its release and pin against the tags, then what the
  /// probes report of it, in named steps (the deployed commit, a claimed version, a bare
  /// commit), then hotfixes and configuration items.
  static func judge(
    entry: Baseline.Entry, observed: ObservedComponent?, facts: ComponentFacts?,
    scheme: VersionScheme, probesFailed: Bool, environment: String
  ) -> (findings: [Finding], row: EnvironmentReport.Row) {
    let subject = Baselined(entry: entry, facts: facts, scheme: scheme)
    var findings = subject.releaseFindings(environment: environment)
    guard let observed else {
      if !probesFailed {
        findings.append(.missingComponent(component: entry.component, release: entry.release))
      }
      let unknown = probesFailed && findings.isEmpty
      return (findings, subject.row(findings, deployed: nil, commit: nil, unknown: unknown))
    }
    let resolved = subject.resolveDeployedCommit(observed.commit)
    findings += resolved.findings
    let deployedCommit = resolved.commit
    let onDeployed = deployedCommit.map { facts?.releases.builds(on: $0) ?? [] } ?? []

    if let commit = deployedCommit, subject.isApprovedBuild(commit, claiming: observed.version) {
      // At the approved build, whatever the tag says now.
    } else if let version = observed.version {
      findings += subject.judgeClaim(version, commit: deployedCommit, reportedAs: observed.commit)
    } else if let commit = deployedCommit {
      findings += subject.judgeBareCommit(commit)
    } else if observed.commit == nil, !observed.releaseConflicted {
      // Reported (settings, files) but with no release at all: which build runs is not known,
      // and that is not "ok".
      findings.append(
        .reportedWithoutRelease(
          component: entry.component, release: entry.release, sources: observed.sources))
    }

    let hotfix = hotfixRegression(
      entry: entry, observed: observed, deployedCommit: deployedCommit, facts: facts,
      approved: subject.approved, scheme: scheme)
    findings += hotfix.findings
    findings += settingFindings(entry: entry, observed: observed)
    let shown = shownBuild(
      onDeployed, reported: observed.version, baselined: entry.release, scheme: scheme)
    let row = subject.row(
      findings, deployed: observed.version ?? shown?.release.text,
      commit: deployedCommit?.hex ?? observed.commit, unknown: resolved.beyondShallowBoundary,
      commitTagged: deployedCommit.map { _ in !onDeployed.isEmpty }, hotfix: hotfix.judgement,
      deployedTag: shown?.tag.name)
    return (findings, row)
  }

  /// Of the tagged builds on the deployed commit, the one a row shows: the reported
  /// release's (compared as releases: `1.0.0.01` is `1.0.0.1`), else the baselined
  /// release's, else the lowest release's.
  static func shownBuild(
    _ builds: [TaggedBuild], reported: String?, baselined: ReleaseVersion, scheme: VersionScheme
  ) -> TaggedBuild? {
    let claimed = reported.flatMap { try? ReleaseVersion(found: $0, scheme: scheme) }
    func isRelease(_ release: ReleaseVersion?) -> (TaggedBuild) -> Bool {
      { build in release.map { ReleaseVersion.compare($0, build.release) == 0 } ?? false }
    }
    return builds.first(where: isRelease(claimed)) ?? builds.first(where: isRelease(baselined))
      ?? builds.min { ReleaseVersion.compare($0.release, $1.release) < 0 }
  }

  /// A baselined component and what its tags say of its release, while it is judged.
  struct Baselined {
    let entry: Baseline.Entry
    let releases: ReleaseIndex?
    let facts: ComponentFacts?
    let scheme: VersionScheme
    /// The tagged builds of the baselined release, the one spelled as the baseline first.
    let tagged: [TaggedBuild]

    init(entry: Baseline.Entry, facts: ComponentFacts?, scheme: VersionScheme) {
      self.entry = entry
      self.releases = facts?.releases
      self.facts = facts
      self.scheme = scheme
      self.tagged = facts?.releases.builds(of: entry.release) ?? []
    }

    var name: String { entry.component }
    var release: ReleaseVersion { entry.release }
    /// The commit the release's tag names now.
    var tagCommit: ObjectID? { tagged.first?.commit }
    /// The approved build: the pin when there is one, else the tag's commit.
    var approved: ObjectID? { entry.pin ?? tagCommit }

    /// `unknown_release` and `moved_tag`: the baseline against the tags, before any probe.
    func releaseFindings(environment: String) -> [Finding] {
      var findings: [Finding] = []
      if tagged.isEmpty {
        findings.append(.unknownRelease(component: name, release: release))
      }
      if let tag = tagged.first?.tag.name, let signature = facts?.signatures[TagNameKey(tag)],
        !signature.isValid
      {
        findings.append(
          .tagSignature(component: name, release: release, signature: signature))
      }
      if let pin = entry.pin, let tagCommit, pin != tagCommit {
        findings.append(
          .movedTag(
            component: name, release: release, tag: tagged[0].tag.name, pin: pin,
            tagCommit: tagCommit,
            pinFile: entry.pinSource == .pinFile ? PinFile.path(environment: environment) : nil))
      }
      return findings
    }

    /// The deployed commit resolved in the component's repository, or the
    /// `unresolved_commit` that says why it cannot be.
    func resolveDeployedCommit(_ text: String?) -> (
      commit: ObjectID?, findings: [Finding], beyondShallowBoundary: Bool
    ) {
      guard let text else { return (nil, [], false) }
      switch facts?.resolution(of: text) {
      case .commit(let id)?:
        return (id, [], false)
      case .ambiguous(let candidates)?:
        return (nil, [.ambiguousCommit(component: name, text: text, candidates: candidates)], false)
      case .notACommit(let type)?:
        return (nil, [.notACommit(component: name, text: text, type: type)], false)
      case .notFound?, nil:
        let shallow = releases?.isShallow == true
        return (nil, [.commitNotFound(component: name, text: text, shallow: shallow)], shallow)
      }
    }

    /// Whether the deployed commit is the pinned build and the version, if reported, is the
    /// baselined release.
    func isApprovedBuild(_ commit: ObjectID, claiming version: String?) -> Bool {
      guard let pin = entry.pin, commit == pin else { return false }
      return version.map { (try? ReleaseVersion(found: $0, scheme: scheme)) == release } ?? true
    }

    /// A reported version: `version_mismatch` when it is not the baselined release; with a
    /// commit, `commit_mismatch` when the commit is not its build, `untagged_build` when the
    /// commit is no tagged build. A commit tagged only by tags that are no release, under a
    /// version that has no tag, is one `version_mismatch` that names the tags.
    func judgeClaim(_ version: String, commit: ObjectID?, reportedAs commitText: String?)
      -> [Finding]
    {
      let claimed = try? ReleaseVersion(found: version, scheme: scheme)
      let claimedBuilds = claimed.map { releases?.builds(of: $0) ?? [] } ?? []
      let expectedCommit = claimed == release ? approved : claimedBuilds.first?.commit
      let onDeployed = commit.map { releases?.builds(on: $0) ?? [] } ?? []
      let unparsed = commit.map { releases?.unparsed(on: $0) ?? [] } ?? []
      // The commit carries tags, none a release, and the version has no tagged build: the
      // version_mismatch says all of it.
      let notARelease = expectedCommit == nil && onDeployed.isEmpty && !unparsed.isEmpty
      var findings: [Finding] = []
      if claimed != release {
        let claim: Finding.Claim
        if notARelease {
          claim = .unparsedTags(unparsed)
        } else if claimed == nil {
          claim = .notARelease(scheme)
        } else {
          claim = claimedBuilds.isEmpty ? .untagged : .tagged
        }
        findings.append(
          .versionMismatch(
            component: name, expected: release, actual: version,
            commit: commit?.hex ?? commitText, claim: claim))
      }
      guard let commit else { return findings }
      let tagNames = onDeployed.map(\.tag.name)
      if let expectedCommit, commit != expectedCommit {
        // The tag that names the expected commit: the baselined release's approved build, or
        // the claimed release's first build (never a tag of another build of it).
        let expectedTag = (claimed == release ? tagged.first : claimedBuilds.first)?.tag.name
        var detail = "tag \(expectedTag ?? release.text) names \(expectedCommit.hex)"
        if claimed == release, let pin = entry.pin, pin != tagCommit {
          detail = "the approved build is \(pin.hex)"
        }
        findings.append(
          .commitMismatch(
            component: name, claimed: version, commit: commit, expected: expectedCommit,
            detail: detail, tags: tagNames, unparsed: unparsed))
      } else if expectedCommit == nil, !onDeployed.isEmpty,
        !onDeployed.contains(where: { $0.release == claimed })
      {
        findings.append(
          .commitMismatch(component: name, claimed: version, commit: commit, tags: tagNames))
      } else if expectedCommit == nil, onDeployed.isEmpty, !(notARelease && claimed != release) {
        findings.append(
          .untaggedBuild(component: name, commit: commit, approved: approved, unparsed: unparsed))
      }
      return findings
    }

    /// Only a commit is reported: `untagged_build` when no release tag names it (tags that are
    /// no release named), `version_mismatch` when it is the build of other releases,
    /// `commit_mismatch` when it is where the release's tag points now but not the pin.
    func judgeBareCommit(_ commit: ObjectID) -> [Finding] {
      let onDeployed = releases?.builds(on: commit) ?? []
      if onDeployed.isEmpty {
        return [
          .untaggedBuild(
            component: name, commit: commit, release: release, approved: approved,
            unparsed: releases?.unparsed(on: commit) ?? [])
        ]
      }
      if !onDeployed.contains(where: { $0.release == release }) {
        return [
          .versionMismatch(
            component: name, expected: release, commit: commit,
            releases: onDeployed.map(\.release.text))
        ]
      }
      if let approved, commit != approved {
        return [
          .commitMismatch(component: name, commit: commit, release: release, approved: approved)
        ]
      }
      return []
    }

    /// The component's row, listing the kinds found so far.
    func row(
      _ findings: [Finding], deployed: String?, commit: String?, unknown: Bool,
      commitTagged: Bool? = nil, hotfix: HotfixJudgement? = nil, deployedTag: String? = nil
    ) -> EnvironmentReport.Row {
      EnvironmentReport.Row(
        component: name, baseline: release.text, pin: entry.pin?.hex, tagCommit: tagCommit?.hex,
        deployed: deployed, commit: commit, findings: findings.map(\.kind),
        verdict: unknown ? .unknown : nil, pinSource: entry.pinSource, tag: tagged.first?.tag.name,
        conflictingTags: tagged.filter { $0.commit != tagCommit }.map(\.tag.name),
        commitTagged: commitTagged,
        signature: tagged.first.flatMap { facts?.signatures[TagNameKey($0.tag.name)] },
        hotfix: hotfix, deployedTag: deployedTag)
    }
  }

  /// `hotfix_regression`: the environment runs an emergency release whose fix the baselined
  /// release lacks, so moving to the baseline would lose it; with what was judged, for the row.
  /// The deployed commit's tags say which emergency release runs; a reported emergency
  /// version the commit does not bear out (another commit, an untagged one, a branch) and one
  /// no tag names are judged as not proven, never as no emergency release.
  static func hotfixRegression(
    entry: Baseline.Entry, observed: ObservedComponent, deployedCommit: ObjectID?,
    facts: ComponentFacts?, approved: ObjectID?, scheme: VersionScheme
  ) -> (findings: [Finding], judgement: HotfixJudgement?) {
    guard let facts else { return ([], nil) }
    let claimed = observed.version.flatMap { try? ReleaseVersion(found: $0, scheme: scheme) }
    let release: ReleaseVersion
    var build: ObjectID?
    var doubt: String?
    if let commit = deployedCommit,
      let tagged = facts.releases.builds(on: commit).first(where: \.release.isEmergency)
    {
      (release, build) = (tagged.release, commit)
    } else if let claimed, claimed.isEmergency {
      // The baselined release itself: moving to the baseline loses nothing of it (whether
      // it is tagged is unknown_release's question, which build runs commit_mismatch's).
      if ReleaseVersion.compare(claimed, entry.release) == 0 {
        return ([], .approvedBuild(release: claimed.text))
      }
      release = claimed
      let tagged = Set(facts.releases.builds(of: claimed).map(\.commit))
      if let commit = deployedCommit {
        doubt = "the deployed commit \(commit.short) is not the tagged build of \(claimed.text)"
      } else if tagged.count > 1 {
        doubt =
          "\(claimed.text) is tagged on \(tagged.count) commits, so which build runs is not known"
      } else if let only = tagged.first {
        build = only
      } else {
        doubt = "no tag names \(claimed.text), so its fix is not known"
      }
    } else {
      return ([], deployedCommit != nil || claimed != nil ? .noEmergencyRelease : nil)
    }
    if doubt == nil, approved == nil {
      doubt = "\(entry.release.text) has no tagged build to judge it against"
    }
    if let approved, build == approved { return ([], .approvedBuild(release: release.text)) }
    let check = facts.hotfixChecks.first { $0.hotfix == build && $0.target == approved }
    guard let check, doubt == nil else {
      return (
        [
          .hotfixNotJudged(
            component: entry.component, baseline: entry.release, deployed: release,
            why: doubt ?? "it was not judged")
        ], .notJudged(release: release.text)
      )
    }
    let judgement = HotfixJudgement.judged(release: release.text, status: check.result.status)
    switch check.result.status {
    case .notMerged:
      return (
        [
          .hotfixRegression(
            component: entry.component, baseline: entry.release, deployed: release,
            lost: check.result.missing)
        ], judgement
      )
    case .needsReview, .unknown:
      // Not proven carried is not carried: the check fails rather than pass by default.
      return (
        [
          .hotfixUnproven(
            component: entry.component, baseline: entry.release, deployed: release,
            result: check.result)
        ], judgement
      )
    case .merged, .cherryPicked:
      return ([], judgement)
    }
  }

  /// `setting_drift` and `file_drift`: the declared configuration items against the reported
  /// ones (items the probes disagree on are left out: the conflict says so).
  static func settingFindings(entry: Baseline.Entry, observed: ObservedComponent) -> [Finding] {
    let name = entry.component
    var findings: [Finding] = []
    for setting in entry.settings where !observed.conflictedSettings.contains(setting.key) {
      if let reported = observed.settings?.value(exactlyAt: setting.key) {
        if !reported.hasSameBytes(as: setting.value) {
          findings.append(
            .settingDrift(
              component: name, key: setting.key, expected: setting.value, actual: reported))
        }
      } else {
        findings.append(
          .settingNotReported(component: name, key: setting.key, expected: setting.value))
      }
    }
    for file in entry.files where !observed.conflictedFiles.contains(file.key) {
      guard let reported = observed.files?.value(exactlyAt: file.key) else {
        findings.append(.fileNotReported(component: name, path: file.key, expected: file.value))
        continue
      }
      guard !reported.digest.hasSameBytes(as: file.value) else { continue }
      findings.append(
        .fileDrift(component: name, path: file.key, expected: file.value, reported: reported))
    }
    return findings
  }
}
