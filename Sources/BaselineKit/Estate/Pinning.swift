public import Foundation
public import Git

/// `baseline pin`: records, for each baselined release of an environment, the commit its tag
/// names now (``PinFile``), so that a later move of the tag is caught as `moved_tag`.
///
/// A pin is never moved silently: when a release's tag names another commit than its pin, the
/// pin is kept and the move reported, unless the component is named in `repin` (a release
/// manager who has reviewed the move). A release pinned by hand (`commit:` in the baseline) is
/// checked, never copied into the pin file. A release with no tag, or tagged on two commits,
/// cannot be pinned.
public enum Pinning {
  /// What happened to one baselined release.
  public struct Outcome: Sendable, Hashable {
    /// The component.
    public let component: String
    /// The baselined release.
    public let release: String
    /// The commit pinned after this run, if any.
    public let pin: ObjectID?
    /// What happened.
    public let status: Status
    /// The sentence for people.
    public let message: String
    /// Whether the release is pinned and its tag still names the pin.
    public var holds: Bool {
      switch status {
      case .pinned, .kept, .repinned, .pinnedInBaseline: return true
      case .moved, .noTag, .ambiguous, .badSignature: return false
      }
    }
  }

  /// What `pin` did with a release.
  public enum Status: String, Sendable, Hashable, Codable {
    /// Newly pinned to the commit its tag names.
    case pinned
    /// Already pinned to that commit.
    case kept
    /// The tag moved, and `--repin` moved the pin with it.
    case repinned
    /// The tag moved; the pin was kept and the move is reported.
    case moved
    /// Pinned by `commit:` in the baseline, and the tag still names it.
    case pinnedInBaseline = "pinned_in_baseline"
    /// The release has no tag.
    case noTag = "no_tag"
    /// The release is tagged on two or more commits.
    case ambiguous
    /// The component requires signed tags (`signatures:`) and the tag a new pin would follow
    /// is not validly signed by an allowed signer: nothing is pinned.
    case badSignature = "bad_signature"
  }

  /// Computes an environment's pins.
  /// - Parameters:
  ///   - baseline: the environment's baseline, read with its current pin file.
  ///   - releases: each baselined component's tagged builds.
  ///   - repin: components whose pins may follow a moved tag.
  ///   - now: the time written as `pinned_at` for new pins.
  ///   - by: `user@host`, written as `pinned_by` for new pins.
  /// - Returns: the pin file to write (pins of releases no longer baselined are dropped) and
  ///   one outcome per baselined component, in baseline order.
  public static func pin(
    _ baseline: Baseline, releases: [String: ReleaseIndex], repin: Set<String> = [],
    now: Date = Date(), by: String
  ) -> (file: PinFile, outcomes: [Outcome]) {
    var pins: [PinFile.Pin] = []
    var outcomes: [Outcome] = []
    let recorded = Dictionary(
      (baseline.pinFile?.pins ?? []).map { ($0.component, $0) }, uniquingKeysWith: { a, _ in a })
    for entry in baseline.components {
      let builds = releases[entry.component]?.builds(of: entry.release) ?? []
      if entry.pinSource == .baseline, let pin = entry.pin {
        outcomes.append(handPin(entry, pin: pin, builds: builds, file: baseline.file))
        continue
      }
      let existing = entry.pinSource == .pinFile ? recorded[entry.component] : nil
      let fresh = builds.first.map {
        PinFile.Pin(
          component: entry.component, release: entry.release.text, tag: $0.tag.name,
          commit: $0.commit, pinnedAt: now, pinnedBy: by)
      }
      let (kept, outcome) = filePin(
        entry, builds: builds, existing: existing, fresh: fresh,
        repin: repin.contains(entry.component))
      if let kept { pins.append(kept) }
      outcomes.append(outcome)
    }
    return (PinFile(environment: baseline.environment, pins: pins), outcomes)
  }

  /// A release pinned by hand (`commit:` in the baseline) is checked, never copied.
  static func handPin(_ entry: Baseline.Entry, pin: ObjectID, builds: [TaggedBuild], file: String)
    -> Outcome
  {
    let release = entry.release.text
    func outcome(_ status: Status, _ message: String) -> Outcome {
      Outcome(
        component: entry.component, release: release, pin: pin, status: status, message: message)
    }
    let commits = Set(builds.map(\.commit))
    if commits.count > 1 {
      return outcome(
        .ambiguous,
        "pinned in \(file) to \(pin.hex), and release \(release) is tagged on different "
          + "commits (\(named(builds))); settle which build is the release")
    }
    if commits == [pin] {
      return outcome(.pinnedInBaseline, "pinned in \(file) (commit:); the tag still names it")
    }
    let now = builds.first.map { "now names \($0.commit.hex)" } ?? "is gone"
    return outcome(
      .moved,
      "pinned in \(file) to \(pin.hex), but the tag \(now); review the move and edit commit: "
        + "in the baseline")
  }

  /// A release pinned in the pin file: the pin to keep or write, and what happened. A pin is
  /// kept whenever the release cannot be pinned afresh, and moves only with `repin`.
  static func filePin(
    _ entry: Baseline.Entry, builds: [TaggedBuild], existing: PinFile.Pin?, fresh: PinFile.Pin?,
    repin: Bool
  ) -> (PinFile.Pin?, Outcome) {
    let name = entry.component
    let release = entry.release.text
    func outcome(_ status: Status, _ pin: ObjectID?, _ message: String) -> Outcome {
      Outcome(component: name, release: release, pin: pin, status: status, message: message)
    }
    guard let fresh else {
      return (
        existing,
        outcome(
          .noTag, existing?.commit, "no tag of the repository is release \(release): nothing to pin"
        )
      )
    }
    if Set(builds.map(\.commit)).count > 1 {
      return (
        existing,
        outcome(
          .ambiguous, existing?.commit,
          "release \(release) is tagged on different commits (\(named(builds))): which build is "
            + "the release must be settled before it is pinned")
      )
    }
    guard let existing else {
      return (
        fresh, outcome(.pinned, fresh.commit, "pinned to \(fresh.commit.hex) (tag \(fresh.tag))")
      )
    }
    if existing.commit == fresh.commit {
      return (existing, outcome(.kept, existing.commit, "pin holds (tag \(fresh.tag))"))
    }
    if repin {
      return (
        fresh,
        outcome(
          .repinned, fresh.commit,
          "re-pinned from \(existing.commit.hex) to \(fresh.commit.hex), where tag "
            + "\(fresh.tag) now points (--repin)")
      )
    }
    return (
      existing,
      outcome(
        .moved, existing.commit,
        "MOVED: pinned to \(existing.commit.hex), but tag \(fresh.tag) now names "
          + "\(fresh.commit.hex); the pin is kept. After review, --repin \(name) moves it")
    )
  }

  /// `tag -> commit` for each build, for messages.
  static func named(_ builds: [TaggedBuild]) -> String {
    builds.map { "\($0.tag.name) -> \($0.commit.short)" }.joined(separator: ", ")
  }
}
