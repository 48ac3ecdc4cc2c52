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
      case .moved, .noTag, .ambiguous: return false
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
      let name = entry.component
      let release = entry.release.text
      let builds = releases[name]?.builds(of: entry.release) ?? []
      let commits = Set(builds.map(\.commit))
      let existing = entry.pinSource == .pinFile ? recorded[name] : nil
      func outcome(_ status: Status, _ pin: ObjectID?, _ message: String) {
        outcomes.append(
          Outcome(component: name, release: release, pin: pin, status: status, message: message))
      }
      if entry.pinSource == .baseline, let pin = entry.pin {
        if commits.count > 1 {
          let named = builds.map { "\($0.tag.name) -> \($0.commit.short)" }.joined(separator: ", ")
          outcome(
            .ambiguous, pin,
            "pinned in \(baseline.file) to \(pin.hex), and release \(release) is tagged on "
              + "different commits (\(named)); settle which build is the release")
        } else if commits == [pin] {
          outcome(
            .pinnedInBaseline, pin, "pinned in \(baseline.file) (commit:); the tag still names it")
        } else {
          let now = builds.first.map { "now names \($0.commit.hex)" } ?? "is gone"
          outcome(
            .moved, pin,
            "pinned in \(baseline.file) to \(pin.hex), but the tag \(now); "
              + "review the move and edit commit: in the baseline")
        }
        continue
      }
      guard let build = builds.first else {
        if let existing { pins.append(existing) }
        outcome(
          .noTag, existing?.commit, "no tag of the repository is release \(release): nothing to pin"
        )
        continue
      }
      if commits.count > 1 {
        if let existing { pins.append(existing) }
        let named = builds.map { "\($0.tag.name) -> \($0.commit.short)" }.joined(separator: ", ")
        outcome(
          .ambiguous, existing?.commit,
          "release \(release) is tagged on different commits (\(named)): which build is the "
            + "release must be settled before it is pinned")
        continue
      }
      let fresh = PinFile.Pin(
        component: name, release: release, tag: build.tag.name, commit: build.commit,
        pinnedAt: now, pinnedBy: by)
      guard let existing else {
        pins.append(fresh)
        outcome(.pinned, build.commit, "pinned to \(build.commit.hex) (tag \(build.tag.name))")
        continue
      }
      if existing.commit == build.commit {
        pins.append(existing)
        outcome(.kept, existing.commit, "pin holds (tag \(build.tag.name))")
      } else if repin.contains(name) {
        pins.append(fresh)
        outcome(
          .repinned, build.commit,
          "re-pinned from \(existing.commit.hex) to \(build.commit.hex), where tag "
            + "\(build.tag.name) now points (--repin)")
      } else {
        pins.append(existing)
        outcome(
          .moved, existing.commit,
          "MOVED: pinned to \(existing.commit.hex), but tag \(build.tag.name) now names "
            + "\(build.commit.hex); the pin is kept. After review, --repin \(name) moves it")
      }
    }
    return (PinFile(environment: baseline.environment, pins: pins), outcomes)
  }
}
