import Crypto
public import Foundation

extension ReleaseNote {
  /// The note as an SPDX 2.3 JSON document: one package (the component at the release,
  /// `downloadLocation` `git+URL@commit`, `filesAnalyzed` with its verification code) that
  /// `CONTAINS` every file of the bill of materials, each with the SHA-1 and SHA-256 of its
  /// content. Licences are `NOASSERTION`: Baseline does not read them.
  ///
  /// The document namespace is derived from the component, tag and commit, as CycloneDX's
  /// serial number is; `generatedAt` is `creationInfo.created`.
  public func spdx(generatedAt: Date) -> String {
    let package = "SPDXRef-Package"
    let files = self.files.enumerated().compactMap { index, file -> SPDXFile? in
      guard let sha1 = file.sha1 else { return nil }
      return SPDXFile(
        SPDXID: "SPDXRef-File-\(index + 1)", fileName: "./" + file.path,
        checksums: [SPDXChecksum(algorithm: "SHA1", checksumValue: sha1)]
          + (file.sha256.map { [SPDXChecksum(algorithm: "SHA256", checksumValue: $0)] } ?? []),
        comment: "git blob \(file.blob.hex), mode \(file.mode)"
          + (file.lastChange.map { ", last changed in \($0.hex)" } ?? ""))
    }
    let code = TextDigest.hex(
      Insecure.SHA1.hash(
        data: Data(files.map { $0.checksums[0].checksumValue }.sorted().joined().utf8)))
    let uuid = Self.serialNumber()
    let document = SPDXDocument(
      name: "\(component)-\(release.version)",
      documentNamespace:
        "https://baseline.invalid/spdx/\(Self.idText(component))-\(Self.idText(release.version))-\(uuid.dropFirst("urn:uuid:".count))",
      creationInfo: SPDXCreationInfo(
        created: Timestamp.string(generatedAt), creators: ["Tool: baseline-\(BaselineTool.version)"]
      ),
      documentDescribes: [package],
      packages: [
        SPDXPackage(
          SPDXID: package, name: component, versionInfo: release.version,
          downloadLocation: downloadURL.map { "git+\($0)@\(release.commit.hex)" } ?? "NOASSERTION",
          packageVerificationCode: SPDXVerificationCode(packageVerificationCodeValue: code),
          sourceInfo:
            "git repository \(location), tag \(release.tag), commit \(release.commit.hex), tree \(release.tree.hex)",
          releaseDate: Timestamp.string(release.date),
          hasFiles: files.map(\.SPDXID))
      ],
      files: files,
      relationships: [
        SPDXRelationship(
          spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES",
          relatedSpdxElement: package)
      ]
        + files.map {
          SPDXRelationship(
            spdxElementId: package, relationshipType: "CONTAINS", relatedSpdxElement: $0.SPDXID)
        })
    return JSONText.encode(document)
  }

  /// Text for an SPDX id or namespace: letters, digits, `.` and `-` kept, the rest `-`.
  static func idText(_ text: String) -> String {
    String(
      text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "-" })
  }
}

private struct SPDXDocument: Encodable {
  let spdxVersion = "SPDX-2.3"
  let dataLicense = "CC0-1.0"
  let SPDXID = "SPDXRef-DOCUMENT"
  let name: String
  let documentNamespace: String
  let creationInfo: SPDXCreationInfo
  let documentDescribes: [String]
  let packages: [SPDXPackage]
  let files: [SPDXFile]
  let relationships: [SPDXRelationship]
}

private struct SPDXCreationInfo: Encodable {
  let created: String
  let creators: [String]
}

private struct SPDXPackage: Encodable {
  let SPDXID: String
  let name: String
  let versionInfo: String
  let downloadLocation: String
  let filesAnalyzed = true
  let packageVerificationCode: SPDXVerificationCode
  let sourceInfo: String
  let releaseDate: String
  let licenseConcluded = "NOASSERTION"
  let licenseDeclared = "NOASSERTION"
  let copyrightText = "NOASSERTION"
  let hasFiles: [String]
}

private struct SPDXVerificationCode: Encodable {
  let packageVerificationCodeValue: String
}

private struct SPDXFile: Encodable {
  let SPDXID: String
  let fileName: String
  let checksums: [SPDXChecksum]
  let comment: String
  let licenseConcluded = "NOASSERTION"
  let copyrightText = "NOASSERTION"
}

private struct SPDXChecksum: Encodable {
  let algorithm: String
  let checksumValue: String
}

private struct SPDXRelationship: Encodable {
  let spdxElementId: String
  let relationshipType: String
  let relatedSpdxElement: String
}
