/// What `baseline probe` gives for one environment: its probes' inventories merged into one
/// (the file `report --inventory` reads back) and, for people, every problem on the way.
public struct CollectedInventory: Sendable {
  /// The merged inventory, with the probes' outcomes, failures and disagreements recorded.
  public let inventory: Inventory
  /// One sentence per failed probe (now, or as recorded in an inventory a probe printed) and
  /// per disagreement between probes.
  public let problems: [String]

  /// 0 when every probe gave an inventory and they agree, else 1.
  public var exitCode: Int32 { problems.isEmpty ? 0 : 1 }

  /// A line for the log of a job that writes the inventory to a file.
  public var summary: String {
    "\(inventory.components.count) components, "
      + "\(problems.count) problem\(problems.count == 1 ? "" : "s")"
  }

  /// Merges one environment's probe outcomes (``Inventory/merged(_:environment:now:)``).
  /// - Parameters:
  ///   - runs: the outcomes of the environment's probes.
  ///   - environment: the environment.
  public init(runs: [ProbeRun], environment: String) {
    var problems: [String] = []
    for run in runs where run.inventory == nil {
      problems.append("probe \(run.probe) failed: \(run.failure ?? "no inventory")")
    }
    for run in runs {
      for failure in run.inventory?.failures ?? [] {
        problems.append(
          "probe \(run.probe) records that \(failure.probe) failed: \(failure.failure)")
      }
    }
    let merged = Inventory.merged(runs, environment: environment)
    for conflict in merged.conflicts {
      problems.append(conflict.message(in: environment) + "; the first probe's value is printed")
    }
    self.inventory = merged.inventory
    self.problems = problems
  }
}
