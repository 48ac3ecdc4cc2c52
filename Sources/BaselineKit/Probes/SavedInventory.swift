import Crypto
public import Foundation

/// A saved inventory file (`--inventory FILE`, written by `baseline probe --output`), read for
/// a report or a Go / No-Go, with what the evidence needs to name it exactly.
public struct SavedInventory: Sendable, Hashable {
  /// The file, as given on the command line.
  public let path: String
  /// The SHA-256 of the file's bytes as read, `sha256:<64 hex>`.
  public let sha256: String
  /// The inventory it holds.
  public let inventory: Inventory

  /// When the inventory was collected (`collected_at`).
  public var collectedAt: Date { inventory.collectedAt }

  /// Makes a value (``read(_:)`` reads one from a file).
  public init(path: String, sha256: String, inventory: Inventory) {
    self.path = path
    self.sha256 = sha256
    self.inventory = inventory
  }

  /// Reads and parses a saved inventory, strictly.
  /// - Throws: ``InputError`` naming the file (and line and column) when it cannot be read or
  ///   is no valid inventory.
  public static func read(_ url: URL) throws(InputError) -> SavedInventory {
    let shown = url.path
    guard let file = try InputFile.read(url, shownAs: shown) else {
      throw InputError(file: shown, message: "cannot be read: no such file")
    }
    let text = try file.text()
    let digest = SHA256.hash(data: file.data).map { String(format: "%02x", $0) }.joined()
    return SavedInventory(
      path: shown, sha256: "sha256:" + digest,
      inventory: try Inventory.parse(text, source: shown))
  }

  /// The probe outcomes the file stands for.
  ///
  /// A file that records its probes (`probes`) gives one run per probe, as the run that saved
  /// it had them: a failed probe is a failed run, and the inventory goes with the first probe
  /// that succeeded. Its recorded failures (`probe_failures`) that a failed run does not
  /// carry (those a probe printed itself, or any the `probes` list does not account for) stay
  /// with that inventory, or, when no probe succeeded, are failed runs of their own: a
  /// recorded failure is never dropped. A file without that record (an older one, or one a
  /// probe printed) is one run named `file <name>`.
  public var runs: [ProbeRun] {
    let records = inventory.probes
    guard !records.isEmpty else {
      return [
        ProbeRun(
          probe: "file \(URL(fileURLWithPath: path).lastPathComponent)",
          environment: inventory.environment, inventory: inventory, savedIn: path)
      ]
    }
    // The failures the failed runs carry (as `baseline probe` wrote them), one each.
    var unaccounted = inventory.failures
    for record in records where !record.succeeded {
      let carried = Inventory.ProbeFailure(
        probe: record.probe, failure: record.failure ?? "no inventory",
        standardError: record.standardError)
      if let index = unaccounted.firstIndex(of: carried) { unaccounted.remove(at: index) }
    }
    let observed = Inventory(
      environment: inventory.environment, collectedAt: inventory.collectedAt,
      components: inventory.components, failures: unaccounted, conflicts: inventory.conflicts)
    let empty = Inventory(
      environment: inventory.environment, collectedAt: inventory.collectedAt, components: [])
    let firstSucceeded = records.firstIndex(where: \.succeeded)
    let runs = records.enumerated().map { index, record in
      ProbeRun(
        probe: record.probe, environment: inventory.environment,
        inventory: record.succeeded ? (index == firstSucceeded ? observed : empty) : nil,
        failure: record.failure, exitStatus: record.exitStatus, duration: record.duration,
        standardError: record.standardError, savedIn: path)
    }
    guard firstSucceeded == nil else { return runs }
    return runs
      + unaccounted.map { failure in
        ProbeRun(
          probe: failure.probe, environment: inventory.environment, inventory: nil,
          failure: failure.failure, exitStatus: nil, standardError: failure.standardError,
          savedIn: path)
      }
  }
}
