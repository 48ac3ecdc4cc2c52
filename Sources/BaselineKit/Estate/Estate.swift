public import Foundation
import Git

/// An estate: the components, the environments' baselines and the probes, as kept under one
/// root folder (`Baselines/components.yaml`, `Baselines/<ENV>.yaml`, `Probes/`).
public struct Estate: Sendable {
  /// The estate root (`--root`).
  public let root: URL
  /// The components by name.
  public let components: [String: Component]
  /// The baselines read, in the order asked for (or in the lifecycle's order, then by name).
  public let baselines: [Baseline]
  /// The environments in lifecycle order (`environments:` in `components.yaml`), for the
  /// dashboard and the report's order; empty when the estate declares none.
  public var lifecycle: [String] = []

  /// The `Probes/` folder.
  public var probesDirectory: URL { root.appendingPathComponent("Probes") }

  /// Makes an estate from values (tests, or callers that build estates in memory).
  public init(root: URL, components: [String: Component], baselines: [Baseline]) {
    self.root = root
    self.components = components
    self.baselines = baselines
  }

  /// The environments that have a baseline file under `root/Baselines`, sorted by name.
  public static func environments(root: URL) throws(InputError) -> [String] {
    let folder = root.appendingPathComponent("Baselines")
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
      throw InputError(
        file: "Baselines/", message: "no Baselines/ folder under \(root.path) (use --root DIR)")
    }
    let misnamed = names.sorted().first { name in
      let lower = name.lowercased()
      return (lower.hasSuffix(".yml") || lower.hasSuffix(".yaml")) && !name.hasSuffix(".yaml")
    }
    if let misnamed {
      let stem = misnamed.split(separator: ".").dropLast().joined(separator: ".")
      throw InputError(
        file: "Baselines/\(misnamed)",
        message: "baseline files end in .yaml; rename it to \(stem).yaml")
    }
    return names.filter {
      $0.hasSuffix(".yaml") && $0 != "components.yaml" && !$0.hasPrefix(".")
        && !$0.hasSuffix(".pins.yaml")
    }
    .map { String($0.dropLast(".yaml".count)) }.sorted()
  }

  /// Reads `components.yaml` and the baselines of `environments` (every environment when
  /// empty), strictly.
  ///
  /// - Throws: ``InputError`` naming the file, line, column and key of the first problem: an
  ///   unknown key, a wrong type, a release that does not parse under its component's scheme, a
  ///   baseline that names an unknown component, a missing file.
  public static func load(root: URL, environments: [String] = []) throws(InputError) -> Estate {
    let components = try loadComponents(root: root)
    let lifecycle = try lifecycle(root: root)
    // Every environment: in the lifecycle's order, then the others by name.
    var names =
      environments.isEmpty
      ? try Self.environments(root: root).enumerated().sorted {
        (lifecycle.firstIndex(of: $0.element) ?? Int.max, $0.offset)
          < (lifecycle.firstIndex(of: $1.element) ?? Int.max, $1.offset)
      }.map(\.element) : []
    for name in environments where !names.contains(name) { names.append(name) }
    if names.isEmpty {
      throw InputError(
        file: "Baselines/",
        message: "no environment baselines (Baselines/<ENV>.yaml) under \(root.path)")
    }
    // Read on every core (fifty baselines of 2,000 components each are a second of YAML);
    // the first error in the environments' order is the one reported, as when read in turn.
    let slots = ResultSlots<Result<Baseline, InputError>>(count: names.count)
    let environmentNames = names
    DispatchQueue.concurrentPerform(iterations: names.count) { index in
      slots[index] = Result { () throws(InputError) in
        try loadBaseline(root: root, environment: environmentNames[index], components: components)
      }
    }
    var baselines: [Baseline] = []
    for result in slots.values { baselines.append(try result.get()) }
    var estate = Estate(root: root, components: components, baselines: baselines)
    estate.lifecycle = lifecycle
    return estate
  }

  /// The keys at the top of `components.yaml`; every reader of the file knows all of them.
  static let catalogKeys = [
    "components", "bookkeeping", "environments", "work_items", "signatures", "history",
  ]
  static let catalogExpected =
    "components:, bookkeeping:, environments:, work_items:, signatures:, history:"

  /// The estate's run history setting, `history:` in `components.yaml`: a `postgres://USER@HOST:
  /// PORT/DATABASE` address shared by every runner, or a file path (relative to the estate
  /// root); `nil` when absent.
  /// - Throws: ``InputError`` at the line when it is no text, or an address that holds a
  ///   password (never repeated: passwords come from `PGPASSWORD` or `~/.pgpass`).
  public static func historySetting(root: URL) throws(InputError) -> String? {
    let shown = "Baselines/components.yaml"
    guard let file = try InputFile.read(root.appendingPathComponent(shown), shownAs: shown),
      let node = try CatalogDocument.load(file).fields(catalogKeys, expected: catalogExpected)[
        "history"]
    else { return nil }
    return try loadHistory(node, root: root)
  }

  /// `history: postgres://…` or a path; see ``historySetting(root:)``.
  static func loadHistory(_ node: YAMLNode, root: URL) throws(InputError) -> String {
    let text = try node.text(expected: "a postgres:// address or a file path")
    if text.contains("://") {
      if HistoryAddress.holdsPassword(text) {
        throw node.error(
          "the address holds a password, which an estate file never does: remove it and give "
            + "it in PGPASSWORD or ~/.pgpass on the runner")
      }
      return text
    }
    return text.hasPrefix("/") ? text : root.appendingPathComponent(text).path
  }

  /// The lifecycle order of `environments:` in `components.yaml` (empty when absent).
  /// - Throws: ``InputError`` at an entry that is no name, or a name given twice.
  public static func lifecycle(root: URL) throws(InputError) -> [String] {
    let shown = "Baselines/components.yaml"
    guard let file = try InputFile.read(root.appendingPathComponent(shown), shownAs: shown),
      let node = try CatalogDocument.load(file).fields(catalogKeys, expected: catalogExpected)[
        "environments"]
    else { return [] }
    return try loadLifecycle(node)
  }

  /// `environments: [SIT-Staging, SIT-A, SIT-B, UIT]`: names, each once.
  static func loadLifecycle(_ node: YAMLNode) throws(InputError) -> [String] {
    var names: [String] = []
    for item in node.items() {
      let name = try item.name(expected: "an environment name")
      if names.contains(name) { throw item.error("\(name) is listed twice in environments:") }
      names.append(name)
    }
    return names
  }

  /// Reads only `Baselines/components.yaml`, for commands about components (`tags`).
  /// - Returns: an estate with the components and no baselines.
  /// - Throws: ``InputError`` as ``load(root:environments:)`` does.
  public static func loadCatalog(root: URL) throws(InputError) -> Estate {
    Estate(root: root, components: try loadComponents(root: root), baselines: [])
  }

  /// Checks that `root` is an estate: it holds a `Baselines/` folder.
  /// - Throws: ``InputError`` naming the folder and `--root` when it does not.
  static func requireBaselinesFolder(under root: URL) throws(InputError) {
    var isDirectory: ObjCBool = false
    guard
      FileManager.default.fileExists(
        atPath: root.appendingPathComponent("Baselines").path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw InputError(
        file: "Baselines/", message: "no Baselines/ folder under \(root.path) (use --root DIR)")
    }
  }

  static func loadComponents(root: URL) throws(InputError) -> [String: Component] {
    let shown = "Baselines/components.yaml"
    let url = root.appendingPathComponent(shown)
    try requireBaselinesFolder(under: root)
    guard let file = try InputFile.read(url, shownAs: shown) else {
      throw InputError(file: shown, message: "missing: every estate needs its components file")
    }
    let document = try CatalogDocument.load(file)
    let top = try document.fields(
      catalogKeys, required: ["components"], expected: catalogExpected)
    _ = try top["environments"].map(loadLifecycle)
    _ = try top["history"].map { node throws(InputError) in try loadHistory(node, root: root) }
    let estateBookkeeping = try top["bookkeeping"].map(loadBookkeeping) ?? .none
    let estateWorkItems = try top["work_items"].map(loadWorkItems) ?? WorkItemRule.defaults
    let folder = url.deletingLastPathComponent()
    let estateSignatures = try top["signatures"].map { node throws(InputError) in
      try loadSignatures(node, folder: folder)
    }
    var result: [String: Component] = [:]
    guard let list = top["components"] else { return result }
    for (name, keyNode, value) in try list.entries(expected: "a mapping of component names") {
      _ = try keyNode.name(expected: "a component name")
      let fields = try value.fields(
        [
          "repository", "tag", "scheme", "mainline", "bookkeeping", "reviewed", "work_items",
          "deployed", "credentials", "signatures",
        ],
        required: ["repository"],
        expected:
          "repository:, tag:, scheme:, mainline:, bookkeeping:, reviewed:, work_items:, deployed:, "
          + "credentials:, signatures:")
      guard let repositoryNode = fields["repository"] else { continue }
      let repository = try repositoryNode.text(expected: "a repository path or URL")
      let isRemote = RemoteRepository.isURL(repository)
      if isRemote, RemoteRepository.holdsPassword(repository) {
        throw repositoryNode.error(
          "expected a URL without a password, token, query or fragment, and over HTTP(S) "
            + "without a user (a secret never belongs in an estate file): name the user and the "
            + "token's environment variable in credentials:, or let git's credential helpers "
            + "give them")
      }
      let repositoryURL =
        isRemote
        ? RemoteRepository.mirror(of: repository, root: root)
        : repository.hasPrefix("/")
          ? URL(fileURLWithPath: repository)
          : url.deletingLastPathComponent().appendingPathComponent(repository).standardizedFileURL
      var patterns = TagPattern.defaults
      if let tagNode = fields["tag"] {
        patterns = []
        for text in try tagNode.names(expected: "a tag pattern like \"name/{version}\"") {
          guard let pattern = TagPattern(text) else {
            throw tagNode.error(
              "expected a tag pattern with {version} exactly once, found \"\(text)\"")
          }
          patterns.append(pattern)
        }
        if patterns.isEmpty {
          throw tagNode.error("expected a tag pattern like \"name/{version}\", found an empty list")
        }
      }
      var scheme = VersionScheme.mhhs
      if let schemeNode = fields["scheme"] {
        let text = try schemeNode.text(expected: "a scheme (mhhs or semver)")
        guard let parsed = VersionScheme(rawValue: text) else {
          throw schemeNode.error("expected a scheme, mhhs or semver, found \"\(text)\"")
        }
        scheme = parsed
      }
      let mainline = try fields["mainline"]?.name(expected: "a branch name")
      let bookkeeping = try fields["bookkeeping"].map(loadBookkeeping) ?? .none
      var component = Component(
        name: name, repository: repository, repositoryURL: repositoryURL, tagPatterns: patterns,
        scheme: scheme, mainline: mainline,
        bookkeeping: estateBookkeeping.adding(bookkeeping),
        reviews: try fields["reviewed"].map(loadReviews) ?? [])
      component.workItems = try fields["work_items"].map(loadWorkItems) ?? estateWorkItems
      component.deployed = try fields["deployed"].map(loadDeployedFolder)
      component.remote = isRemote ? repository : nil
      component.credentials = try fields["credentials"].map(loadCredentials)
      component.signatures =
        try fields["signatures"].map { node throws(InputError) in
          try loadSignatures(node, folder: folder)
        } ?? estateSignatures
      result[name] = component
    }
    return result
  }

  /// Reads one environment's baseline (and its pin file) strictly.
  /// - Parameters:
  ///   - root: the estate root.
  ///   - environment: the environment.
  ///   - components: the estate's components.
  ///   - read: how a file of the estate is read, by its path from the root; by default from
  ///     disk, for `baseline diff` from an estate revision in git.
  /// - Returns: the baseline.
  /// - Throws: ``InputError`` as ``load(root:environments:)`` does.
  static func loadBaseline(
    root: URL, environment: String, components: [String: Component],
    read: EstateFileReader? = nil
  ) throws(InputError) -> Baseline {
    let shown = "Baselines/\(environment).yaml"
    let read = read ?? Self.diskReader(root: root)
    if environment == "components" || environment.contains("/") || environment.hasPrefix(".")
      || environment.hasSuffix(".pins")
    {
      throw InputError(
        file: shown, message: "\"\(environment)\" is not an environment name")
    }
    guard let file = try read(shown) else {
      let known = (try? Self.environments(root: root)) ?? []
      var message = "no baseline for environment \"\(environment)\""
      if let near = YAMLNode.nearest(environment, in: known) {
        message += "; did you mean \"\(near)\"?"
      }
      message += known.isEmpty ? "" : " (environments: \(known.joined(separator: ", ")))"
      throw InputError(file: shown, message: message)
    }
    let document = try YAMLNode.load(file)
    let top = try document.fields(
      ["environment", "release", "probes", "max_age", "evidence", "components", "accepted"],
      required: ["components"],
      expected: "environment:, release:, probes:, max_age:, evidence:, components:, accepted:")
    if let node = top["environment"] {
      let declared = try node.name(expected: "the environment's name")
      guard declared == environment else {
        throw node.error(
          "expected \"\(environment)\" (the file's name), found \"\(declared)\"")
      }
    }
    let programmeRelease = try top["release"]?.name(expected: "the programme release, e.g. R3")
    let probes = try top["probes"].map(probeNames)
    let maxAge = try top["max_age"].map(ageLimit)
    let evidence = try top["evidence"].map(evidenceRequirement) ?? .version
    let pinFile = try PinFile.load(root: root, environment: environment, read: read)
    for pin in pinFile?.pins ?? [] {
      let shownPins = PinFile.path(environment: environment)
      guard let component = components[pin.component] else {
        throw InputError(
          file: shownPins, line: pin.line, column: pin.column,
          keyPath: "components.\(pin.component)",
          message: "component \"\(pin.component)\" is not in Baselines/components.yaml")
      }
      do {
        _ = try ReleaseVersion(pin.release, scheme: component.scheme)
      } catch {
        throw InputError(
          file: shownPins, line: pin.line, column: pin.column,
          keyPath: "components.\(pin.component).release",
          message: error.description)
      }
    }
    var entries: [Baseline.Entry] = []
    if let list = top["components"], !list.isNull {
      for (name, keyNode, value) in try list.entries(expected: "a mapping of component names") {
        entries.append(
          try loadEntry(
            name: name, keyNode: keyNode, value: value, components: components, pinFile: pinFile)
        )
      }
    }
    var acceptances: [Acceptance] = []
    if let node = top["accepted"], !node.isNull {
      acceptances = try loadAcceptances(
        node, baselined: Set(entries.map(\.component)), components: components)
    }
    return Baseline(
      environment: environment, file: shown, probes: probes, maxAge: maxAge, components: entries,
      release: programmeRelease, acceptances: acceptances, pinFile: pinFile, evidence: evidence)
  }

  /// `probes:`: names of files under `Probes/`.
  static func probeNames(_ node: YAMLNode) throws(InputError) -> [String] {
    let names = try node.names(expected: "a probe name (an executable under Probes/)")
    for name in names where name.isEmpty || name.contains("/") || name.hasPrefix(".") {
      throw node.error("expected a probe name, a file under Probes/, found \"\(name)\"")
    }
    return names
  }

  /// `max_age:` in seconds.
  static func ageLimit(_ node: YAMLNode) throws(InputError) -> TimeInterval {
    let text = try node.text(expected: "an age like 36h")
    guard let seconds = AgeLimit.seconds(text) else {
      throw node.error("expected an age like 36h, 90m or 2d, found \"\(text)\"")
    }
    return seconds
  }

  /// `evidence:`: `version` or `commit`.
  static func evidenceRequirement(_ node: YAMLNode) throws(InputError)
    -> Baseline.EvidenceRequirement
  {
    let text = try node.text(expected: "version or commit")
    guard let required = Baseline.EvidenceRequirement(rawValue: text) else {
      throw node.error(
        "expected version (a reported release is enough) or commit (every build must be "
          + "seen by its commit), found \"\(text)\"")
    }
    return required
  }

  static func loadEntry(
    name: String, keyNode: YAMLNode, value: YAMLNode, components: [String: Component],
    pinFile: PinFile?
  ) throws(InputError) -> Baseline.Entry {
    _ = try keyNode.name(expected: "a component name")
    guard let component = components[name] else {
      var message = "component \"\(name)\" is not in Baselines/components.yaml"
      if let near = YAMLNode.nearest(name, in: Array(components.keys)) {
        message += "; did you mean \"\(near)\"?"
      }
      throw keyNode.error(message)
    }
    let fields = try value.fields(
      ["version", "commit", "settings", "files"], required: ["version"],
      expected: "version:, commit:, settings:, files:")
    guard let versionNode = fields["version"] else {
      throw value.error("missing key \"version\"")
    }
    let versionText = try versionNode.text(expected: "a release like \(component.scheme.example)")
    let release: ReleaseVersion
    do {
      release = try ReleaseVersion(versionText, scheme: component.scheme)
    } catch {
      throw versionNode.error(error.description)
    }
    var pin: ObjectID?
    var source: Baseline.PinSource?
    if let commitNode = fields["commit"] {
      let text = try commitNode.text(expected: "a full commit id (40 hex digits)")
      guard let id = ObjectID(hex: text) else {
        throw commitNode.error("expected a full commit id (40 hex digits), found \"\(text)\"")
      }
      pin = id
      source = .baseline
    }
    // The pin file's pin holds for the release it was recorded for, spelled any way.
    if let recorded = pinFile?.pins.first(where: { $0.component == name }),
      (try? ReleaseVersion(recorded.release, scheme: component.scheme)) == release
    {
      if let pin, pin != recorded.commit {
        throw InputError(
          file: PinFile.path(environment: pinFile?.environment ?? ""), line: recorded.line,
          column: recorded.column,
          keyPath: "components.\(name).commit",
          message: "pins \(recorded.commit.hex) for \(name) \(recorded.release), but "
            + "\(value.file) pins \(pin.hex) (commit:); keep one of the two")
      }
      if pin == nil {
        pin = recorded.commit
        source = .pinFile
      }
    }
    var settings: [(key: String, value: String)] = []
    if let node = fields["settings"] {
      settings = try node.textMap(expected: "setting keys to values")
    }
    var files: [(key: String, value: String)] = []
    if let node = fields["files"] { files = try node.textMap(expected: "file paths to digests") }
    for (path, digest) in files where !FileDigest.isWellFormed(digest) {
      throw (fields["files"] ?? value).error(
        "files.\(path): expected a digest like sha256:<64 hex digits>, found \"\(digest)\"")
    }
    return Baseline.Entry(
      component: name, release: release, pin: pin, pinSource: source,
      settings: settings.map { Baseline.Setting($0.key, $0.value) },
      files: files.map { Baseline.Setting($0.key, FileDigest.canonical($0.value)) })
  }

  /// Reads `accepted:`, a list of deviations each for one component.
  static func loadAcceptances(
    _ node: YAMLNode, baselined: Set<String>, components: [String: Component]
  ) throws(InputError) -> [Acceptance] {
    guard let sequence = node.sequence else {
      throw node.error(
        "expected a list of accepted deviations (- component: …), found \(node.found)")
    }
    let kinds = Acceptance.acceptableKinds.map(\.rawValue)
    var result: [Acceptance] = []
    for entry in sequence {
      let fields = try entry.fields(
        ["component", "kind", "key", "actual", "reason", "reference", "expires"],
        required: ["component", "kind", "reason", "reference", "expires"],
        expected: "component:, kind:, key:, actual:, reason:, reference:, expires:")
      guard let componentNode = fields["component"], let kindNode = fields["kind"],
        let reasonNode = fields["reason"], let referenceNode = fields["reference"],
        let expiresNode = fields["expires"]
      else { continue }
      let component = try componentNode.name(expected: "a component name")
      let kindText = try kindNode.text(expected: "a finding kind")
      guard let kind = Finding.Kind(rawValue: kindText), kinds.contains(kindText) else {
        let known = Finding.Kind(rawValue: kindText) != nil
        var message =
          known
          ? (kindText == Finding.Kind.expiredAcceptance.rawValue
            ? "\(kindText) cannot be accepted: renew the expired acceptance instead"
            : "\(kindText) cannot be accepted: it says the environment's state is not known")
          : "expected a finding kind, found \"\(kindText)\""
        if !known, let near = YAMLNode.nearest(kindText, in: kinds) {
          message += "; did you mean \"\(near)\"?"
        }
        throw kindNode.error(message + " (kinds: \(kinds.joined(separator: ", ")))")
      }
      if kind == .unexpectedComponent {
        if baselined.contains(component) {
          throw componentNode.error(
            "\(component) is in this baseline, so it can never be an unexpected_component")
        }
      } else if !baselined.contains(component) {
        var message = "\(component) is not in this baseline's components"
        if let near = YAMLNode.nearest(component, in: Array(baselined)) {
          message += "; did you mean \"\(near)\"?"
        }
        throw componentNode.error(message)
      }
      let reason = try reasonNode.text(expected: "why the deviation is accepted")
      let reference = try referenceNode.text(expected: "an RFC or defect id")
      for (field, text) in [("reason", reason), ("reference", reference)]
      where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw (fields[field] ?? entry).error("expected text, found an empty \(field)")
      }
      // Which build runs is what these kinds are about: accepting them for any value would
      // accept whatever is deployed next, a build with no tag included.
      if [.versionMismatch, .commitMismatch, .untaggedBuild].contains(kind), fields["actual"] == nil
      {
        throw entry.error(
          "missing key \"actual\": a \(kindText) is accepted for one deployed value only "
            + "(the release or commit the finding reports)")
      }
      let expires = try expiresNode.text(expected: "a date like 2026-12-31")
      guard
        let acceptance = Acceptance(
          component: component, kind: kind, key: try fields["key"]?.text(expected: "a key"),
          actual: try fields["actual"]?.text(expected: "the deployed value accepted"),
          reason: reason, reference: reference, expires: expires, line: entry.line)
      else {
        throw expiresNode.error(
          "expected a date like 2026-12-31 (the last day, UTC), found \"\(expires)\"")
      }
      result.append(acceptance)
    }
    return result
  }
}

extension Estate {
  /// Checks, before any probe runs, that every probe a baseline names is an executable file
  /// under `Probes/`, and that a baseline without `probes:` has at least one executable there:
  /// a misconfigured estate is an input error (exit 2), not a failed probe.
  /// - Throws: ``InputError`` naming the baseline file or the `Probes/` folder.
  public func checkProbes() throws(InputError) {
    let manager = FileManager.default
    let present = (try? manager.contentsOfDirectory(atPath: probesDirectory.path)) ?? []
    let executable = present.filter {
      !$0.hasPrefix(".") && ProbeRunner.isProbe(probesDirectory.appendingPathComponent($0))
    }.sorted()
    for baseline in baselines {
      guard let named = baseline.probes else {
        if ProbeRunner.probes(for: baseline, in: probesDirectory).isEmpty {
          let others = present.filter { !$0.hasPrefix(".") }.sorted()
          throw InputError(
            file: "Probes/",
            message: manager.fileExists(atPath: probesDirectory.path)
              ? "no executable probe for \(baseline.environment)"
                + (others.isEmpty ? "" : " (not executable: \(others.joined(separator: ", ")))")
              : "no Probes/ folder under \(root.path), and \(baseline.file) names no probes")
        }
        continue
      }
      if named.isEmpty {
        throw InputError(
          file: baseline.file, keyPath: "probes",
          message: "names no probe (probes: []), so nothing could be observed; list the probes "
            + "or leave probes: out to run every executable in Probes/")
      }
      for name in named where !executable.contains(name) {
        let exists = manager.fileExists(atPath: probesDirectory.appendingPathComponent(name).path)
        throw InputError(
          file: baseline.file, keyPath: "probes",
          message: "probe \"\(name)\" "
            + (exists
              ? "is in Probes/ but is not an executable file (chmod +x, or a folder?)"
              : "is not in Probes/")
            + (executable.isEmpty ? "" : " (probes: \(executable.joined(separator: ", ")))"))
      }
    }
  }
}

extension Estate {
  /// A component of the catalogue, by name.
  /// - Throws: ``InputError`` naming `Baselines/components.yaml` and the known components when
  ///   there is none of that name.
  public func component(named name: String) throws(InputError) -> Component {
    guard let component = components[name] else {
      throw InputError(
        file: "Baselines/components.yaml",
        message: "no component \"\(name)\" (components: "
          + components.keys.sorted().joined(separator: ", ") + ")")
    }
    return component
  }
}
