public import Foundation

extension EnvironmentPicture {
  /// The picture as a CycloneDX 1.6 JSON bill of materials: the environment as the subject
  /// (`metadata.component`, type `platform`), and every component running there as an
  /// `application` with the release observed as its version, and its commit, tag, baseline
  /// release and verdict as `baseline:*` properties. A component declared and not observed is
  /// listed without a version.
  public func cycloneDX() -> String {
    let components = self.components.map { item in
      var properties = [CDXProperty("baseline:verdict", item.verdict)]
      if let baseline = item.baseline {
        properties.append(CDXProperty("baseline:baseline:release", baseline))
      }
      if let commit = item.commit { properties.append(CDXProperty("baseline:git:commit", commit)) }
      if let tag = item.tag { properties.append(CDXProperty("baseline:git:tag", tag)) }
      properties += item.findings.map { CDXProperty("baseline:finding", $0) }
      properties += (item.carriedBy ?? []).map {
        CDXProperty("baseline:emergency:carried_by:\($0.name)", $0.status.rawValue)
      }
      return CDXComponent(
        type: "application", bomRef: "\(environment)/\(item.component)", name: item.component,
        version: item.deployed, properties: properties)
    }
    var subject = [
      CDXProperty("baseline:status", status),
      CDXProperty("baseline:collected_at", collectedAt.map(Timestamp.string) ?? "not collected"),
    ]
    if let declaredRelease {
      subject.append(CDXProperty("baseline:declared_release", declaredRelease))
    }
    subject += accepted.map {
      CDXProperty(
        "baseline:accepted:\($0.component):\($0.kind)", "\($0.reference) until \($0.expires)")
    }
    let bom = CDXBom(
      serialNumber: ReleaseNote.serialNumber(),
      metadata: CDXMetadata(
        timestamp: Timestamp.string(generatedAt),
        tools: CDXTools(components: [
          CDXComponent(type: "application", name: "baseline", version: BaselineTool.version)
        ]),
        component: CDXComponent(
          type: "platform", name: environment, version: declaredRelease, properties: subject)),
      components: components)
    return JSONText.encode(bom)
  }
}
