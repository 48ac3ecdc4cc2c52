import Foundation

extension HotfixReport {
  /// For people: per component, what is not merged first, then the rest.
  /// - Returns: the text, ending with a summary line.
  public func text() -> String {
    var out = ""
    for component in components {
      out += "\(component.component)\n"
      if component.hotfixes.isEmpty { out += "  no emergency releases\n" }
      for hotfix in component.hotfixes.sorted(by: Self.worstFirst) {
        out +=
          "  \(hotfix.release.text)  \(hotfix.status.rawValue)  (tag \(hotfix.tag), \(hotfix.commit.short))\n"
        if let base = hotfix.base, hotfix.status != .merged {
          out += "    its own commits: those since tag \(base), the release it patches\n"
        }
        for target in hotfix.targets {
          out += "    -> \(target.name): \(target.status.rawValue)"
          out += target.note.map { " (\($0))" } ?? ""
          out += "\n"
          for commit in target.missing {
            out +=
              "       missing \(commit.id.hex) \(commit.summary) — \(commit.author), "
              + "\(Timestamp.human(commit.date))\n"
          }
          if !target.missing.isEmpty {
            // What a release manager does next, in git's words.
            out +=
              "       to do: carry them into \(target.name) (git cherry-pick -x "
              + target.missing.map(\.id.short).reversed().joined(separator: " ")
              + "), or, if they reached it as other commits, record that under reviewed:\n"
          }
          for commit in target.carried {
            out += "       carried \(commit.commit.hex) as \(commit.match.short) (same patch-id)\n"
          }
          for commit in target.setAside {
            out +=
              "       \(commit.reason.rawValue) \(commit.commit.hex) \(commit.summary): "
              + "\(commit.detail)\n"
          }
        }
        for note in hotfix.notes { out += "    note: \(note)\n" }
      }
      for tag in component.skipped.prefix(Self.skippedShown) {
        out += "  skipped: tag \(Terminal.line(tag.tag.name)): \(Terminal.line(tag.reason))\n"
      }
      if component.skipped.count > Self.skippedShown {
        out +=
          "  skipped: … and \(component.skipped.count - Self.skippedShown) more tags "
          + "(--format json lists every one)\n"
      }
      for review in component.unusedReviews {
        out += "  unused review: \(Self.unused(review))\n"
      }
    }
    out += summary + "\n"
    return Terminal.safe(out)
  }

  /// The last line of the text and Markdown forms: `2 emergency releases: 1 not merged, 0
  /// needing review, 0 unknown; 3 commits set aside (…); 36 tags skipped (…). Exit 1.`
  var summary: String {
    let all = components.flatMap(\.hotfixes)
    let lost = all.filter { $0.status == .notMerged }.count
    let unknown = all.filter { $0.status == .unknown }.count
    let review = all.filter { $0.status == .needsReview }.count
    let skipped = components.map(\.skipped.count).reduce(0, +)
    return "\(all.count) emergency release\(all.count == 1 ? "" : "s"): \(lost) not merged, "
      + "\(review) needing review, \(unknown) unknown"
      + setAsideSummary
      + (skipped == 0
        ? "" : "; \(skipped) tag\(skipped == 1 ? "" : "s") skipped (no release of the scheme)")
      + ". Exit \(exitCode)."
  }

  /// `; 3 commits set aside (2 bookkeeping, 1 same_changes)`, counted over every target;
  /// empty when none was.
  var setAsideSummary: String {
    let all = components.flatMap(\.hotfixes).flatMap(\.targets).flatMap(\.setAside)
    guard !all.isEmpty else { return "" }
    let counts = SetAsideCommit.Reason.allCases.compactMap { reason in
      let count = all.filter { $0.reason == reason }.count
      return count == 0 ? nil : "\(count) \(reason.rawValue)"
    }
    return "; \(all.count) commit\(all.count == 1 ? "" : "s") set aside "
      + "(\(counts.joined(separator: ", ")))"
  }

  /// How many skipped tags the text lists per component (as `tags` lists ten of each kind).
  static let skippedShown = 10

  /// Why a `reviewed:` entry settled nothing, for people.
  static func unused(_ review: HotfixReview) -> String {
    "\(review.commit.short) -> \(review.equivalent.short)"
      + (review.line.map { " (components.yaml line \($0))" } ?? "")
      + " settled nothing: the first is no hotfix commit that a target lacks, or the second "
      + "is not on that target's side; check both ids"
  }

  static func worstFirst(_ a: Hotfix, _ b: Hotfix) -> Bool {
    a.status != b.status ? a.status > b.status : a.release < b.release
  }

  /// `baseline.hotfixes/1` JSON.
  public func json() -> String {
    struct Fix: Encodable {
      let version: String
      let tag: String
      let commit: String
      let since: String?
      let status: String
      let targets: [HotfixTargetDocument]
      let notes: [String]
    }
    struct Skipped: Encodable {
      let tag: String
      let reason: String
    }
    struct Review: Encodable {
      let commit: String
      let equivalent: String
      let line: Int?
    }
    struct Component: Encodable {
      let component: String
      let hotfixes: [Fix]
      let skipped: [Skipped]
      let unusedReviews: [Review]
      enum CodingKeys: String, CodingKey {
        case component, hotfixes, skipped
        case unusedReviews = "unused_reviews"
      }
    }
    struct Document: Encodable {
      let schema: String
      let components: [Component]
    }
    return JSONText.encode(
      Document(
        schema: Self.schema,
        components: components.map { component in
          Component(
            component: component.component,
            hotfixes: component.hotfixes.map { hotfix in
              Fix(
                version: hotfix.release.text, tag: hotfix.tag, commit: hotfix.commit.hex,
                since: hotfix.base, status: hotfix.status.rawValue,
                targets: hotfix.targets.map(HotfixTargetDocument.init), notes: hotfix.notes)
            }, skipped: component.skipped.map { Skipped(tag: $0.tag.name, reason: $0.reason) },
            unusedReviews: component.unusedReviews.map {
              Review(commit: $0.commit.hex, equivalent: $0.equivalent.hex, line: $0.line)
            })
        }))
  }

  /// A Markdown page: per component, a table of its emergency releases (each with its tag and
  /// commit) against their targets, what is not merged first, then the hotfixes' notes; a
  /// component without emergency releases gets one line that says so.
  /// - Returns: the page.
  public func markdown() -> String {
    var out = "# Emergency releases merged forward\n"
    for component in components {
      out += "\n## \(Markdown.text(component.component))\n\n"
      let skipped =
        component.skipped.map {
          "- skipped: tag \(Markdown.text($0.tag.name)): \(Markdown.text($0.reason))\n"
        }
        + component.unusedReviews.map { "- unused review: \(Markdown.text(Self.unused($0)))\n" }
      guard !component.hotfixes.isEmpty else {
        out += "No emergency releases.\n" + (skipped.isEmpty ? "" : "\n" + skipped.joined())
        continue
      }
      out += "| hotfix | tag | commit | status | target | target status | missing |\n"
      out += "|---|---|---|---|---|---|---|\n"
      let hotfixes = component.hotfixes.sorted(by: Self.worstFirst)
      for hotfix in hotfixes {
        let row =
          "| \(Markdown.cell(hotfix.release.text)) | \(Markdown.cell(hotfix.tag)) | "
          + "\(hotfix.commit.short) | \(hotfix.status.rawValue) | "
        for target in hotfix.targets {
          let missing = target.missing.map { "\($0.id.short) \($0.summary)" }.joined(
            separator: "; ")
          let note = target.note.map { " (\(Markdown.cell($0)))" } ?? ""
          out +=
            row + "\(Markdown.cell(target.name)) | \(target.status.rawValue)\(note) | "
            + "\(Markdown.cell(missing.isEmpty ? "—" : missing)) |\n"
        }
        if hotfix.targets.isEmpty { out += row + "— | — | — |\n" }
      }
      let notes = hotfixes.flatMap { hotfix in
        let since = hotfix.base.map { base in
          hotfix.status == .merged
            ? [] : ["its own commits are those since tag \(base), the release it patches"]
        }
        return (hotfix.notes + (since ?? [])).map {
          "- \(Markdown.text(hotfix.release.text)): \(Markdown.text($0))\n"
        }
      }
      var setAside: [String] = []
      for hotfix in hotfixes {
        for target in hotfix.targets {
          let prefix = "- \(Markdown.text(hotfix.release.text)) → \(Markdown.text(target.name)): "
          for commit in target.carried {
            setAside.append(
              prefix + "carried \(commit.commit.short) as \(commit.match.short) (same patch-id)\n")
          }
          for commit in target.setAside {
            setAside.append(
              prefix + "\(commit.reason.rawValue) \(commit.commit.short) "
                + "\(Markdown.text(commit.summary)): \(Markdown.text(commit.detail))\n")
          }
        }
      }
      if !notes.isEmpty { out += "\n" + notes.joined() }
      if !setAside.isEmpty { out += "\n" + setAside.joined() }
      if !skipped.isEmpty { out += "\n" + skipped.joined() }
    }
    return out + "\n" + Markdown.text(summary) + "\n"
  }
}
