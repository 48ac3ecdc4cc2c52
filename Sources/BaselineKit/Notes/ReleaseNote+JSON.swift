import Foundation

extension ReleaseNote {
  /// The note as `baseline.notes/1` JSON (keys in snake case and sorted, UTC dates, full
  /// ids); an absent fact is `null`, never a missing key. Written by hand (``JSONValue``): a
  /// bill of materials can list tens of thousands of files.
  public func json() -> String {
    JSONValue.object([
      "schema": .string(Self.schema), "component": .string(component),
      "repository": .string(repository), "release": Self.value(release),
      "since": since.map(Self.value) ?? .null, "since_chosen": .text(sinceChosen),
      "regenerate": .string(regenerate), "commits": .array(commits.map(Self.value)),
      "shipped": .array(
        shipped.map {
          .object([
            "id": .string($0.id.hex), "summary": .string($0.summary),
            "shipped_as": .string($0.shippedAs.hex), "how": .string($0.how),
          ])
        }),
      "missing_from_since": .array(missingFromSince.map(Self.value)),
      "work_items": .array(workItems.map(Self.value)),
      "outstanding": outstanding.map { .array($0.map(Self.value)) } ?? .null,
      "defects_file": .text(defectsFile),
      "emergencies": .array(
        emergencies.map {
          .object([
            "release": .string($0.release), "tag": .string($0.tag),
            "commit": .string($0.commit.hex),
            "status": .string($0.status.rawValue), "missing": .array($0.missing.map(Self.value)),
            "note": .text($0.note), "work_items": .array($0.workItems.map(Self.value)),
          ])
        }),
      "files": .array(files.map(Self.value)), "folder": .text(folder),
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

  private static func date(_ date: Date?) -> JSONValue { .text(date.map(Timestamp.string)) }

  private static func value(_ release: NoteRelease) -> JSONValue {
    .object([
      "version": .string(release.version), "type": .string(release.type.rawValue),
      "tag": .string(release.tag), "tag_kind": .string(release.tagKind),
      "commit": .string(release.commit.hex), "tree": .string(release.tree.hex),
      "date": date(release.date), "date_source": .string(release.dateSource),
      "tagger": .text(release.tagger),
    ])
  }

  private static func value(_ commit: NoteCommit) -> JSONValue {
    .object([
      "id": .string(commit.id.hex), "summary": .string(commit.summary),
      "author": .string(commit.author), "date": date(commit.date),
      "is_merge": .bool(commit.isMerge),
      "merged_by": .text(commit.mergedBy?.hex),
      "work_items": .array(commit.workItems.map(JSONValue.string)),
    ])
  }

  private static func value(_ missing: MissingCommit) -> JSONValue {
    .object([
      "id": .string(missing.id.hex), "summary": .string(missing.summary),
      "author": .string(missing.author), "date": date(missing.date),
    ])
  }

  private static func value(_ item: WorkItem) -> JSONValue {
    .object([
      "id": .string(item.id), "kind": .string(item.kind.rawValue),
      "mentions": .array(
        item.mentions.map {
          .object(["commit": .string($0.commit.hex), "place": .string($0.place)])
        }),
      "tracker": item.tracker.map(value) ?? .null,
    ])
  }

  private static func value(_ defect: TrackerDefect) -> JSONValue {
    .object([
      "id": .string(defect.id), "severity": .text(defect.severity),
      "summary": .text(defect.summary),
      "status": .text(defect.status), "type": .text(defect.type),
    ])
  }

  private static func value(_ file: BillOfMaterialsFile) -> JSONValue {
    .object([
      "path": .string(file.path), "blob": .string(file.blob.hex),
      "size": file.size.map(JSONValue.integer) ?? .null, "mode": .string(file.mode),
      "last_change": .text(file.lastChange?.hex), "last_change_date": date(file.lastChangeDate),
      "sha1": .text(file.sha1), "sha256": .text(file.sha256),
    ])
  }
}
