import Foundation

extension ReleaseNote {
  /// The note as a Markdown page: the release, its content, its defects and change requests,
  /// the emergency releases it carries, and its bill of materials.
  public func markdown() -> String {
    var out = "# Release note: \(Markdown.text(component)) \(Markdown.text(release.version))\n\n"
    out += headerTable()
    out += contentSection()
    out += workItemSection()
    out += emergencySection()
    out += billOfMaterialsSection()
    if !notes.isEmpty { out += "\n## Notes\n\n" + Markdown.bullets(notes.map(Markdown.text)) }
    return out
  }

  private func headerTable() -> String {
    func described(_ build: NoteRelease) -> String {
      "\(Markdown.text(build.version)) (\(build.type.rawValue)), tag \(Markdown.code(build.tag)), "
        + "commit `\(build.commit.hex)`"
    }
    var rows: [(String, String)] = [
      ("Release", "\(Markdown.text(release.version)) (\(release.type.rawValue) release)"),
      ("Date (UTC)", "\(Timestamp.human(release.date)) (from the \(release.dateSource))"),
      ("Tag", "\(Markdown.code(release.tag)) (\(release.tagKind))"),
      ("Tagger", release.tagger.map(Markdown.text) ?? "none (lightweight tag)"),
      ("Commit", "`\(release.commit.hex)`"),
      ("Tree", "`\(release.tree.hex)`"),
      (
        "Repository",
        Markdown.text(repository) + (downloadURL.map { " (origin \(Markdown.text($0)))" } ?? "")
      ),
      ("Rebuild from", "\(Markdown.code(regenerate)) in a clone of the repository"),
    ]
    rows.insert(("Summary", Markdown.text(summary)), at: 0)
    if let provenance { rows.append(("This note", provenance.markdown)) }
    if let since {
      let how = sinceChosen == "named" ? "as asked (--since)" : "the previous release on this line"
      rows.append(("Previous release", "\(described(since)); \(how)"))
    } else {
      rows.append(("Previous release", "none: a first release, the content is its whole history"))
    }
    return "| | |\n|---|---|\n"
      + rows.map { "| \($0.0) | \($0.1) |\n" }.joined()
  }

  private func contentSection() -> String {
    let since = self.since.map { " since \(Markdown.text($0.version))" } ?? ""
    var out = "\n## Content: \(commits.count) commit(s)\(since)\n\n"
    for commit in commits {
      let items =
        commit.workItems.isEmpty
        ? "" : " [\(commit.workItems.map(Markdown.text).joined(separator: ", "))]"
      let line =
        "`\(commit.id.short)` \(Markdown.text(commit.summary))\(items) — "
        + "\(Markdown.text(commit.author)), \(HistoryText.day(commit.date))"
      out += (commit.mergedBy == nil ? "- " : "  - ") + line + "\n"
    }
    if !missingFromSince.isEmpty {
      out +=
        "\nIn \(self.since.map { Markdown.text($0.version) } ?? "the earlier release") and NOT in "
        + "\(Markdown.text(release.version)) (carried as no other commit):\n\n"
      out += Markdown.bullets(
        missingFromSince.map { "`\($0.id.short)` \(Markdown.text($0.summary))" })
    }
    if !shipped.isEmpty {
      out +=
        "\nLeft out, already shipped in \(self.since.map { Markdown.text($0.version) } ?? "the earlier release"):\n\n"
      out += Markdown.bullets(
        shipped.map {
          "`\($0.id.short)` \(Markdown.text($0.summary)) (as `\($0.shippedAs.short)`, same "
            + ($0.how == "trailer" ? "by its cherry-pick trailer)" : "patch-id)")
        })
    }
    return out
  }

  private func workItemSection() -> String {
    var out = "\n## Defects and change requests: \(workItems.count)\n\n"
    if workItems.isEmpty {
      out += "No commit of the content names one.\n"
    } else {
      out += "| id | kind | severity | summary | status | commits |\n|---|---|---|---|---|---|\n"
      for item in workItems {
        let commits = item.mentions.map { "`\($0.commit.short)` (\($0.place))" }
        out +=
          "| \(Markdown.cell(item.id)) | \(item.kind.rawValue) | "
          + "\(Markdown.cell(item.tracker?.severity ?? "—")) | "
          + "\(Markdown.cell(item.tracker?.summary ?? "—")) | "
          + "\(Markdown.cell(item.tracker?.status ?? "—")) | \(commits.joined(separator: ", ")) |\n"
      }
    }
    let lacking = emergencies.filter { $0.status > .cherryPicked && !$0.workItems.isEmpty }
    if !lacking.isEmpty {
      out += "\n**Fixed in an emergency release and NOT in \(Markdown.text(release.version))**:\n\n"
      out += Markdown.bullets(
        lacking.flatMap { hotfix in
          hotfix.workItems.map { item in
            let tracker =
              item.tracker.map {
                "; tracker: "
                  + [$0.status, $0.severity, $0.summary].compactMap { $0 }.joined(separator: ", ")
              } ?? ""
            return
              "\(Markdown.text(item.id)) (\(item.kind.rawValue), in \(Markdown.text(hotfix.release)), "
              + "\(hotfix.status.rawValue)\(Markdown.text(tracker)))"
          }
        })
    }
    if let outstanding {
      let file = defectsFile.map { " (\(Markdown.text($0)))" } ?? ""
      out +=
        "\nOutstanding defects, open in the tracker's file\(file) and named by no commit: \(outstanding.count)\n\n"
      if !outstanding.isEmpty {
        out += "| id | severity | summary | status |\n|---|---|---|---|\n"
        for defect in outstanding {
          out +=
            "| \(Markdown.cell(defect.id)) | \(Markdown.cell(defect.severity ?? "—")) | "
            + "\(Markdown.cell(defect.summary ?? "—")) | \(Markdown.cell(defect.status ?? "—")) |\n"
        }
      }
    } else {
      out += "\nNo defects file was given: severities and outstanding defects are not known.\n"
    }
    return out
  }

  private func emergencySection() -> String {
    var out =
      "\n## Emergency releases since \(since.map { Markdown.text($0.version) } ?? "the start")\n\n"
    guard !emergencies.isEmpty else { return out + "None.\n" }
    out += "| release | tag | in \(Markdown.text(release.version)) | note |\n|---|---|---|---|\n"
    for hotfix in emergencies {
      var note = hotfix.note ?? ""
      if !hotfix.missing.isEmpty {
        note =
          "missing: "
          + hotfix.missing.map { "\($0.id.short) \($0.summary)" }.joined(separator: "; ")
      }
      out +=
        "| \(Markdown.cell(hotfix.release)) | \(Markdown.code(hotfix.tag)) | \(hotfix.status.rawValue) | "
        + "\(Markdown.cell(note.isEmpty ? "—" : note)) |\n"
    }
    return out
  }

  private func billOfMaterialsSection() -> String {
    let scope = folder.map { " under \(Markdown.text($0))/" } ?? ""
    let bytes = files.compactMap(\.size).reduce(0, +)
    var out = "\n## Bill of materials: \(files.count) file(s)\(scope), \(bytes) bytes\n\n"
    out += "| path | size | mode | blob | last change | date (UTC) |\n|---|---|---|---|---|---|\n"
    for file in files {
      out +=
        "| \(Markdown.cell(Terminal.line(file.path))) | \(file.size.map(String.init) ?? "—") | \(file.mode) | "
        + "`\(file.blob.hex)` | \(file.lastChange.map { "`\($0.short)`" } ?? "unknown") | "
        + "\(file.lastChangeDate.map(Timestamp.human) ?? "—") |\n"
    }
    out +=
      "\n### Configuration items\n\nThe settings and files of every baseline that declares "
      + "\(Markdown.text(component)) \(Markdown.text(release.version)).\n\n"
    guard !configuration.isEmpty else {
      return out
        + "No baseline declares settings or files for \(Markdown.text(component)) \(Markdown.text(release.version)).\n"
    }
    out += "| environment | kind | key | value |\n|---|---|---|---|\n"
    for item in configuration {
      out +=
        "| \(Markdown.cell(item.environment)) | \(item.kind) | \(Markdown.cell(item.key)) | "
        + "\(Markdown.cell(item.value)) |\n"
    }
    return out
  }

  /// One line for the top of the page: how much changed, and what needs attention.
  var summary: String {
    let defects = workItems.filter { $0.kind == .defect }.count
    let changes = workItems.filter { $0.kind == .change }.count
    let missed = emergencies.filter { $0.status > .cherryPicked }
    var text =
      "\(commits.count) commit(s), \(defects) defect(s) and \(changes) change request(s) named, "
      + "\(files.count) file(s)"
    if !emergencies.isEmpty {
      text +=
        missed.isEmpty
        ? "; every emergency release since \(since?.version ?? "the start") is carried"
        : "; NOT carried: "
          + missed.map { "\($0.release) (\($0.status.rawValue))" }.joined(separator: ", ")
    }
    let lacking = missed.flatMap(\.workItems).map(\.id)
    if !lacking.isEmpty { text += "; fixes NOT in it: " + lacking.joined(separator: ", ") }
    if let outstanding, !outstanding.isEmpty {
      text += "; \(outstanding.count) defect(s) outstanding"
    }
    return text
  }
}
