import Foundation
import Git

// Every finding the comparison makes, one factory per kind and variant, so that the sentence
// for people is written in one place and the comparison only decides which one applies.
//
// A message does not name the environment: a report groups findings by environment, and a
// renderer that shows a finding on its own adds the name (``Finding/message(in:)``).

extension Finding {
  /// The message as a line of its own, outside its environment's section:
  /// `SIT-A: alpha runs 1.0.0.0, baseline says 1.1.0.0`.
  public func message(in environment: String) -> String {
    "\(environment): \(message)"
  }

  // MARK: - probes and inventories

  /// `probe_failed`: a probe of this run gave no inventory.
  static func probeFailed(probe: String, failure: String?) -> Finding {
    Finding(
      .probeFailed, actual: failure,
      message: "probe \(probe) failed (\(failure ?? "no inventory")); what it would report is "
        + "unknown",
      probe: probe)
  }

  /// `probe_failed`: a saved inventory records that one of its probes failed.
  static func probeFailed(_ failure: Inventory.ProbeFailure, recordedIn source: String) -> Finding {
    Finding(
      .probeFailed, actual: failure.failure,
      message: "probe \(failure.probe) failed (\(failure.failure)), as recorded in \(source); "
        + "what it would report is unknown",
      probe: failure.probe)
  }

  /// `probe_failed`: the environment has no probe outcome at all.
  static func noProbeRan() -> Finding {
    Finding(.probeFailed, message: "no probe ran")
  }

  /// `stale_inventory`: an inventory says it was collected more than five minutes from now.
  static func inventoryFromTheFuture(probe: String, collectedAt: Date, now: Date) -> Finding {
    Finding(
      .staleInventory, expected: "collected before \(Timestamp.string(now))",
      actual: Timestamp.string(collectedAt),
      message: "the inventory from \(probe) says it was collected "
        + "\(Timestamp.human(collectedAt)), in the future; check the probe host's clock",
      probe: probe)
  }

  /// `stale_inventory`: an inventory older than the baseline's `max_age`.
  static func staleInventory(
    probe: String, collectedAt: Date, age: TimeInterval, maxAge: TimeInterval
  ) -> Finding {
    Finding(
      .staleInventory, expected: "within \(AgeLimit.text(maxAge))",
      actual: Timestamp.string(collectedAt),
      message: "the inventory from \(probe) was collected \(Timestamp.human(collectedAt)), "
        + "\(AgeLimit.age(age)) ago; max_age is \(AgeLimit.text(maxAge))",
      probe: probe)
  }

  /// `inventory_conflict`: probes report different values, given as (probe, value) in probe
  /// order, for one field of a component.
  static func inventoryConflict(component: String, field: String, values: [(String, String)])
    -> Finding
  {
    let described = values.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
    return Finding(
      .inventoryConflict, component: component, expected: values.first?.1,
      actual: values.dropFirst().map(\.1).joined(separator: ", "),
      message: "probes disagree on \(component) \(field) (\(described)); not compared until "
        + "they agree",
      probe: values.map(\.0).joined(separator: ", "), key: field)
  }

  // MARK: - the baseline and its tags

  /// `unknown_release`: no tag of the repository is the baselined release.
  static func unknownRelease(component: String, release: ReleaseVersion) -> Finding {
    Finding(
      .unknownRelease, component: component, expected: release.text,
      message: "the baseline names \(component) \(release.text), but no tag of the repository "
        + "is that release")
  }

  /// `tag_signature`: the baselined release's tag is not validly signed by an allowed signer.
  static func tagSignature(component: String, release: ReleaseVersion, signature: TagSignature)
    -> Finding
  {
    Finding(
      .tagSignature, component: component, expected: "good", actual: signature.verdict.rawValue,
      message: "the tag \(signature.tag) of \(component) \(release.text) is not validly signed "
        + "(\(signature.verdictWords)): "
        + signature.detail, key: signature.tag)
  }

  /// `moved_tag`: the release's tag names another commit than the pin; `pinFile` is the pin
  /// file that holds the pin, or `nil` for a `commit:` in the baseline.
  static func movedTag(
    component: String, release: ReleaseVersion, tag: String, pin: ObjectID, tagCommit: ObjectID,
    pinFile: String?
  ) -> Finding {
    Finding(
      .movedTag, component: component, expected: pin.hex, actual: tagCommit.hex,
      message: "the tag \(tag) of \(component) \(release.text) now names \(tagCommit.hex), but "
        + "it was pinned to \(pin.hex) "
        + (pinFile.map { "by baseline pin (\($0))" } ?? "when the baseline was approved (commit:)"))
  }

  // MARK: - components

  /// `missing_component`: baselined, and no probe reported it.
  static func missingComponent(component: String, release: ReleaseVersion) -> Finding {
    Finding(
      .missingComponent, component: component, expected: release.text,
      message: "\(component) \(release.text) is baselined, but no probe reported it")
  }

  /// `missing_component`: reported (settings, files), but with neither a version nor a commit.
  static func reportedWithoutRelease(
    component: String, release: ReleaseVersion, sources: [String]
  ) -> Finding {
    Finding(
      .missingComponent, component: component, expected: release.text, actual: nil,
      message: "\(component) is reported by \(sources.joined(separator: ", ")) but with neither "
        + "a version nor a commit; baseline says \(release.text)")
  }

  /// `unexpected_component`: reported, not baselined.
  static func unexpectedComponent(
    component: String, version: String?, commit: String?, sources: [String]
  ) -> Finding {
    let what = [version, commit.map { "commit \($0)" }].compactMap { $0 }
      .joined(separator: ", ")
    return Finding(
      .unexpectedComponent, component: component, actual: version ?? commit,
      message: "\(component) is deployed" + (what.isEmpty ? "" : " (\(what))")
        + " but is not in the baseline",
      probe: sources.joined(separator: ", "))
  }

  // MARK: - the deployed commit

  /// `unresolved_commit`: the reported text is an abbreviation several objects share.
  static func ambiguousCommit(component: String, text: String, candidates: Int) -> Finding {
    Finding(
      .unresolvedCommit, component: component, actual: text,
      message: "\(component) reports commit \(text), an ambiguous commit prefix "
        + "(\(candidates) candidates); report more digits or the full id")
  }

  /// `unresolved_commit`: the reported text names an object that is no commit.
  static func notACommit(component: String, text: String, type: String) -> Finding {
    Finding(
      .unresolvedCommit, component: component, actual: text,
      message: "\(component) reports commit \(text), which names a \(type), not a commit")
  }

  /// `unresolved_commit`: the reported commit is not in the repository; on a shallow clone it
  /// may lie beyond the boundary.
  static func commitNotFound(component: String, text: String, shallow: Bool) -> Finding {
    Finding(
      .unresolvedCommit, component: component, actual: text,
      message: "\(component) reports commit \(text), which is not in its "
        + (shallow
          ? "repository, a shallow clone: it may lie beyond the clone's boundary, so whether it "
            + "is a tagged build is unknown (fetch the full history)"
          : "repository (is the local clone up to date?)"))
  }

  /// `untagged_build`: only a commit is reported, and it is no tagged build; `unparsed` are the
  /// tags on it that follow the tag pattern but are no release (named, with why).
  static func untaggedBuild(
    component: String, commit: ObjectID, release: ReleaseVersion, approved: ObjectID?,
    unparsed: [UnparsedTag] = []
  ) -> Finding {
    Finding(
      .untaggedBuild, component: component, expected: approved?.hex, actual: commit.hex,
      message: "\(component) runs commit \(commit.hex), which no release tag names"
        + unparsedNote(unparsed) + "; baseline says \(release.text)"
        + (approved.map { " (\($0.hex))" } ?? ""))
  }

  /// `untagged_build`: a version and a commit are reported, the version has no tag and the
  /// commit is no tagged build.
  static func untaggedBuild(
    component: String, commit: ObjectID, approved: ObjectID?, unparsed: [UnparsedTag] = []
  ) -> Finding {
    Finding(
      .untaggedBuild, component: component, expected: approved?.hex, actual: commit.hex,
      message: "\(component) runs commit \(commit.hex), which no release tag names"
        + unparsedNote(unparsed))
  }

  /// What a reported version is, when it is not the baselined release, for
  /// ``versionMismatch(component:expected:actual:commit:claim:)``.
  enum Claim {
    /// A release with a tag.
    case tagged
    /// A release that no tag of the repository is.
    case untagged
    /// No release of the scheme.
    case notARelease(VersionScheme)
    /// No release of the scheme, and the deployed commit carries it as a tag that follows the
    /// tag pattern: one fact, so one finding (not also `untagged_build`).
    case unparsedTags([UnparsedTag])
  }

  /// `version_mismatch`: the inventory reports another version than the baselined release.
  static func versionMismatch(
    component: String, expected: ReleaseVersion, actual: String, commit: String?, claim: Claim
  ) -> Finding {
    let note: String
    var deployed = commit.map { " (commit \($0))" } ?? ""
    switch claim {
    case .tagged: note = ""
    case .untagged: note = " (no tag of the repository is that release)"
    case .notARelease(let scheme): note = " (not a release of the \(scheme.rawValue) scheme)"
    case .unparsedTags(let tags):
      // The version, the commit and its tag are one fact: said once, in one parenthesis.
      note = " (" + (commit.map { "commit \($0), " } ?? "") + taggedUnparsed(tags) + ")"
      deployed = ""
    }
    return Finding(
      .versionMismatch, component: component, expected: expected.text, actual: actual,
      message: "\(component) runs \(actual)\(note)\(deployed), baseline says \(expected.text)")
  }

  /// `version_mismatch`: only a commit is reported, and it is the tagged build of other
  /// releases.
  static func versionMismatch(
    component: String, expected: ReleaseVersion, commit: ObjectID, releases: [String]
  ) -> Finding {
    let names = releases.joined(separator: ", ")
    return Finding(
      .versionMismatch, component: component, expected: expected.text, actual: names,
      message: "\(component) runs commit \(commit.hex), tagged \(names); baseline says "
        + expected.text)
  }

  /// `commit_mismatch`: the reported version has a tagged build (or is the baselined release,
  /// whose approved build is the pin) and the reported commit is another. `detail` says which
  /// build the version is (`tag 1.1.0.0 names …`, `the approved build is …`); `tags` are the
  /// release tags on the deployed commit, `unparsed` those that follow the pattern but are no
  /// release.
  static func commitMismatch(
    component: String, claimed: String, commit: ObjectID, expected: ObjectID, detail: String,
    tags: [String], unparsed: [UnparsedTag] = []
  ) -> Finding {
    let other =
      tags.isEmpty
      ? (unparsed.isEmpty
        ? "no tag names it" : "no release tag names it" + unparsedNote(unparsed))
      : "it is tagged \(tags.joined(separator: ", "))"
    return Finding(
      .commitMismatch, component: component, expected: expected.hex, actual: commit.hex,
      message: "\(component) claims \(claimed) but runs commit \(commit.hex), which is not its "
        + "tagged build (\(detail)); \(other)")
  }

  /// `commit_mismatch`: the reported version has no tag, and the reported commit is the tagged
  /// build of other releases.
  static func commitMismatch(component: String, claimed: String, commit: ObjectID, tags: [String])
    -> Finding
  {
    Finding(
      .commitMismatch, component: component, expected: nil, actual: commit.hex,
      message: "\(component) claims \(claimed), which has no tag, but runs commit \(commit.hex), "
        + "tagged \(tags.joined(separator: ", "))")
  }

  /// `commit_mismatch`: only a commit is reported; it is where the baselined release's tag
  /// points now, but the approved build is the pin.
  static func commitMismatch(
    component: String, commit: ObjectID, release: ReleaseVersion, approved: ObjectID
  ) -> Finding {
    Finding(
      .commitMismatch, component: component, expected: approved.hex, actual: commit.hex,
      message: "\(component) runs commit \(commit.hex), where the tag of \(release.text) points "
        + "now, but the approved build is \(approved.hex)")
  }

  /// `hotfix_regression`: the deployed emergency release's fix is missing from the baselined
  /// release; `lost` are the hotfix's commits the baselined release lacks.
  static func hotfixRegression(
    component: String, baseline: ReleaseVersion, deployed: ReleaseVersion, lost: [MissingCommit]
  ) -> Finding {
    let commits = lost.map { "\($0.id.short) \"\($0.summary)\"" }.joined(separator: ", ")
    return Finding(
      .hotfixRegression, component: component, expected: baseline.text, actual: deployed.text,
      message: "\(component) runs emergency release \(deployed.text), but its baseline "
        + "\(baseline.text) lacks its fix (\(commits)): moving to the baseline would lose it")
  }

  /// `hotfix_regression`, not proven either way: whether the baseline carries the emergency
  /// release's fix could not be decided (`needs_review`: a same-subject commit with another
  /// patch; `unknown`: a shallow clone). A check that could not be made does not pass.
  static func hotfixUnproven(
    component: String, baseline: ReleaseVersion, deployed: ReleaseVersion, result: HotfixTarget
  ) -> Finding {
    let why =
      result.status == .needsReview
      ? "needs review: "
        + result.setAside.filter { !$0.isSettled }.map {
          "\($0.commit.short) \"\($0.summary)\" against \($0.match?.short ?? "?")"
        }.joined(separator: ", ")
        + " (record the decision with reviewed: in components.yaml)"
      : "is unknown" + (result.note.map { " (\($0))" } ?? "")
    return Finding(
      .hotfixRegression, component: component, expected: baseline.text, actual: deployed.text,
      message: "\(component) runs emergency release \(deployed.text); whether its baseline "
        + "\(baseline.text) carries its fix \(why)")
  }

  /// `hotfix_regression`, not judged: an emergency release runs whose fix cannot be looked
  /// for in the baseline (`why`: the deployed commit is not its tagged build, no tag names
  /// it, or the baselined release has no tagged build). Not proven carried is no pass.
  static func hotfixNotJudged(
    component: String, baseline: ReleaseVersion, deployed: ReleaseVersion, why: String
  ) -> Finding {
    Finding(
      .hotfixRegression, component: component, expected: baseline.text, actual: deployed.text,
      message: "\(component) runs emergency release \(deployed.text), but \(why): whether its "
        + "baseline \(baseline.text) carries its fix is not proven")
  }

  // MARK: - configuration items

  /// `setting_drift`: a declared setting has another value.
  static func settingDrift(component: String, key: String, expected: String, actual: String)
    -> Finding
  {
    Finding(
      .settingDrift, component: component, expected: expected, actual: actual,
      message: "\(component) setting \(key) is \"\(actual)\", baseline says \"\(expected)\"",
      key: key)
  }

  /// `setting_drift`: a declared setting no probe reports (Y3).
  static func settingNotReported(component: String, key: String, expected: String) -> Finding {
    Finding(
      .settingDrift, component: component, expected: expected, actual: nil,
      message: "\(component) setting \(key) is not reported by any probe (baseline says "
        + "\"\(expected)\"); absent is not the same as a default",
      key: key)
  }

  /// `file_drift`: a declared file no probe reports.
  static func fileNotReported(component: String, path: String, expected: String) -> Finding {
    Finding(
      .fileDrift, component: component, expected: expected, actual: nil,
      message: "\(component) file \(path) is not reported by any probe", key: path)
  }

  /// `file_drift`: a declared file has another digest; when its CRLF-to-LF digest matches, the
  /// message says that only line endings differ (Y4).
  static func fileDrift(component: String, path: String, expected: String, reported: FileDigest)
    -> Finding
  {
    Finding(
      .fileDrift, component: component, expected: expected, actual: reported.digest,
      message: "\(component) file \(path) differs from the baseline "
        + (reported.normalizedDigest == expected
          ? "in line endings only (CRLF deployed; the content is the same)"
          : "in content (\(reported.digest), baseline \(expected))"),
      key: path)
  }

  // MARK: - acceptances

  /// `expired_acceptance`: an accepted deviation of the baseline `file` is past its date.
  static func expiredAcceptance(_ acceptance: Acceptance, file: String) -> Finding {
    Finding(
      .expiredAcceptance, component: acceptance.component,
      expected: "accepted until \(acceptance.expires)", actual: acceptance.reference,
      message: "the acceptance of \(acceptance.subject) (\(acceptance.reference): "
        + "\(acceptance.reason)) expired at the end of \(acceptance.expires); what it covered "
        + "counts again. Renew it with a new date or remove it from \(file)",
      key: acceptance.key)
  }

  /// ` (it is tagged v1.3, which follows the tag pattern but expected a release like …)`, or
  /// nothing when there is no such tag.
  private static func unparsedNote(_ unparsed: [UnparsedTag]) -> String {
    unparsed.isEmpty ? "" : " (it is \(taggedUnparsed(unparsed)))"
  }

  /// `tagged v1.3, which follows the tag pattern but expected a release like …`.
  private static func taggedUnparsed(_ unparsed: [UnparsedTag]) -> String {
    let names = unparsed.map(\.tag.name).joined(separator: ", ")
    let reasons = Set(unparsed.map(\.reason)).sorted().joined(separator: "; ")
    return "tagged \(names), which "
      + (unparsed.count == 1 ? "follows the tag pattern" : "follow the tag pattern")
      + " but \(reasons)"
  }
}
