public import Foundation
import Git

/// `baseline lint`: the whole estate checked without running a probe, every problem listed in
/// one pass (not only the first), so that an estate can be fixed at once and guarded in CI.
///
/// Problems (exit 1): a file that does not parse (file, line, column), a repository that does
/// not open, a baselined release with no tag or tagged on two commits, a pin its tag no longer
/// names, a probe named that is not an executable under `Probes/`, an accepted deviation past
/// its date. Warnings (exit 0 by themselves): naming problems in a component's tag history
/// (history cannot be rewritten), releases not pinned, pins the baseline no longer uses.
/// Whether an acceptance still matches a deviation needs an inventory: `report` says that.
public struct LintReport: Sendable {
  /// The schema name of the JSON form.
  public static let schema = "baseline.lint/1"

  /// One thing found.
  public struct Item: Sendable, Hashable {
    /// Which check found it: `parse`, `repository`, `tag`, `pin`, `probe`, `acceptance`,
    /// `naming`.
    public let check: String
    /// The file concerned, relative to the estate root, if any.
    public let file: String?
    /// The 1-based line, when known.
    public let line: Int?
    /// The 1-based column, when known.
    public let column: Int?
    /// The sentence for people, without the location.
    public let message: String

    /// `file:line:column: message`.
    public var description: String {
      var location = file ?? ""
      if let line { location += ":\(line)" }
      if let column { location += ":\(column)" }
      return location.isEmpty ? message : "\(location): \(message)"
    }
  }

  /// The estate root.
  public let root: URL
  /// What makes the estate unusable or wrong.
  public let problems: [Item]
  /// What deserves a look but does not fail.
  public let warnings: [Item]
  /// The environments and components looked at.
  public let environments: [String]
  /// The components looked at.
  public let components: [String]

  /// 0 when there is no problem, 1 otherwise.
  public var exitCode: Int32 { problems.isEmpty ? 0 : 1 }

  /// `3 environments, 6 components: 2 problems, 1 warning`.
  public var summary: String {
    "\(environments.count) environment\(environments.count == 1 ? "" : "s"), "
      + "\(components.count) component\(components.count == 1 ? "" : "s"): "
      + "\(problems.count) problem\(problems.count == 1 ? "" : "s"), "
      + "\(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
  }

  /// Checks the estate under `root`.
  /// - Parameters:
  ///   - root: the estate root (`--root`).
  ///   - now: the time against which acceptances expire.
  ///   - repositories: where component repositories are opened.
  /// - Returns: every problem and warning found.
  /// - Throws: ``InputError`` only when there is no estate to check (no `Baselines/` folder).
  public static func run(
    root: URL, now: Date = Date(), repositories: ComponentRepositories = ComponentRepositories()
  ) throws(InputError) -> LintReport {
    var problems: [Item] = []
    var warnings: [Item] = []
    func problem(_ check: String, _ error: InputError) {
      problems.append(
        Item(
          check: check, file: error.file, line: error.line, column: error.column,
          message: error.keyPath.isEmpty ? error.message : "\(error.keyPath): \(error.message)"))
    }
    var isDirectory: ObjCBool = false
    guard
      FileManager.default.fileExists(
        atPath: root.appendingPathComponent("Baselines").path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw InputError(
        file: "Baselines/", message: "no Baselines/ folder under \(root.path) (use --root DIR)")
    }
    var names: [String]
    do {
      names = try Estate.environments(root: root)
    } catch {
      problem("parse", error)
      let listed =
        (try? FileManager.default.contentsOfDirectory(
          atPath: root.appendingPathComponent("Baselines").path)) ?? []
      names = listed.filter {
        $0.hasSuffix(".yaml") && $0 != "components.yaml" && !$0.hasPrefix(".")
          && !$0.hasSuffix(".pins.yaml")
      }.map { String($0.dropLast(".yaml".count)) }.sorted()
    }
    let catalog: [String: Component]
    do {
      catalog = try Estate.loadComponents(root: root)
    } catch {
      problem("parse", error)
      warnings.append(
        Item(
          check: "parse", file: "Baselines/components.yaml", line: nil, column: nil,
          message: "baselines are not checked until components.yaml reads"))
      return LintReport(
        root: root, problems: problems, warnings: warnings, environments: names, components: [])
    }
    // Repositories and tags: one scan per repository, each repository on its own so that a
    // broken one does not hide the others (components sharing it share its fate).
    var releases: [String: ReleaseIndex] = [:]
    for group in ComponentRepositories.byRepository(Array(catalog.values)) {
      do {
        releases.merge(try repositories.releases(of: group)) { first, _ in first }
      } catch {
        problems.append(
          Item(
            check: "repository", file: "Baselines/components.yaml", line: nil, column: nil,
            message: error.description))
      }
    }
    for name in catalog.keys.sorted() {
      guard let index = releases[name] else { continue }
      let naming = NamingCheck.problems(index)
      if !naming.isEmpty {
        let kinds = Dictionary(grouping: naming, by: \.kind).sorted {
          $0.key.rawValue < $1.key.rawValue
        }
        .map { "\($0.value.count) \($0.key.rawValue)" }.joined(separator: ", ")
        warnings.append(
          Item(
            check: "naming", file: nil, line: nil, column: nil,
            message: "component \(name): \(naming.count) naming problem"
              + "\(naming.count == 1 ? "" : "s") in its tags (\(kinds)); "
              + "`baseline tags --component \(name)` lists them"))
      }
    }
    for environment in names {
      let baseline: Baseline
      do {
        baseline = try Estate.loadBaseline(
          root: root, environment: environment, components: catalog)
      } catch {
        problem("parse", error)
        continue
      }
      let estate = Estate(root: root, components: catalog, baselines: [baseline])
      do {
        try estate.checkProbes()
      } catch {
        problem("probe", error)
      }
      var unpinned: [String] = []
      for entry in baseline.components {
        guard let index = releases[entry.component] else { continue }  // its repository failed
        let builds = index.builds(of: entry.release)
        let commits = Set(builds.map(\.commit))
        let file =
          entry.pinSource == .pinFile ? PinFile.path(environment: environment) : baseline.file
        if builds.isEmpty {
          problems.append(
            Item(
              check: "tag", file: baseline.file, line: nil, column: nil,
              message: "\(entry.component) \(entry.release.text): no tag of the repository is "
                + "that release"))
        } else if commits.count > 1 {
          let named = builds.map { "\($0.tag.name) -> \($0.commit.short)" }.joined(separator: ", ")
          problems.append(
            Item(
              check: "tag", file: baseline.file, line: nil, column: nil,
              message: "\(entry.component) \(entry.release.text) is tagged on different "
                + "commits (\(named)): which build is the release?"))
        }
        if let pin = entry.pin {
          if !builds.isEmpty, !commits.contains(pin) {
            problems.append(
              Item(
                check: "pin", file: file, line: nil, column: nil,
                message: "\(entry.component) \(entry.release.text) is pinned to \(pin.hex), but "
                  + "its tag now names \(builds[0].commit.hex) (moved_tag)"))
          }
        } else {
          unpinned.append(entry.component)
        }
      }
      if !unpinned.isEmpty {
        warnings.append(
          Item(
            check: "pin", file: baseline.file, line: nil, column: nil,
            message: "not pinned: \(unpinned.joined(separator: ", ")); "
              + "`baseline pin --env \(environment)` records their commits"))
      }
      for stale in baseline.stalePins {
        warnings.append(
          Item(
            check: "pin", file: PinFile.path(environment: environment), line: stale.line,
            column: nil,
            message: "the pin of \(stale.component) \(stale.release) is not used: the baseline "
              + "no longer names that release; `baseline pin --env \(environment)` drops it"))
      }
      for acceptance in baseline.acceptances where !acceptance.holds(at: now) {
        problems.append(
          Item(
            check: "acceptance", file: baseline.file, line: acceptance.line, column: nil,
            message: "the acceptance of \(acceptance.subject) (\(acceptance.reference)) expired "
              + "at the end of \(acceptance.expires)"))
      }
    }
    return LintReport(
      root: root, problems: problems, warnings: warnings, environments: names,
      components: catalog.keys.sorted())
  }

  /// The findings for people, problems first, then the summary line.
  public func text() -> String {
    var out = "lint \(root.path)\n"
    for item in problems { out += "  problem  \(item.check): \(item.description)\n" }
    for item in warnings { out += "  warning  \(item.check): \(item.description)\n" }
    out += "\(summary). Exit \(exitCode).\n"
    return Terminal.safe(out)
  }

  /// `baseline.lint/1`: `root`, `problems` and `warnings` (each `check`, `file`, `line`,
  /// `column`, `message`), `summary`.
  public func json() -> String {
    struct ItemDocument: Encodable {
      let check: String
      let file: String?
      let line: Int?
      let column: Int?
      let message: String
      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(check, forKey: .check)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(message, forKey: .message)
      }
      enum CodingKeys: String, CodingKey { case check, file, line, column, message }
    }
    struct Summary: Encodable {
      let environments: Int
      let components: Int
      let problems: Int
      let warnings: Int
    }
    struct Document: Encodable {
      let schema: String
      let root: String
      let problems: [ItemDocument]
      let warnings: [ItemDocument]
      let summary: Summary
    }
    let items = { (list: [Item]) in
      list.map {
        ItemDocument(
          check: $0.check, file: $0.file, line: $0.line, column: $0.column, message: $0.message)
      }
    }
    return JSONText.encode(
      Document(
        schema: Self.schema, root: root.path, problems: items(problems), warnings: items(warnings),
        summary: Summary(
          environments: environments.count, components: components.count,
          problems: problems.count, warnings: warnings.count)))
  }
}
