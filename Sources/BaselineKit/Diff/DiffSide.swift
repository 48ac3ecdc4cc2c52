public import Foundation

/// One side of `baseline diff`: what an environment's baseline declares (now, or at an estate
/// revision) or what it runs now, component by component.
public struct DiffSide: Sendable {
  /// One component on one side.
  public struct Entry: Sendable, Hashable {
    /// The release, as declared or reported.
    public let release: String?
    /// The commit: a pin, or the commit observed (full id); `nil` when neither is known.
    public let commit: String?
    /// Settings by key.
    public let settings: [String: String]
    /// Files by path: their `sha256:` digests.
    public let files: [String: String]
  }

  /// The side as typed (`SIT-A@R3`).
  public let spec: String
  /// What was read: `Baselines/SIT-A.yaml at R3 (1a2b3c4)`, `SIT-A as the probes saw it at …`.
  public let description: String
  /// The environment.
  public let environment: String
  /// Each component, by name.
  public let entries: [String: Entry]
  /// Caveats (a probe that failed on the deployed side).
  public var notes: [String] = []

  /// The side a baseline declares.
  static func declared(_ baseline: Baseline, spec: String, description: String) -> DiffSide {
    var entries: [String: Entry] = [:]
    for entry in baseline.components {
      entries[entry.component] = Entry(
        release: entry.release.text, commit: entry.pin?.hex,
        settings: Dictionary(entry.settings.map { ($0.key, $0.value) }) { first, _ in first },
        files: Dictionary(entry.files.map { ($0.key, $0.value) }) { first, _ in first })
    }
    return DiffSide(
      spec: spec, description: description, environment: baseline.environment, entries: entries)
  }

  /// The side an environment runs: the drift check's rows (release and full commit) and the
  /// merged inventory's settings and file digests.
  public static func deployed(
    _ report: EnvironmentReport, runs: [ProbeRun], spec: String
  ) -> DiffSide {
    let inventory = Inventory.merged(runs, environment: report.environment).inventory
    let reported = Dictionary(inventory.components.map { ($0.name, $0) }) { first, _ in first }
    var entries: [String: Entry] = [:]
    for row in report.rows where row.deployed != nil || row.commit != nil {
      let item = reported[row.component]
      entries[row.component] = Entry(
        release: row.deployed, commit: row.commit, settings: item?.settings ?? [:],
        files: (item?.files ?? [:]).mapValues(\.digest))
    }
    let collected = report.collectedAt.map { " (collected \(Timestamp.human($0)))" } ?? ""
    var side = DiffSide(
      spec: spec, description: "what \(report.environment) runs, as its probes saw it\(collected)",
      environment: report.environment, entries: entries)
    if report.status == .incomplete {
      side.notes.append(
        "\(report.environment)'s inventory is incomplete (a probe failed or a component was not "
          + "reported): the deployed side may lack components")
    }
    return side
  }
}
