import ArgumentParser

/// How `report` and `verify` observe environments: by running the probes, or from saved
/// inventories.
struct ObservationOptions: ParsableArguments {
  @Option(
    name: .customLong("inventory"),
    help: "Use this saved inventory (from probe --output) instead of running probes (repeatable).")
  var inventories: [String] = []

  @OptionGroup var probeOptions: ProbeOptions
}
