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
    let data = try YAMLNode.readData(url, shownAs: shown)
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputError(file: shown, message: "is not UTF-8 text")
    }
    let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    return SavedInventory(
      path: shown, sha256: "sha256:" + digest,
      inventory: try Inventory.parse(text, source: shown))
  }

  /// The probe outcomes the file stands for.
  ///
  /// A file that records its probes (`probes`) gives one run per probe, as the run that saved
  /// it had them: a failed probe is a failed run, and the inventory (with its recorded
  /// failures now carried by those runs) goes with the first probe that succeeded. A file
  /// without that record (an older one, or one a probe printed) is one run named
  /// `file <name>`.
  public var runs: [ProbeRun] {
    let records = inventory.probes
    guard !records.isEmpty else {
      return [
        ProbeRun(
          probe: "file \(URL(fileURLWithPath: path).lastPathComponent)",
          environment: inventory.environment, inventory: inventory, savedIn: path)
      ]
    }
    let observed = Inventory(
      environment: inventory.environment, collectedAt: inventory.collectedAt,
      components: inventory.components, conflicts: inventory.conflicts)
    let empty = Inventory(
      environment: inventory.environment, collectedAt: inventory.collectedAt, components: [])
    let firstSucceeded = records.firstIndex(where: \.succeeded)
    return records.enumerated().map { index, record in
      ProbeRun(
        probe: record.probe, environment: inventory.environment,
        inventory: record.succeeded ? (index == firstSucceeded ? observed : empty) : nil,
        failure: record.failure, exitStatus: record.exitStatus, duration: record.duration,
        standardError: record.standardError, savedIn: path)
    }
  }
}
