public import Foundation
import Git

/// One run of `baseline pin`: for each chosen environment, the pins ``Pinning`` computes, what
/// is done with its pin file, and the table people read.
///
/// A pin file is written only when it changes and every baselined release of the environment
/// can be pinned: a run that drops or cannot record a pin (a typo in a release, a tag gone)
/// writes nothing, so that a later run cannot pin a moved tag afresh. A dry run reports what
/// the same run would do, and writes nothing.
public struct PinRun: Sendable {
  /// What happens to one environment's pin file.
  public enum Action: String, Sendable, Hashable, Codable {
    /// The pins are as recorded: nothing to write.
    case unchanged
    /// The pin file is (re)written.
    case written
    /// The pins changed, but some release cannot be pinned: nothing is written.
    case notWritten = "not_written"
    /// Dry run: the real run would write the pin file.
    case wouldWrite = "would_write"
    /// Dry run: the pins would change, but the real run would write nothing.
    case wouldNotWrite = "would_not_write"
  }

  /// The outcome for one environment.
  public struct Environment: Sendable {
    /// The environment.
    public let environment: String
    /// Its pin file, relative to the estate root (`Baselines/<ENV>.pins.yaml`).
    public let path: String
    /// The pin file as it would be after this run.
    public let file: PinFile
    /// One outcome per baselined release, in baseline order.
    public let outcomes: [Pinning.Outcome]
    /// Recorded pins of releases the baseline no longer names (dropped when written).
    public let stalePins: [PinFile.Pin]
    /// What is done with the pin file.
    public let action: Action

    /// Whether every baselined release is pinned and its tag still names the pin.
    public var holds: Bool { outcomes.allSatisfy(\.holds) }
  }

  /// The environments, in the order of the estate's baselines.
  public let environments: [Environment]

  /// 0 when every release of every environment is pinned and holds, else 1.
  public var exitCode: Int32 { environments.allSatisfy(\.holds) ? 0 : 1 }

  /// Decides what to pin, reading every baselined component's tags once per repository.
  /// - Parameters:
  ///   - estate: the estate, with the baselines of the environments to pin.
  ///   - repin: components whose pins may follow a moved tag (`--repin`).
  ///   - dryRun: whether to only say what would be written.
  ///   - now: the time written as `pinned_at`.
  ///   - by: `user@host`, written as `pinned_by`.
  ///   - repositories: where component repositories are opened.
  /// - Returns: the run, not yet written (``write(root:)``).
  /// - Throws: ``InputError`` when `repin` names a component that no chosen baseline names,
  ///   or one pinned by hand (`commit:`) in every chosen baseline that names it;
  ///   ``RepositoryError`` when a repository cannot be read.
  public static func plan(
    _ estate: Estate, repin: [String], dryRun: Bool, now: Date = Date(),
    by: String = RunContext.userAtHost,
    repositories: ComponentRepositories = ComponentRepositories()
  ) throws -> PinRun {
    try checkRepin(repin, estate: estate)
    let baselined = Set(estate.baselines.flatMap { $0.components.map(\.component) })
    let releases = try repositories.releases(
      of: baselined.sorted().compactMap { estate.components[$0] })
    let signatures = try signatures(of: estate, releases: releases, in: repositories)
    let environments = estate.baselines.map { baseline in
      let (file, pinned) = Pinning.pin(
        baseline, releases: releases, repin: Set(repin), now: now, by: by)
      let outcomes = pinned.map { refusingUnsigned($0, signatures: signatures) }
      let changed = file != baseline.pinFile && !(file.pins.isEmpty && baseline.pinFile == nil)
      let holds = outcomes.allSatisfy(\.holds)
      let action: Action =
        !changed
        ? .unchanged
        : (dryRun ? (holds ? .wouldWrite : .wouldNotWrite) : (holds ? .written : .notWritten))
      return Environment(
        environment: baseline.environment, path: PinFile.path(environment: baseline.environment),
        file: file, outcomes: outcomes, stalePins: baseline.stalePins, action: action)
    }
    return PinRun(environments: environments)
  }

  /// The signature of each baselined release's tag, by component and release, for the
  /// components whose `signatures:` requires signed tags.
  static func signatures(
    of estate: Estate, releases: [String: ReleaseIndex], in repositories: ComponentRepositories
  ) throws(RepositoryError) -> [String: TagSignature] {
    var result: [String: TagSignature] = [:]
    for baseline in estate.baselines {
      for entry in baseline.components {
        guard let component = estate.components[entry.component],
          let policy = component.signatures,
          let tag = releases[entry.component]?.builds(of: entry.release).first?.tag,
          result["\(entry.component) \(entry.release.text)"] == nil
        else { continue }
        result["\(entry.component) \(entry.release.text)"] = try repositories.with(
          component, doing: "checking the signature of tag \(tag.name)"
        ) { repository throws(GitError) in
          try SignatureCheck(policy: policy).judge(tag, in: repository)
        }
      }
    }
    return result
  }

  /// A new pin (or re-pin) of a tag that is not validly signed where signatures are required
  /// becomes a refusal: an approved build is never recorded on an unproven tag.
  static func refusingUnsigned(_ outcome: Pinning.Outcome, signatures: [String: TagSignature])
    -> Pinning.Outcome
  {
    guard [.pinned, .repinned].contains(outcome.status),
      let signature = signatures["\(outcome.component) \(outcome.release)"], !signature.isValid
    else { return outcome }
    return Pinning.Outcome(
      component: outcome.component, release: outcome.release, pin: nil, status: .badSignature,
      message: "NOT pinned: tag \(signature.tag) is not validly signed "
        + "(\(signature.verdictWords)): "
        + signature.detail)
  }

  /// `--repin` must name a component a chosen baseline pins through its pin file.
  static func checkRepin(_ repin: [String], estate: Estate) throws(InputError) {
    for name in repin {
      let entries = estate.baselines.flatMap { baseline in
        baseline.components.filter { $0.component == name }.map { (baseline, $0) }
      }
      guard !entries.isEmpty else {
        let known = estate.components[name] != nil
        let chosen = estate.baselines.map(\.environment).joined(separator: ", ")
        throw InputError(
          file: "--repin",
          message: known
            ? "\(name) is in no baseline chosen (\(chosen)): there is no pin of it to move"
            : "no component \"\(name)\" in Baselines/components.yaml (components: "
              + estate.components.keys.sorted().joined(separator: ", ") + ")")
      }
      let byHand = entries.filter { $0.1.pinSource == .baseline }
      if byHand.count == entries.count {
        let files = byHand.map(\.0.file).joined(separator: ", ")
        throw InputError(
          file: "--repin",
          message: "\(name) is pinned by hand (commit: in \(files)); --repin moves only pins "
            + "that baseline pin recorded. Review the move and edit commit: there")
      }
    }
  }

  /// Writes the pin file of every environment whose action is ``Action/written``.
  /// - Throws: ``OutputError`` naming the file when it cannot be written.
  public func write(root: URL) throws(OutputError) {
    for environment in environments where environment.action == .written {
      try AtomicFile.write(
        environment.file.yaml(), to: root.appendingPathComponent(environment.path),
        named: environment.path)
    }
  }

  /// The table for people: per environment, what was done with its file and the counts, then
  /// one row per release.
  public func text() -> String {
    var out = ""
    for environment in environments {
      let counts = Dictionary(grouping: environment.outcomes, by: \.status).sorted {
        $0.key.rawValue < $1.key.rawValue
      }
      .map { "\($0.value.count) \($0.key.rawValue.replacingOccurrences(of: "_", with: " "))" }
      out +=
        "\(environment.environment): \(Self.describe(environment.action, environment.path)) "
        + "(\(counts.joined(separator: ", ")))\n"
      var rows: [[String]] = environment.outcomes.map { outcome in
        [
          outcome.component, outcome.release, outcome.pin.map(\.short) ?? "—",
          outcome.status.rawValue, outcome.message,
        ]
      }
      for stale in environment.stalePins {
        rows.append([
          stale.component, stale.release, String(stale.commit.hex.prefix(7)), "dropped",
          "the baseline no longer names this release",
        ])
      }
      if !rows.isEmpty { out += TextTable.render(rows, indent: "  ") }
    }
    return Terminal.safe(out)
  }

  static func describe(_ action: Action, _ path: String) -> String {
    switch action {
    case .unchanged: return "\(path) unchanged"
    case .written: return "wrote \(path)"
    case .notWritten: return "\(path) NOT written (fix what is below first)"
    case .wouldWrite: return "\(path) would be written"
    case .wouldNotWrite:
      return "\(path) would NOT be written (fix what is below first; the real run writes nothing)"
    }
  }
}
