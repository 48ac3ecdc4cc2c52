/// One hotfix verdict against one target as every JSON document writes it
/// (`baseline.hotfixes/1`'s targets, `baseline.picture/1`'s `carried_by`): `target`, `commit`
/// (left out when unknown), `status`, `missing`, `note`, `carried`, `set_aside`.
struct HotfixTargetDocument: Encodable {
  struct Missing: Encodable {
    let commit: String
    let summary: String
    let author: String
    let date: String
  }
  struct SetAside: Encodable {
    let commit: String
    let summary: String
    let reason: String
    let match: String?
    let detail: String
  }
  struct Carried: Encodable {
    let commit: String
    let match: String
  }
  let target: String
  let commit: String?
  let status: String
  let missing: [Missing]
  let note: String?
  let carried: [Carried]
  let setAside: [SetAside]
  enum CodingKeys: String, CodingKey {
    case target, commit, status, missing, note, carried
    case setAside = "set_aside"
  }

  init(_ target: HotfixTarget) {
    self.target = target.name
    commit = target.commit?.hex
    status = target.status.rawValue
    missing = target.missing.map {
      Missing(
        commit: $0.id.hex, summary: $0.summary, author: $0.author, date: Timestamp.string($0.date))
    }
    note = target.note
    carried = target.carried.map { Carried(commit: $0.commit.hex, match: $0.match.hex) }
    setAside = target.setAside.map {
      SetAside(
        commit: $0.commit.hex, summary: $0.summary, reason: $0.reason.rawValue,
        match: $0.match?.hex, detail: $0.detail)
    }
  }
}
