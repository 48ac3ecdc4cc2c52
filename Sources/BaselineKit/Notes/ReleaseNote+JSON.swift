import Foundation

extension ReleaseNote {
  /// The note as `baseline.notes/1` JSON (keys in snake case and sorted, UTC dates, full
  /// ids); an absent fact is `null`, never a missing key. Written by hand (``JSONValue``): a
  /// bill of materials can list tens of thousands of files.
  public func json() -> String {
    JSONValue.object([
      "schema": .string(Self.schema), "component": .string(component),
      "repository": .string(repository), "release": NotesJSON.value(release),
      "since": since.map(NotesJSON.value) ?? .null, "since_chosen": .text(sinceChosen),
      "regenerate": .string(regenerate), "commits": .array(commits.map(NotesJSON.value)),
      "shipped": .array(
        shipped.map {
          .object([
            "id": .string($0.id.hex), "summary": .string($0.summary),
            "shipped_as": .string($0.shippedAs.hex), "how": .string($0.how),
          ])
        }),
      "missing_from_since": .array(missingFromSince.map(NotesJSON.value)),
      "work_items": .array(workItems.map(NotesJSON.value)),
      "outstanding": outstanding.map { .array($0.map(NotesJSON.value)) } ?? .null,
      "defects_file": .text(defectsFile),
      "emergencies": .array(emergencies.map(NotesJSON.value)),
      "files": .array(files.map(NotesJSON.value)), "folder": .text(folder),
      "configuration": .array(
        configuration.map {
          .object([
            "environment": .string($0.environment), "kind": .string($0.kind),
            "key": .string($0.key), "value": .string($0.value), "release": .string($0.release),
          ])
        }),
      "notes": .array(notes.map(JSONValue.string)),
      "provenance": provenance?.json ?? .null,
    ]).document
  }
}
