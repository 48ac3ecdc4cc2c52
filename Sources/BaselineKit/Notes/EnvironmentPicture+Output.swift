import Foundation

extension EnvironmentPicture: Encodable {
  private enum CodingKeys: String, CodingKey {
    case schema, environment, generatedAt, collectedAt, declaredRelease, status, probes
    case components, findings, accepted, changes, changesNote, provenance
  }

  /// The picture as `baseline.picture/1` (keys in snake case, UTC dates); absent facts are
  /// `null`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Self.schema, forKey: .schema)
    try container.encode(environment, forKey: .environment)
    try container.encode(generatedAt, forKey: .generatedAt)
    try container.encode(collectedAt, forKey: .collectedAt)
    try container.encode(declaredRelease, forKey: .declaredRelease)
    try container.encode(status, forKey: .status)
    try container.encode(probes, forKey: .probes)
    try container.encode(components, forKey: .components)
    try container.encode(findings, forKey: .findings)
    try container.encode(accepted, forKey: .accepted)
    try container.encode(changes, forKey: .changes)
    try container.encode(changesNote, forKey: .changesNote)
    try container.encode(provenance.map { ProvenanceDocument($0) }, forKey: .provenance)
  }

  /// The picture as `baseline.picture/1` JSON.
  public func json() -> String { JSONText.encodeModel(self) }

  /// The picture as a Markdown page, the page a Release Note appends.
  public func markdown() -> String {
    var out =
      "# \(Markdown.text(environment)): the true picture, \(Timestamp.human(generatedAt))\n\n"
    out += "| | |\n|---|---|\n"
    out += "| Status | \(status) |\n"
    out += "| Baseline declared for | \(declaredRelease.map(Markdown.cell) ?? "—") |\n"
    out += "| Inventory collected | \(collectedAt.map(Timestamp.human) ?? "not collected") |\n"
    out += "| Probes | \(probes.map(Markdown.cell).joined(separator: "; ")) |\n"
    if let provenance { out += "| This picture | \(provenance.markdown) |\n" }
    out += "\n## Components: \(components.count)\n\n"
    out +=
      "| component | baseline | running | commit | tag of the build running | verdict |\n|---|---|---|---|---|---|\n"
    for item in components {
      var verdict =
        item.findings.isEmpty
        ? item.verdict : "\(item.verdict): \(item.findings.joined(separator: ", "))"
      if item.commit == nil, item.deployed != nil {
        verdict += " (version only: no commit seen, so the build is not shown to be the tagged one)"
      }
      out +=
        "| \(Markdown.cell(item.component)) | \(Markdown.cell(item.baseline ?? "—")) | "
        + "\(Markdown.cell(item.deployed ?? "—")) | \(item.commit.map { Markdown.code($0) } ?? "—") | "
        + "\(item.tag.map { $0.isEmpty ? "untagged" : Markdown.code($0) } ?? "no commit seen") | "
        + "\(verdict) |\n"
    }
    out += emergencySection()
    out += "\n## Findings: \(findings.count) open\n\n"
    out += findings.isEmpty ? "None.\n" : Markdown.bullets(findings.map(Markdown.text))
    out += "\n## Accepted deviations: \(accepted.count)\n\n"
    if accepted.isEmpty {
      out += "None.\n"
    } else {
      out +=
        "| component | kind | key | value | reference | until | reason | in use |\n|---|---|---|---|---|---|---|---|\n"
      for item in accepted {
        out +=
          "| \(Markdown.cell(item.component)) | \(item.kind) | \(Markdown.cell(item.key ?? "—")) | "
          + "\(Markdown.cell(item.actual ?? "—")) | \(Markdown.cell(item.reference)) | \(item.expires) | "
          + "\(Markdown.cell(item.reason)) | \(item.inUse ? "yes" : "no: nothing to accept now") |\n"
      }
    }
    out += changeSection()
    return out
  }

  private func emergencySection() -> String {
    let running = components.filter { $0.carriedBy != nil }
    var out = "\n## Emergency releases running: \(running.count)\n\n"
    guard !running.isEmpty else { return out + "None.\n" }
    out += "| component | release | carried by | verdict | note |\n|---|---|---|---|---|\n"
    for item in running {
      for target in item.carriedBy ?? [] {
        out +=
          "| \(Markdown.cell(item.component)) | \(Markdown.cell(item.deployed ?? "—")) | "
          + "\(Markdown.cell(target.name)) | \(target.status.rawValue) | \(Markdown.cell(target.note ?? "—")) |\n"
      }
    }
    return out
  }

  private func changeSection() -> String {
    var out = "\n## Since the previous run\n\n"
    guard let changes else {
      return out + Markdown.text(changesNote ?? "not known") + "\n"
    }
    // Shown as every other time people read ("2026-12-04 09:10 UTC"); JSON keeps RFC 3339.
    let previous = Timestamp.parse(changes.previousRun).map(Timestamp.human) ?? changes.previousRun
    out += "Previous run: \(Markdown.text(previous)).\n\n"
    if changes.deployments.isEmpty {
      out += "No component changed.\n"
    } else {
      out += "| component | before | now |\n|---|---|---|\n"
      for change in changes.deployments {
        out +=
          "| \(Markdown.cell(change.component)) | \(Markdown.cell(change.before)) | \(Markdown.cell(change.after)) |\n"
      }
    }
    if !changes.newFindings.isEmpty {
      out += "\nNew findings:\n\n" + Markdown.bullets(changes.newFindings.map(Markdown.text))
    }
    if !changes.resolvedFindings.isEmpty {
      out +=
        "\nResolved findings:\n\n" + Markdown.bullets(changes.resolvedFindings.map(Markdown.text))
    }
    return out
  }
}

/// ``Provenance`` in a `JSONEncoder` document.
private struct ProvenanceDocument: Encodable {
  let generatedAt: Date
  let toolVersion: String
  let command: String
  @NullWhenAbsent var estateCommit: String?

  init(_ provenance: Provenance) {
    generatedAt = provenance.generatedAt
    toolVersion = provenance.toolVersion
    command = provenance.command
    estateCommit = provenance.estateCommit
  }
}
