public import Foundation
import Git

/// What `report` and `verify` compare: the estate's chosen baselines and the probe outcomes of
/// their environments, either from running the probes now or from saved inventories
/// (`--inventory`), each naming its environment.
public struct Observation: Sendable {
  /// The estate, restricted to the environments observed.
  public let estate: Estate
  /// The probe outcomes, in the order of the baselines and their probes (or of the files).
  public let runs: [ProbeRun]
  /// The saved inventories read, in the order given; empty when the probes ran now.
  public let savedInventories: [SavedInventory]

  /// Makes an observation from values.
  public init(estate: Estate, runs: [ProbeRun], savedInventories: [SavedInventory] = []) {
    self.estate = estate
    self.runs = runs
    self.savedInventories = savedInventories
  }

  /// Loads the estate and observes its environments.
  /// - Parameters:
  ///   - root: the estate root.
  ///   - environments: the environments asked for (`--env`); empty: all, or (with saved
  ///     inventories) those the files describe.
  ///   - inventories: saved inventory files (`--inventory`); empty: run the probes.
  ///   - timeout: each probe's time limit in seconds.
  ///   - jobs: how many probes run at once.
  ///   - progress: told as each probe starts and ends (``ProbeProgress``); `nil` for nothing.
  /// - Returns: the estate restricted to what was observed, and the outcomes.
  /// - Throws: ``InputError`` or ``InputErrors`` for a bad estate file, a probe that is not an
  ///   executable under `Probes/`, an unreadable or invalid inventory, an inventory of an
  ///   environment not chosen or not in the estate, or an environment with no inventory given.
  public static func collect(
    root: URL, environments: [String], inventories: [String], timeout: TimeInterval,
    jobs: Int = ProbeRunner.defaultJobs, progress: (@Sendable (ProbeProgress) -> Void)? = nil
  ) throws -> Observation {
    let estate = try Estate.load(root: root, environments: environments)
    guard !inventories.isEmpty else {
      try estate.checkProbes()
      var runner = ProbeRunner(timeout: timeout)
      runner.jobs = jobs
      runner.progress = progress
      return Observation(estate: estate, runs: runner.run(estate.baselines, root: root))
    }
    var saved: [SavedInventory] = []
    for path in inventories {
      saved.append(try SavedInventory.read(URL(fileURLWithPath: path)))
    }
    return try matching(saved, to: estate, chosen: !environments.isEmpty)
  }

  /// Matches saved inventories to the estate's baselines.
  /// - Parameters:
  ///   - saved: the files read.
  ///   - estate: the estate with the baselines chosen.
  ///   - chosen: whether `--env` chose the environments (else those of the files are taken).
  /// - Returns: the observation of the environments the files describe.
  /// - Throws: ``InputError`` for a file of an environment that is not chosen (or has no
  ///   baseline), and for a chosen environment that no file describes.
  public static func matching(_ saved: [SavedInventory], to estate: Estate, chosen: Bool)
    throws(InputError) -> Observation
  {
    let known = Set(estate.baselines.map(\.environment))
    if let stray = saved.first(where: { !known.contains($0.inventory.environment) }) {
      let environment = stray.inventory.environment
      let hint =
        chosen
        ? "it is not among the environments asked for" : "there is no Baselines/\(environment).yaml"
      throw InputError(
        file: stray.path, message: "an inventory of \"\(environment)\", but \(hint)")
    }
    let named = Set(saved.map(\.inventory.environment))
    let observed = chosen ? estate : estate.restricted(to: named)
    if let missing = observed.baselines.first(where: { !named.contains($0.environment) }) {
      throw InputError(
        file: "--inventory",
        message: "no inventory given for environment \"\(missing.environment)\"")
    }
    var runs = saved.flatMap(\.runs)
    for baseline in observed.baselines {
      runs += unrecordedProbes(of: baseline, in: saved, root: estate.root)
    }
    return Observation(estate: observed, runs: runs, savedInventories: saved)
  }

  /// The probes an environment's baseline runs that its saved inventories, though they record
  /// their probes, do not list: each is a failed run, so that "every probe ran" is never
  /// passed for a probe that did not run when the files were saved. Files that record no
  /// probes (a probe's own output) say nothing either way and add none.
  static func unrecordedProbes(of baseline: Baseline, in saved: [SavedInventory], root: URL)
    -> [ProbeRun]
  {
    let files = saved.filter {
      $0.inventory.environment.hasSameBytes(as: baseline.environment)
        && !$0.inventory.probes.isEmpty
    }
    guard !files.isEmpty else { return [] }
    let recorded = Set(files.flatMap { $0.inventory.probes.map(\.probe) })
    let expected = ProbeRunner.probes(for: baseline, in: root.appendingPathComponent("Probes"))
    let paths = files.map(\.path).joined(separator: ", ")
    return expected.filter { !recorded.contains($0) }.map { probe in
      ProbeRun(
        probe: probe, environment: baseline.environment, inventory: nil,
        failure: "not run: \(baseline.file) runs it, and the saved inventory (\(paths)) does not "
          + "record it", exitStatus: nil, savedIn: files[0].path)
    }
  }
}
