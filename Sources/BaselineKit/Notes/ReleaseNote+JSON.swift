import Foundation

extension ReleaseNote: Encodable {
  private enum CodingKeys: String, CodingKey {
    case schema, component, repository, release, since, sinceChosen, regenerate, commits
    case shipped, workItems, outstanding, defectsFile, emergencies, files, folder
    case configuration, notes, missingFromSince
  }

  /// The note as `baseline.notes/1` (keys in snake case, UTC dates, full ids); absent facts
  /// are `null`, never left out.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Self.schema, forKey: .schema)
    try container.encode(component, forKey: .component)
    try container.encode(repository, forKey: .repository)
    try container.encode(release, forKey: .release)
    try container.encode(since, forKey: .since)
    try container.encode(sinceChosen, forKey: .sinceChosen)
    try container.encode(regenerate, forKey: .regenerate)
    try container.encode(commits, forKey: .commits)
    try container.encode(shipped, forKey: .shipped)
    try container.encode(workItems, forKey: .workItems)
    try container.encode(outstanding, forKey: .outstanding)
    try container.encode(defectsFile, forKey: .defectsFile)
    try container.encode(emergencies, forKey: .emergencies)
    try container.encode(files, forKey: .files)
    try container.encode(folder, forKey: .folder)
    try container.encode(configuration, forKey: .configuration)
    try container.encode(notes, forKey: .notes)
    try container.encode(missingFromSince, forKey: .missingFromSince)
  }

  /// The note as `baseline.notes/1` JSON.
  public func json() -> String { JSONText.encodeModel(self) }
}
