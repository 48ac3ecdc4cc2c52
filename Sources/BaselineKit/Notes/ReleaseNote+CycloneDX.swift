public import Foundation

extension ReleaseNote {
  /// The note as a CycloneDX 1.6 JSON bill of materials: the component (type `application`)
  /// with a `vcs` external reference, its commit, tag and tree as `baseline:git:*`
  /// properties, the content as `pedigree.commits`, the defects and change requests as
  /// `releaseNotes.resolves` (`defect`, `enhancement`), and every file as a sub-component of
  /// type `file` with the SHA-1 and SHA-256 of its content and its blob id, mode and last
  /// change as properties.
  ///
  /// The serial number is derived from the component, tag and commit (the same release gives
  /// the same number); `generatedAt` is `metadata.timestamp`.
  public func cycloneDX(generatedAt: Date) -> String {
    let reference = "\(component)@\(release.version)"
    var properties = [
      CDXProperty("baseline:git:commit", release.commit.hex),
      CDXProperty("baseline:git:tag", release.tag),
      CDXProperty("baseline:git:tree", release.tree.hex),
      CDXProperty("baseline:release:type", release.type.rawValue),
      CDXProperty("baseline:regenerate", regenerate),
    ]
    if let since {
      properties.append(CDXProperty("baseline:since:release", since.version))
      properties.append(CDXProperty("baseline:since:commit", since.commit.hex))
    }
    if let folder { properties.append(CDXProperty("baseline:deployed", folder)) }
    properties += configuration.map {
      CDXProperty("baseline:configuration:\($0.environment):\($0.kind):\($0.key)", $0.value)
    }
    let files = self.files.map { file in
      CDXComponent(
        type: "file", name: file.path,
        hashes: file.sha1.map { sha1 in
          [CDXHash(alg: "SHA-1", content: sha1)]
            + (file.sha256.map { [CDXHash(alg: "SHA-256", content: $0)] } ?? [])
        },
        properties: [
          CDXProperty("baseline:git:blob", file.blob.hex),
          CDXProperty("baseline:git:mode", file.mode),
        ] + (file.lastChange.map { [CDXProperty("baseline:git:last_change", $0.hex)] } ?? [])
          + (file.lastChangeDate.map {
            [CDXProperty("baseline:git:last_change_date", Timestamp.string($0))]
          } ?? []))
    }
    let unclassified = workItems.filter { $0.kind == .item }.map(\.id)
    let notes = CDXReleaseNotes(
      type: release.type == .emergency ? "patch" : release.type.rawValue,
      title: "\(component) \(release.version)", timestamp: Timestamp.string(release.date),
      resolves: workItems.filter { $0.kind != .item }.map {
        CDXIssue(
          type: $0.kind == .defect ? "defect" : "enhancement", id: $0.id, name: $0.tracker?.summary)
      },
      notes: unclassified.isEmpty
        ? nil
        : [
          CDXNote(
            text: CDXText(
              content: "Also named by the content: " + unclassified.joined(separator: ", ")))
        ])
    let main = CDXComponent(
      type: "application", bomRef: reference, name: component, version: release.version,
      externalReferences: [
        CDXReference(type: "vcs", url: downloadURL ?? location, comment: "tag \(release.tag)")
      ],
      properties: properties,
      pedigree: CDXPedigree(
        commits: commits.map {
          CDXCommit(
            uid: $0.id.hex, url: nil,
            author: CDXIdentity(timestamp: Timestamp.string($0.date), person: $0.author),
            message: $0.summary)
        }),
      releaseNotes: notes, components: files)
    let bom = CDXBom(
      serialNumber: Self.serialNumber(),
      metadata: CDXMetadata(
        timestamp: Timestamp.string(generatedAt),
        tools: CDXTools(components: [
          CDXComponent(type: "application", name: "baseline", version: BaselineTool.version)
        ]),
        component: CDXComponent(type: "application", name: component, version: release.version)),
      components: [main])
    return JSONText.encode(bom)
  }

  /// A fresh `urn:uuid:` (a random, version 4 UUID): CycloneDX asks every BOM written to
  /// have its own serial number, even when its content has not changed.
  static func serialNumber() -> String {
    "urn:uuid:" + UUID().uuidString.lowercased()
  }
}
