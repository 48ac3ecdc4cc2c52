import Foundation

/// The JSON shapes of what release notes and diffs list (commits, work items, emergency
/// releases, files, setting changes), written once here for `baseline.notes/1` and
/// `baseline.diff/1`: keys in snake case, absent facts `null`, dates UTC.
enum NotesJSON {
  static func date(_ date: Date?) -> JSONValue { .text(date.map(Timestamp.string)) }

  static func value(_ release: NoteRelease) -> JSONValue {
    .object([
      "version": .string(release.version), "type": .string(release.type.rawValue),
      "tag": .string(release.tag), "tag_kind": .string(release.tagKind),
      "commit": .string(release.commit.hex), "tree": .string(release.tree.hex),
      "date": date(release.date), "date_source": .string(release.dateSource),
      "tagger": .text(release.tagger),
    ])
  }

  static func value(_ commit: NoteCommit) -> JSONValue {
    .object([
      "id": .string(commit.id.hex), "summary": .string(commit.summary),
      "author": .string(commit.author), "date": date(commit.date),
      "is_merge": .bool(commit.isMerge),
      "merged_by": .text(commit.mergedBy?.hex),
      "work_items": .array(commit.workItems.map(JSONValue.string)),
    ])
  }

  static func value(_ missing: MissingCommit) -> JSONValue {
    .object([
      "id": .string(missing.id.hex), "summary": .string(missing.summary),
      "author": .string(missing.author), "date": date(missing.date),
    ])
  }

  static func value(_ item: WorkItem) -> JSONValue {
    .object([
      "id": .string(item.id), "kind": .string(item.kind.rawValue),
      "mentions": .array(
        item.mentions.map {
          .object(["commit": .string($0.commit.hex), "place": .string($0.place)])
        }),
      "tracker": item.tracker.map(value) ?? .null,
    ])
  }

  static func value(_ defect: TrackerDefect) -> JSONValue {
    .object([
      "id": .string(defect.id), "severity": .text(defect.severity),
      "summary": .text(defect.summary),
      "status": .text(defect.status), "type": .text(defect.type),
    ])
  }

  static func value(_ file: BillOfMaterialsFile) -> JSONValue {
    .object([
      "path": .string(file.path), "blob": .string(file.blob.hex),
      "size": file.size.map(JSONValue.integer) ?? .null, "mode": .string(file.mode),
      "last_change": .text(file.lastChange?.hex), "last_change_date": date(file.lastChangeDate),
      "sha1": .text(file.sha1), "sha256": .text(file.sha256),
    ])
  }

  static func value(_ hotfix: EmergencyCarried) -> JSONValue {
    .object([
      "release": .string(hotfix.release), "tag": .string(hotfix.tag),
      "commit": .string(hotfix.commit.hex), "status": .string(hotfix.status.rawValue),
      "missing": .array(hotfix.missing.map(value)), "note": .text(hotfix.note),
      "work_items": .array(hotfix.workItems.map(value)),
    ])
  }

  static func value(_ change: SettingChange) -> JSONValue {
    .object([
      "key": .string(change.key), "before": .text(change.before), "after": .text(change.after),
    ])
  }

  static func value(_ item: ComponentDiff) -> JSONValue {
    .object([
      "component": .string(item.component), "change": .string(item.change.rawValue),
      "before": .text(item.before), "after": .text(item.after),
      "before_commit": .text(item.beforeCommit?.hex), "after_commit": .text(item.afterCommit?.hex),
      "step": .text(item.step?.rawValue), "commits_added": .array(item.commitsAdded.map(value)),
      "commits_removed": .array(item.commitsRemoved.map(value)),
      "work_items": .array(item.workItems.map(value)), "settings": .array(item.settings.map(value)),
      "files": .array(item.files.map(value)), "dropped_fixes": .array(item.droppedFixes.map(value)),
      "notes": .array(item.notes.map(JSONValue.string)),
    ])
  }
}
