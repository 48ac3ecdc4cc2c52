public import Foundation
import Git

/// `baseline lint`: the whole estate checked without running a probe, every problem listed in
/// one pass (not only the first), so that an estate can be fixed at once and guarded in CI.
///
/// A repository whose objects are damaged (corrupt or missing) is listed as a problem and
/// makes the lint exit 2: the checks that needed it could not be made.
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
    /// Which check found it.
    public let check: Check
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

  /// Whether a repository was damaged (an object it needs is corrupt or missing), so that the
  /// checks that read it were not made: the lint is incomplete, whatever else it found.
  public var isIncomplete = false

  /// 0 when there is no problem, 1 otherwise, 2 when a damaged repository left checks
  /// unmade (every problem found is still listed).
  public var exitCode: Int32 { isIncomplete ? 2 : problems.isEmpty ? 0 : 1 }

  /// `3 environments, 6 components: 2 problems, 1 warning`.
  public var summary: String {
    "\(environments.count) environment\(environments.count == 1 ? "" : "s"), "
      + "\(components.count) component\(components.count == 1 ? "" : "s"): "
      + "\(problems.count) problem\(problems.count == 1 ? "" : "s"), "
      + "\(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
  }

  /// Checks the estate under `root`: every check of ``Check``, each file on its own so that one
  /// broken file does not hide the next.
  ///
  /// The order is that of the report: `parse` of the environment list and of `components.yaml`
  /// (when `components.yaml` does not read, nothing else is checked), `repository`,
  /// `signatures`, `naming`,
  /// then for each environment in name order `parse` of its baseline and pin file, `probe`,
  /// `tag` and `pin` for each component in file order, the `pin` warnings and `acceptance`.
  /// - Parameters:
  ///   - root: the estate root (`--root`).
  ///   - now: the time against which acceptances expire.
  ///   - repositories: where component repositories are opened.
  /// - Returns: every problem and warning found.
  /// - Throws: ``InputError`` only when there is no estate to check (no `Baselines/` folder).
  public static func run(
    root: URL, now: Date = Date(), repositories: ComponentRepositories = ComponentRepositories()
  ) throws(InputError) -> LintReport {
    try Estate.requireBaselinesFolder(under: root)
    var found = Findings()
    let names = parseEnvironments(under: root, into: &found)
    guard let catalog = parseComponents(under: root, into: &found) else {
      return LintReport(
        root: root, problems: found.problems, warnings: found.warnings, environments: names,
        components: [])
    }
    let releases = openRepositories(of: catalog, with: repositories, into: &found)
    found.problems += signatureProblems(of: catalog)
    found.warnings += namingWarnings(of: catalog, releases: releases)
    for environment in names {
      checkEnvironment(
        environment, root: root, catalog: catalog, releases: releases, now: now, into: &found)
    }
    var report = LintReport(
      root: root, problems: found.problems, warnings: found.warnings, environments: names,
      components: catalog.keys.sorted())
    report.isIncomplete = found.isIncomplete
    return report
  }

  /// The findings for people, problems first, then the summary line.
  public func text() -> String {
    var out = "lint \(root.path)\n"
    for item in problems { out += "  problem  \(item.check.rawValue): \(item.description)\n" }
    for item in warnings { out += "  warning  \(item.check.rawValue): \(item.description)\n" }
    out += "\(summary). Exit \(exitCode).\n"
    return Terminal.safe(out)
  }

  /// `baseline.lint/1`: `root`, `problems` and `warnings` (each `check`, `file`, `line`,
  /// `column`, `message`), `summary`.
  public func json() -> String {
    struct ItemDocument: Encodable {
      let check: Check
      @NullWhenAbsent var file: String?
      @NullWhenAbsent var line: Int?
      @NullWhenAbsent var column: Int?
      let message: String
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

extension LintReport {
  /// Problems and warnings, each list in the order the checks found them.
  struct Findings {
    /// What makes the estate unusable or wrong.
    var problems: [Item] = []
    /// What deserves a look but does not fail.
    var warnings: [Item] = []
    /// Whether a repository is damaged (``LintReport/isIncomplete``).
    var isIncomplete = false
  }

  /// `parse`: the environments that have a baseline file. When `Baselines/` does not list as
  /// an estate (a misnamed `.yml` file), a problem, and the environments its `.yaml` files name.
  /// - Parameters:
  ///   - root: the estate root.
  ///   - found: where the problem goes.
  /// - Returns: the environments to check, sorted by name.
  static func parseEnvironments(under root: URL, into found: inout Findings) -> [String] {
    do {
      return try Estate.environments(root: root)
    } catch {
      found.problems.append(Item(.parse, error))
      let listed =
        (try? FileManager.default.contentsOfDirectory(
          atPath: root.appendingPathComponent("Baselines").path)) ?? []
      return listed.filter {
        $0.hasSuffix(".yaml") && $0 != "components.yaml" && !$0.hasPrefix(".")
          && !$0.hasSuffix(".pins.yaml")
      }.map { String($0.dropLast(".yaml".count)) }.sorted()
    }
  }

  /// `parse`: the components of `Baselines/components.yaml`. When it does not read, a problem,
  /// and a warning that the baselines are not checked.
  /// - Parameters:
  ///   - root: the estate root.
  ///   - found: where the problem and the warning go.
  /// - Returns: the components by name; `nil` when the file does not read.
  static func parseComponents(under root: URL, into found: inout Findings) -> [String: Component]? {
    do {
      return try Estate.loadComponents(root: root)
    } catch {
      found.problems.append(Item(.parse, error))
      found.warnings.append(
        Item(
          check: .parse, file: "Baselines/components.yaml", line: nil, column: nil,
          message: "baselines are not checked until components.yaml reads"))
      return nil
    }
  }

  /// `repository`: reads the tagged builds of every component, one scan per repository, each
  /// repository on its own so that a broken one does not hide the others (components sharing
  /// it share its fate). A repository that does not read is a problem.
  /// - Parameters:
  ///   - catalog: the components, by name.
  ///   - repositories: where component repositories are opened.
  ///   - found: where the problems go.
  /// - Returns: the release index of each component whose repository read, by component name.
  static func openRepositories(
    of catalog: [String: Component], with repositories: ComponentRepositories,
    into found: inout Findings
  ) -> [String: ReleaseIndex] {
    var releases: [String: ReleaseIndex] = [:]
    for group in ComponentRepositories.byRepository(Array(catalog.values)) {
      do {
        releases.merge(try repositories.releases(of: group)) { first, _ in first }
      } catch {
        if [.corrupt, .missingObject, .notARegularFile].contains(error.underlying.code) {
          found.isIncomplete = true
        }
        found.problems.append(
          Item(
            check: .repository, file: "Baselines/components.yaml", line: nil, column: nil,
            message: error.description))
      }
    }
    return releases
  }

  /// `signatures`: a component whose `signatures:` names a trust file that cannot be read,
  /// once per file, with the components that name it.
  static func signatureProblems(of catalog: [String: Component]) -> [Item] {
    let byFile = Dictionary(
      grouping: catalog.values.filter { $0.signatures != nil }, by: { $0.signatures?.written ?? "" }
    )
    return byFile.keys.sorted().compactMap { written in
      let group = (byFile[written] ?? []).map(\.name).sorted()
      guard let policy = byFile[written]?.first?.signatures else { return nil }
      guard let problem = policy.trustFileProblem else { return nil }
      return Item(
        check: .signatures, file: "Baselines/components.yaml", line: nil, column: nil,
        message: "\(problem) (signatures: of \(group.joined(separator: ", "))): no signature "
          + "of their tags can be checked")
    }
  }

  /// `naming`: one warning for each component whose tag history has naming problems, with how
  /// many of each kind (``NamingCheck``).
  /// - Parameters:
  ///   - catalog: the components, by name.
  ///   - releases: the release index of each component whose repository read.
  /// - Returns: the warnings, in component-name order.
  static func namingWarnings(
    of catalog: [String: Component], releases: [String: ReleaseIndex]
  ) -> [Item] {
    var warnings: [Item] = []
    for name in catalog.keys.sorted() {
      guard let index = releases[name] else { continue }
      let naming = NamingCheck.problems(index)
      guard !naming.isEmpty else { continue }
      let kinds = Dictionary(grouping: naming, by: \.kind).sorted {
        $0.key.rawValue < $1.key.rawValue
      }
      .map { "\($0.value.count) \($0.key.rawValue)" }.joined(separator: ", ")
      warnings.append(
        Item(
          check: .naming, file: nil, line: nil, column: nil,
          message: "component \(name): \(naming.count) naming problem"
            + "\(naming.count == 1 ? "" : "s") in its tags (\(kinds)); "
            + "`baseline tags --component \(name)` lists them"))
    }
    return warnings
  }

  /// The checks of one environment, in order: `parse` of its baseline and pin file (nothing
  /// else when they do not read), `probe`, `tag` and `pin` for each baselined component whose
  /// repository read, the `pin` warnings, `acceptance`.
  /// - Parameters:
  ///   - environment: the environment's name.
  ///   - root: the estate root.
  ///   - catalog: the components, by name.
  ///   - releases: the release index of each component whose repository read.
  ///   - now: the time against which acceptances expire.
  ///   - found: where the problems and warnings go.
  static func checkEnvironment(
    _ environment: String, root: URL, catalog: [String: Component],
    releases: [String: ReleaseIndex], now: Date, into found: inout Findings
  ) {
    let baseline: Baseline
    do {
      baseline = try Estate.loadBaseline(
        root: root, environment: environment, components: catalog)
    } catch {
      found.problems.append(Item(.parse, error))
      return
    }
    found.problems += [probeProblem(of: baseline, root: root, catalog: catalog)].compactMap { $0 }
    for entry in baseline.components {
      guard let index = releases[entry.component] else { continue }  // its repository failed
      let builds = index.builds(of: entry.release)
      found.problems += [
        tagProblem(of: entry, builds: builds, in: baseline),
        movedPin(of: entry, builds: builds, in: baseline),
      ].compactMap { $0 }
    }
    found.warnings += pinWarnings(of: baseline, releases: releases)
    found.problems += expiredAcceptances(of: baseline, at: now)
  }

  /// `probe`: a probe the baseline names that is not an executable under `Probes/`, or no
  /// executable probe at all when it names none (``Estate/checkProbes()``).
  /// - Parameters:
  ///   - baseline: the environment's baseline.
  ///   - root: the estate root.
  ///   - catalog: the components, by name.
  /// - Returns: the problem, or `nil` when every probe is there.
  static func probeProblem(
    of baseline: Baseline, root: URL, catalog: [String: Component]
  ) -> Item? {
    do {
      try Estate(root: root, components: catalog, baselines: [baseline]).checkProbes()
      return nil
    } catch {
      return Item(.probe, error)
    }
  }

  /// `tag`: a baselined release that no tag of its repository names, or that tags name on
  /// different commits (which build is the release?).
  /// - Parameters:
  ///   - entry: the baselined component.
  ///   - builds: the tagged builds of its release.
  ///   - baseline: the baseline that names it.
  /// - Returns: the problem, or `nil` when the release is tagged on one commit.
  static func tagProblem(
    of entry: Baseline.Entry, builds: [TaggedBuild], in baseline: Baseline
  ) -> Item? {
    if builds.isEmpty {
      return Item(
        check: .tag, file: baseline.file, line: nil, column: nil,
        message: "\(entry.component) \(entry.release.text): no tag of the repository is "
          + "that release")
    }
    guard Set(builds.map(\.commit)).count > 1 else { return nil }
    let named = builds.map { "\($0.tag.name) -> \($0.commit.short)" }.joined(separator: ", ")
    return Item(
      check: .tag, file: baseline.file, line: nil, column: nil,
      message: "\(entry.component) \(entry.release.text) is tagged on different "
        + "commits (\(named)): which build is the release?")
  }

  /// `pin`: a pin (`commit:` in the baseline, or the pin file's) that no tag of its release
  /// names any more: the tag has moved.
  /// - Parameters:
  ///   - entry: the baselined component.
  ///   - builds: the tagged builds of its release.
  ///   - baseline: the baseline that names it.
  /// - Returns: the problem, in the file the pin comes from; `nil` when the release is not
  ///   pinned, not tagged (a `tag` problem), or pinned to a commit its tag names.
  static func movedPin(
    of entry: Baseline.Entry, builds: [TaggedBuild], in baseline: Baseline
  ) -> Item? {
    guard let pin = entry.pin, let first = builds.first,
      !builds.contains(where: { $0.commit == pin })
    else { return nil }
    let fromFile = entry.pinSource == .pinFile
    let file = fromFile ? PinFile.path(environment: baseline.environment) : baseline.file
    let recorded = fromFile ? baseline.pinFile?.pins.first { $0.component == entry.component } : nil
    return Item(
      check: .pin, file: file, line: recorded?.line, column: recorded?.column,
      message: "\(entry.component) \(entry.release.text) is pinned to \(pin.hex), but "
        + "its tag now names \(first.commit.hex) (moved_tag)")
  }

  /// `pin` warnings: the baselined releases not pinned (one warning for all of them, only
  /// components whose repository read), then each pin of the pin file that the baseline no
  /// longer uses.
  /// - Parameters:
  ///   - baseline: the environment's baseline.
  ///   - releases: the release index of each component whose repository read.
  /// - Returns: the warnings, in that order.
  static func pinWarnings(of baseline: Baseline, releases: [String: ReleaseIndex]) -> [Item] {
    let environment = baseline.environment
    var warnings: [Item] = []
    let unpinned = baseline.components.filter { $0.pin == nil && releases[$0.component] != nil }
      .map(\.component)
    if !unpinned.isEmpty {
      warnings.append(
        Item(
          check: .pin, file: baseline.file, line: nil, column: nil,
          message: "not pinned: \(unpinned.joined(separator: ", ")); "
            + "`baseline pin --env \(environment)` records their commits"))
    }
    for stale in baseline.stalePins {
      warnings.append(
        Item(
          check: .pin, file: PinFile.path(environment: environment), line: stale.line,
          column: stale.column,
          message: "the pin of \(stale.component) \(stale.release) is not used: the baseline "
            + "no longer names that release; `baseline pin --env \(environment)` drops it"))
    }
    return warnings
  }

  /// `acceptance`: each accepted deviation of the baseline past its date.
  /// - Parameters:
  ///   - baseline: the environment's baseline.
  ///   - now: the time against which acceptances expire.
  /// - Returns: the problems, in file order.
  static func expiredAcceptances(of baseline: Baseline, at now: Date) -> [Item] {
    baseline.acceptances.filter { !$0.holds(at: now) }.map { acceptance in
      Item(
        check: .acceptance, file: baseline.file, line: acceptance.line, column: nil,
        message: "the acceptance of \(acceptance.subject) (\(acceptance.reference)) expired "
          + "at the end of \(acceptance.expires)")
    }
  }
}

extension LintReport.Item {
  /// An item of `check` from an input error: its file, line and column, and its key path
  /// before its message.
  /// - Parameters:
  ///   - check: the check that found it.
  ///   - error: the input error.
  init(_ check: LintReport.Check, _ error: InputError) {
    self.init(
      check: check, file: error.shownFile, line: error.line, column: error.column,
      message: error.keyPath.isEmpty
        ? error.shownMessage : "\(error.shownKeyPath): \(error.shownMessage)")
  }
}
