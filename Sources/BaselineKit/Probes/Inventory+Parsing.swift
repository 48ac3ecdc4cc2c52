import Foundation
import Git

extension Inventory {
  /// The schema name an inventory may carry in `"schema"`.
  public static let schema = "baseline.inventory/1"

  /// Reads an inventory from JSON text, strictly: unknown keys, wrong types, a missing
  /// environment or collection time are ``InputError``s with line and column.
  /// - Parameters:
  ///   - text: the JSON printed by a probe or saved to a file.
  ///   - source: the file or probe, as shown in messages.
  /// - Returns: the inventory, its values the text written.
  /// - Throws: ``InputError`` naming the source, line, column and key.
  public static func parse(_ text: String, source: String) throws(InputError) -> Inventory {
    let root = try strictJSON(text, source: source)
    guard root.isMapping else {
      throw root.error("expected a JSON object (baseline.inventory/1), found \(root.found)")
    }
    let fields = try root.fields(
      [
        "schema", "environment", "collected_at", "components", "probes", "probe_failures",
        "probe_conflicts",
      ],
      required: ["environment", "collected_at", "components"],
      expected: "an inventory (environment, collected_at, components)")
    if let schemaNode = fields["schema"] {
      let schema = try schemaNode.text(expected: "\"\(Self.schema)\"")
      guard schema == Self.schema else {
        throw schemaNode.error("expected \"\(Self.schema)\", found \"\(schema)\"")
      }
    }
    guard let environmentNode = fields["environment"], let timeNode = fields["collected_at"]
    else { throw root.error("incomplete inventory") }
    let environment = try environmentNode.name(expected: "an environment name")
    let timeText = try timeNode.text(expected: "a UTC time like 2026-11-29T01:00:00Z")
    guard let collectedAt = Timestamp.parse(timeText) else {
      throw timeNode.error(
        "expected an RFC 3339 time like 2026-11-29T01:00:00Z, found \"\(timeText)\"")
    }
    let components = try fields["components"].map(entries) ?? []
    return Inventory(
      environment: environment, collectedAt: collectedAt, components: components,
      failures: try fields["probe_failures"].map(probeFailures) ?? [],
      conflicts: try fields["probe_conflicts"].map(probeConflicts) ?? [],
      probes: try fields["probes"].map(probeRecords) ?? [])
  }

  /// The items of a list node, each with its key path (`name[index]`); `null` is no items.
  private static func items(_ node: YAMLNode, expected: String)
    throws(InputError) -> [YAMLNode]
  {
    if node.isNull { return [] }
    guard let items = node.sequence else {
      throw node.error("expected \(expected), found \(node.found)")
    }
    return items
  }

  /// Reads `probe_failures`: `[{"probe", "failure", "stderr"}]`.
  private static func probeFailures(_ list: YAMLNode) throws(InputError) -> [ProbeFailure] {
    var failures: [ProbeFailure] = []
    for node in try items(list, expected: "a list of probe failures") {
      let record = try node.fields(
        ["probe", "failure", "stderr"], required: ["probe", "failure"],
        expected: "a probe failure (probe, failure, stderr)")
      failures.append(
        ProbeFailure(
          probe: try record["probe"]?.name(expected: "a probe name") ?? "",
          failure: try record["failure"]?.text(expected: "why the probe failed") ?? "",
          standardError: String(
            (try record["stderr"]?.optionalText(expected: "text") ?? "").suffix(4096))))
    }
    return failures
  }

  /// Reads `probe_conflicts`: `[{"component", "field", "values": {probe: value}}]`.
  private static func probeConflicts(_ list: YAMLNode) throws(InputError) -> [Conflict] {
    var conflicts: [Conflict] = []
    for node in try items(list, expected: "a list of probe conflicts") {
      let record = try node.fields(
        ["component", "field", "values"], required: ["component", "field", "values"],
        expected: "a probe conflict (component, field, values)")
      var values: [ReportedValue] = []
      for (probe, _, value) in try record["values"]?.entries(expected: "probe names to values")
        ?? []
      {
        values.append(ReportedValue(probe: probe, value: try value.text(expected: "a value")))
      }
      conflicts.append(
        Conflict(
          component: try record["component"]?.name(expected: "a component name") ?? "",
          field: try record["field"]?.text(expected: "a field") ?? "", values: values))
    }
    return conflicts
  }

  /// Reads `components`: each component once, in the order reported.
  private static func entries(_ list: YAMLNode) throws(InputError) -> [Entry] {
    var entries: [Entry] = []
    var seen: Set<String> = []
    for node in try items(list, expected: "a list of components") {
      let entry = try node.fields(
        ["name", "version", "commit", "settings", "files"], required: ["name"],
        expected: "a component (name, version, commit, settings, files)")
      guard let nameNode = entry["name"] else { continue }
      let name = try nameNode.name(expected: "a component name")
      guard seen.insert(name).inserted else {
        throw nameNode.error("component \"\(name)\" is listed twice")
      }
      var settings: [String: String]?
      if let node = entry["settings"], !node.isNull {
        settings = Dictionary(
          try node.textMap(expected: "setting keys to values", skipNulls: true).map {
            ($0.key, $0.value)
          },
          uniquingKeysWith: { first, _ in first })
      }
      var files: [String: FileDigest]?
      if let node = entry["files"], !node.isNull {
        var digests: [String: FileDigest] = [:]
        for (path, _, value) in try node.entries(expected: "a mapping of file paths to digests") {
          digests[path] = try fileDigest(value)
        }
        files = digests
      }
      entries.append(
        Entry(
          name: name,
          version: Self.nonBlank(try entry["version"]?.optionalText(expected: "a release")),
          commit: Self.nonBlank(
            try entry["commit"]?.optionalText(expected: "a commit id or branch")),
          settings: settings, files: files))
    }
    return entries
  }

  /// Reads `probes`: `[{"probe", "status": "ok"|"failed", "failure", "exit_status",
  /// "duration_seconds", "stderr"}]`.
  private static func probeRecords(_ list: YAMLNode) throws(InputError) -> [ProbeRecord] {
    var records: [ProbeRecord] = []
    for node in try items(list, expected: "a list of probes") {
      let record = try node.fields(
        ["probe", "status", "failure", "exit_status", "duration_seconds", "stderr"],
        required: ["probe", "status"],
        expected: "a probe (probe, status, failure, exit_status, duration_seconds, stderr)")
      guard let statusNode = record["status"] else { continue }
      let status = try statusNode.text(expected: "ok or failed")
      guard status == "ok" || status == "failed" else {
        throw statusNode.error("expected ok or failed, found \"\(status)\"")
      }
      let failure = try record["failure"]?.optionalText(expected: "why the probe failed")
      if status == "failed", failure == nil {
        throw node.error("a failed probe needs failure: (why it failed)")
      }
      if status == "ok", failure != nil, let failureNode = record["failure"] {
        throw failureNode.error(
          "a probe with status ok has no failure; a probe that failed has status failed")
      }
      var exitStatus: Int32?
      if let exitNode = record["exit_status"], !exitNode.isNull {
        let text = try exitNode.text(expected: "an exit status (0 to 255)")
        guard exitNode.isPlain, let value = Int32(text), (0...255).contains(value) else {
          throw exitNode.error("expected an exit status (0 to 255), found \"\(text)\"")
        }
        exitStatus = value
      }
      var duration: TimeInterval = 0
      if let durationNode = record["duration_seconds"], !durationNode.isNull {
        let text = try durationNode.text(expected: "seconds")
        guard durationNode.isPlain, let value = Double(text), value.isFinite, value >= 0 else {
          throw durationNode.error("expected a number of seconds, found \"\(text)\"")
        }
        duration = value
      }
      records.append(
        ProbeRecord(
          probe: try record["probe"]?.name(expected: "a probe name") ?? "",
          failure: status == "failed" ? (failure ?? "") : nil, exitStatus: exitStatus,
          duration: duration,
          standardError: String(
            (try record["stderr"]?.optionalText(expected: "text") ?? "").suffix(4096))))
    }
    return records
  }

  /// Reads `text` as JSON, strictly (``JSONReader``: RFC 8259, no trailing comma, leading zero,
  /// comment, single quote, `NaN`, lone surrogate, duplicate key…), into a node tree with
  /// positions, every string and number the text written.
  static func strictJSON(_ text: String, source: String) throws(InputError) -> YAMLNode {
    // A byte order mark alone (or with blanks) is an empty file too.
    let body = text.hasPrefix("\u{FEFF}") ? text.utf8.dropFirst(3) : text.utf8[...]
    if body.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
      throw InputError(file: source, line: 1, column: 1, message: "the file is empty")
    }
    return YAMLNode(root: try JSONReader.read(text, source: source), file: source)
  }

  /// Blank text is nothing reported.
  private static func nonBlank(_ text: String?) -> String? {
    guard let text, !text.trimmingBlanks().isEmpty else { return nil }
    return text
  }

  private static func fileDigest(_ node: YAMLNode) throws(InputError) -> FileDigest {
    let expected = "a digest like sha256:<hex> or {digest, normalized_digest}"
    if case .scalar = node.node.content {
      let text = try node.text(expected: expected)
      guard FileDigest.isWellFormed(text) else {
        throw node.error("expected a digest like sha256:<64 hex digits>, found \"\(text)\"")
      }
      return FileDigest(text)
    }
    let fields = try node.fields(
      ["digest", "normalized_digest"], required: ["digest"], expected: expected)
    var values: [String] = []
    for key in ["digest", "normalized_digest"] {
      guard let valueNode = fields[key] else { continue }
      let text = try valueNode.text(expected: "sha256:<hex>")
      guard FileDigest.isWellFormed(text) else {
        throw valueNode.error("expected a digest like sha256:<64 hex digits>, found \"\(text)\"")
      }
      values.append(text)
    }
    return FileDigest(values[0], normalized: values.count > 1 ? values[1] : nil)
  }
}
