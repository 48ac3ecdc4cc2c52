import Foundation

extension BaselineDiff: RenderedDocument {
  /// The diff for people: one block per component that changes.
  public func text() -> String {
    var out = "diff \(Terminal.line(from.spec)) -> \(Terminal.line(to.spec))\n"
    out += "  from: \(Terminal.line(from.description))\n  to:   \(Terminal.line(to.description))\n"
    for item in components where item.change != .same {
      out += "\n\(Terminal.line(item.component)): \(Self.headline(item))\n"
      for commit in item.commitsAdded {
        out += "  + \(commit.id.short) \(Terminal.line(commit.summary))\n"
      }
      for commit in item.commitsRemoved {
        out += "  - \(commit.id.short) \(Terminal.line(commit.summary))\n"
      }
      if !item.workItems.isEmpty {
        out +=
          "  defects and change requests: \(item.workItems.map { Terminal.line($0.id) }.joined(separator: ", "))\n"
      }
      for change in item.settings { out += "  setting \(Self.shown(change))\n" }
      for change in item.files { out += "  file \(Self.shown(change))\n" }
      for fix in item.droppedFixes {
        out +=
          "  DROPS emergency fix \(fix.release) (\(Terminal.line(fix.tag))): \(fix.status.rawValue) in the new release\n"
      }
      for note in item.notes { out += "  note: \(Terminal.line(note))\n" }
    }
    for note in notes { out += "\nnote: \(Terminal.line(note))\n" }
    out += "\n\(summary); exit \(exitCode).\n"
    return out
  }

  /// The diff as a Markdown page for the Board.
  public func markdown() -> String {
    var out = "# Baseline diff: \(Markdown.text(from.spec)) → \(Markdown.text(to.spec))\n\n"
    out += "- From: \(Markdown.text(from.description))\n- To: \(Markdown.text(to.description))\n\n"
    out +=
      "| component | change | before | after | step | commits | defects and CRs | dropped fixes |\n"
    out += "|---|---|---|---|---|---|---|---|\n"
    for item in components {
      out +=
        "| \(Markdown.cell(item.component)) | \(item.change.rawValue) | \(Markdown.cell(item.before ?? "—")) | "
        + "\(Markdown.cell(item.after ?? "—")) | \(item.step?.rawValue ?? "—") | "
        + "+\(item.commitsAdded.count) −\(item.commitsRemoved.count) | "
        + "\(Markdown.cell(item.workItems.map(\.id).joined(separator: ", "))) | "
        + "\(item.droppedFixes.isEmpty ? "none" : "**" + item.droppedFixes.map(\.release).joined(separator: ", ") + "**") |\n"
    }
    for item in components where item.change != .same {
      out +=
        "\n## \(Markdown.text(item.component)): \(Markdown.text(Self.headline(item)).replacingOccurrences(of: "-\\>", with: "→"))\n\n"
      out += Markdown.bullets(
        item.commitsAdded.map { "added `\($0.id.short)` \(Markdown.text($0.summary))" }
          + item.commitsRemoved.map { "removed `\($0.id.short)` \(Markdown.text($0.summary))" }
          + item.settings.map {
            "setting \(Markdown.text(Self.shown($0)).replacingOccurrences(of: "-\\>", with: "→"))"
          }
          + item.files.map {
            "file \(Markdown.text(Self.shown($0)).replacingOccurrences(of: "-\\>", with: "→"))"
          }
          + item.droppedFixes.map {
            "**drops emergency fix \(Markdown.text($0.release))** (\(Markdown.code($0.tag))): "
              + "\($0.status.rawValue) in the new release"
          }
          + item.notes.map { "note: \(Markdown.text($0))" })
    }
    if !notes.isEmpty { out += "\n## Notes\n\n" + Markdown.bullets(notes.map(Markdown.text)) }
    out += "\n\(Markdown.text(summary)).\n"
    return out
  }

  /// The diff as `baseline.diff/1` JSON (the shapes of ``NotesJSON``).
  public func json() -> String {
    func side(_ side: (spec: String, description: String)) -> JSONValue {
      .object(["spec": .string(side.spec), "description": .string(side.description)])
    }
    return JSONValue.object([
      "schema": .string(Self.schema), "from": side(from), "to": side(to), "same": .bool(isSame),
      "components": .array(components.map(NotesJSON.value)),
      "notes": .array(notes.map(JSONValue.string)),
    ]).document
  }

  /// `N components change (a added, r removed, u upgraded, b rolled back, c changed)`.
  var summary: String {
    func count(_ change: ComponentDiff.Change) -> Int {
      components.filter { $0.change == change }.count
    }
    let changed = components.filter { $0.change != .same }.count
    guard changed > 0 else { return "the two sides are the same" }
    let dropped = components.reduce(0) { $0 + $1.droppedFixes.count }
    return "\(changed) component(s) change: \(count(.added)) added, \(count(.removed)) removed, "
      + "\(count(.upgrade)) upgraded, \(count(.rollback)) rolled back, \(count(.changed)) changed"
      + (dropped > 0 ? "; \(dropped) emergency fix(es) would be dropped" : "")
  }

  static func headline(_ item: ComponentDiff) -> String {
    let step = item.step.map { " (\($0.rawValue) step)" } ?? ""
    switch item.change {
    case .added: return "added at \(item.after ?? "no release")"
    case .removed: return "removed (was \(item.before ?? "no release"))"
    case .upgrade: return "upgrade \(item.before ?? "") -> \(item.after ?? "")\(step)"
    case .rollback: return "ROLLBACK \(item.before ?? "") -> \(item.after ?? "")\(step)"
    case .changed:
      var parts: [String] = []
      if let old = item.beforeCommit, let new = item.afterCommit, old != new {
        parts.append("commit \(old.short) -> \(new.short)")
      }
      if !item.settings.isEmpty { parts.append("\(item.settings.count) setting(s)") }
      if !item.files.isEmpty { parts.append("\(item.files.count) file(s)") }
      return "same release \(item.after ?? "none"), "
        + (parts.isEmpty ? "other release text" : parts.joined(separator: ", "))
    case .same: return "same"
    }
  }

  /// `key: before -> after`; a side without the item says `(absent)`: not declared in a
  /// baseline, not reported on a deployed side.
  static func shown(_ change: SettingChange) -> String {
    "\(change.key): \(change.before ?? "(absent)") -> \(change.after ?? "(absent)")"
  }
}
