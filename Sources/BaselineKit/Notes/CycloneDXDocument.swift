// The shape of a CycloneDX 1.6 JSON document, as far as Baseline writes it: each type is
// one object of the schema, its properties named as the schema names them.

struct CDXProperty: Encodable {
  let name: String
  let value: String
  init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

struct CDXBom: Encodable {
  let bomFormat = "CycloneDX"
  let specVersion = "1.6"
  let serialNumber: String
  let version = 1
  let metadata: CDXMetadata
  let components: [CDXComponent]
}

struct CDXMetadata: Encodable {
  let timestamp: String
  let tools: CDXTools
  let component: CDXComponent
}

struct CDXTools: Encodable {
  let components: [CDXComponent]
}

struct CDXComponent: Encodable {
  let type: String
  var bomRef: String? = nil
  let name: String
  var version: String? = nil
  var hashes: [CDXHash]? = nil
  var externalReferences: [CDXReference]? = nil
  var properties: [CDXProperty]? = nil
  var pedigree: CDXPedigree? = nil
  var releaseNotes: CDXReleaseNotes? = nil
  var components: [CDXComponent]? = nil
  enum CodingKeys: String, CodingKey {
    case type, name, version, hashes, externalReferences, properties, pedigree, releaseNotes
    case components
    case bomRef = "bom-ref"
  }
}

struct CDXHash: Encodable {
  let alg: String
  let content: String
}

struct CDXReference: Encodable {
  let type: String
  let url: String
  let comment: String
}

struct CDXPedigree: Encodable {
  let commits: [CDXCommit]
}

struct CDXCommit: Encodable {
  let uid: String
  let url: String?
  let author: CDXIdentity
  let message: String
}

struct CDXIdentity: Encodable {
  let timestamp: String
  let name: String
  let email: String?

  /// An identity from `Name <email>`.
  init(timestamp: String, person: String) {
    self.timestamp = timestamp
    if let open = person.range(of: " <", options: .backwards), person.hasSuffix(">") {
      name = String(person[..<open.lowerBound])
      let address = String(person[open.upperBound...].dropLast())
      email = address.contains("@") ? address : nil
    } else {
      name = person
      email = nil
    }
  }
}

struct CDXReleaseNotes: Encodable {
  let type: String
  let title: String
  let timestamp: String
  let resolves: [CDXIssue]
  let notes: [CDXNote]?
}

struct CDXIssue: Encodable {
  let type: String
  let id: String
  let name: String?
}

struct CDXNote: Encodable {
  let text: CDXText
}

struct CDXText: Encodable {
  let content: String
}
