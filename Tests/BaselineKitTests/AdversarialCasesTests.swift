import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Faults found by trying to break Baseline with hostile input, each kept as a test of its
/// whole kind.
@Suite("Hostile input: estate files")
struct HostileEstateTests {
  func load(_ files: [String: String], environments: [String] = []) throws -> InputError? {
    let folder = TemporaryDirectory("hostile-estate")
    for (path, text) in files { try folder.write(path, text) }
    return #expect(throws: InputError.self) {
      try Estate.load(root: folder.url, environments: environments)
    }
  }

  static let components = "components:\n  alpha:\n    repository: ../repos/alpha\n"

  @Test("an empty list of tag patterns is an error, not every release unknown")
  func emptyTagList() throws {
    let error = try load([
      "Baselines/components.yaml": Self.components + "    tag: []\n",
      "Baselines/SIT-A.yaml": "components: {}\n",
    ])
    #expect(error?.description.hasSuffix("found an empty list") == true)
  }

  @Test("baseline files must end in .yaml exactly: .yml, .YAML are errors, not skipped")
  func misnamedBaselines() throws {
    for name in ["UIT.yml", "UIT.YAML", "UIT.Yml"] {
      let error = try load([
        "Baselines/components.yaml": Self.components, "Baselines/SIT-A.yaml": "components: {}\n",
        "Baselines/\(name)": "components: {}\n",
      ])
      #expect(error?.file == "Baselines/\(name)")
      #expect(error?.message == "baseline files end in .yaml; rename it to UIT.yaml")
    }
  }

  @Test("components, a path or a hidden name is not an environment")
  func notEnvironments() throws {
    for name in ["components", "../SIT-A", ".hidden"] {
      let error = try load(
        ["Baselines/components.yaml": Self.components, "Baselines/SIT-A.yaml": "components: {}\n"],
        environments: [name])
      #expect(error?.message == "\"\(name)\" is not an environment name")
    }
  }

  @Test("nested aliases that would expand to 10⁹ nodes are refused at once, naming the place")
  func aliasBomb() throws {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 {
      let items = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      text += "a\(level): &a\(level) [\(items)]\n"
    }
    let started = ContinuousClock.now
    let error = try load(["Baselines/components.yaml": text])
    #expect(error?.file.hasSuffix("components.yaml") == true)
    #expect(
      error?.message.hasPrefix("its aliases expand to more than") == true,
      "\(String(describing: error))")
    #expect(error?.line != nil && error?.column != nil)
    // Not a timed test: a guard that the expansion was not done before the refusal.
    #expect(ContinuousClock.now - started < .seconds(30))
  }

  @Test("an alias used honestly (one anchor of settings, shared by two baselines' keys) reads")
  func honestAlias() throws {
    let folder = TemporaryDirectory("honest-alias")
    try folder.write("Baselines/components.yaml", Self.components)
    try folder.write(
      "Baselines/SIT-A.yaml",
      """
      environment: SIT-A
      components:
        alpha:
          version: "1.0.0.0"
          settings: &shared
            pool: "8"
            mode: "fast"
      x-other:
        settings: *shared

      """)
    let error = #expect(throws: InputError.self) { try Estate.load(root: folder.url) }
    // x-other is an unknown key: the alias was read through, and the error is about the key.
    #expect(error?.message.contains("x-other") == true, "\(String(describing: error))")
  }

  /// A declared value with a character the YAML reader would drop or fold: refused with
  /// its place, never read as another value (a setting differing only there showed no drift).
  @Test(
    "a baseline value with a character YAML would drop or fold is refused at its place",
    arguments: [
      (#""\uFEFFab""#, 11), ("\"\u{FEFF}ab\"", 11), ("\"a\u{85}b\"", 12), ("'a\u{85}b'", 12),
      ("\"a\u{2028}b\"", 12), ("a\u{2029}b", 11), (#""x\U0000FEFF""#, 12), ("a\u{FEFF}b", 11),
    ])
  func unfaithfulCharacters(value: String, column: Int) throws {
    let error = try load([
      "Baselines/components.yaml": Self.components,
      "Baselines/SIT-A.yaml":
        "components:\n  alpha:\n    version: \"1.0.0.0\"\n    settings:\n      k: \(value)\n",
    ])
    // The value starts at column 10 (`      k: `); the column is the character's own.
    #expect(error?.line == 5, "\(String(describing: error))")
    #expect(error?.column == column, "\(String(describing: error))")
    #expect(error?.file.hasSuffix("SIT-A.yaml") == true)
  }

  @Test(
    "the escapes YAML keeps (\\N, \\L, \\P, a U+FEFF not first, an escaped backslash) read as written"
  )
  func faithfulEscapes() throws {
    let folder = TemporaryDirectory("faithful-escapes")
    try folder.write("Baselines/components.yaml", Self.components)
    try folder.write(
      "Baselines/SIT-A.yaml",
      #"""
      components:
        alpha:
          version: "1.0.0.0"
          settings:
            nel: "a\Nb"
            ls: "a\Lb"
            ps: "a\Pb"
            path: "C:\\uFEFF"

      """#)
    let estate = try Estate.load(root: folder.url)
    let settings = estate.baselines.first?.components.first?.settings ?? []
    let values = Dictionary(uniqueKeysWithValues: settings.map { ($0.key, $0.value) })
    #expect(values["nel"]?.unicodeScalars.map(\.value) == [0x61, 0x85, 0x62])
    #expect(values["ls"]?.unicodeScalars.map(\.value) == [0x61, 0x2028, 0x62])
    #expect(values["ps"]?.unicodeScalars.map(\.value) == [0x61, 0x2029, 0x62])
    #expect(values["path"] == #"C:\uFEFF"#)
  }

  @Test("a null setting in a baseline is an error that says to quote it (Y3)")
  func nullSettingInBaseline() throws {
    let error = try load([
      "Baselines/components.yaml": Self.components,
      "Baselines/SIT-A.yaml": """
      components:
        alpha:
          version: "1.0.0.0"
          settings:
            extra_args:

      """,
    ])
    #expect(error?.line == 5)
    #expect(error?.message.hasPrefix("expected a text value, found nothing (null)") == true)
  }

  @Test("probes: [] names no probe: the estate cannot be checked")
  func emptyProbeList() throws {
    let folder = TemporaryDirectory("hostile-estate")
    try folder.write("Baselines/components.yaml", Self.components)
    try folder.write("Baselines/SIT-A.yaml", "probes: []\ncomponents: {}\n")
    try folder.write("Probes/inventory", "#!/bin/sh\n", executable: true)
    let estate = try Estate.load(root: folder.url)
    let error = #expect(throws: InputError.self) { try estate.checkProbes() }
    #expect(error?.message.hasPrefix("names no probe (probes: [])") == true)
  }

  @Test("a folder named as a probe is not a probe")
  func folderAsProbe() throws {
    let folder = TemporaryDirectory("hostile-estate")
    try folder.write("Baselines/components.yaml", Self.components)
    try folder.write("Baselines/SIT-A.yaml", "probes: [dir]\ncomponents: {}\n")
    try FileManager.default.createDirectory(
      at: folder.url.appendingPathComponent("Probes/dir"), withIntermediateDirectories: true)
    let estate = try Estate.load(root: folder.url)
    let error = #expect(throws: InputError.self) { try estate.checkProbes() }
    #expect(
      error?.message.hasPrefix("probe \"dir\" is in Probes/ but is not an executable file") == true)
    #expect(ProbeRunner.isProbe(folder.url.appendingPathComponent("Probes/dir")) == false)
  }
}

@Suite("Hostile input: inventories and what they claim")
struct HostileInventoryTests {
  static let now = Date(timeIntervalSince1970: 1_795_914_000)

  func report(_ baseline: Baseline, _ runs: [ProbeRun], facts: [String: ComponentFacts] = [:])
    -> EnvironmentReport
  {
    Comparison.compare(baseline: baseline, runs: runs, components: [:], facts: facts, now: Self.now)
  }

  func run(
    _ entries: [Inventory.Entry], probe: String = "inventory",
    failures: [Inventory.ProbeFailure] = []
  )
    -> ProbeRun
  {
    ProbeRun(
      probe: probe, environment: "SIT-A",
      inventory: Inventory(
        environment: "SIT-A", collectedAt: Self.now, components: entries, failures: failures))
  }

  func baseline(settings: [Baseline.Setting] = []) throws -> Baseline {
    Baseline(
      environment: "SIT-A",
      components: [
        Baseline.Entry(
          component: "alpha", release: try ReleaseVersion("1.0.0.0", scheme: .mhhs),
          settings: settings)
      ])
  }

  @Test("a component reported with neither version nor commit is not ok")
  func noRelease() throws {
    let result = report(
      try baseline(), [run([Inventory.Entry(name: "alpha", settings: ["k": "v"])])])
    #expect(result.findings.map(\.kind) == [.unknownRelease, .missingComponent])
    #expect(result.findings.last?.message.contains("neither a version nor a commit") == true)
    #expect(result.status == .drifted)
    #expect(result.rows.first?.verdict == .drifted)
  }

  @Test("a failure recorded inside an inventory makes the environment incomplete")
  func recordedFailure() throws {
    let result = report(
      try baseline(),
      [
        run(
          [Inventory.Entry(name: "alpha", version: "1.0.0.0")],
          failures: [Inventory.ProbeFailure(probe: "db", failure: "exit 3: refused")])
      ])
    #expect(result.status == .incomplete)
    #expect(result.findings.contains { $0.kind == .probeFailed && $0.probe == "db" })
  }

  @Test("a conflict on a component shows in its row, not only at the environment")
  func conflictInRow() throws {
    let result = report(
      try baseline(),
      [
        run([Inventory.Entry(name: "alpha", version: "1.0.0.0")], probe: "a"),
        run([Inventory.Entry(name: "alpha", version: "1.0.0.1")], probe: "b"),
      ])
    let row = try #require(result.rows.first)
    #expect(row.findings.contains(.inventoryConflict))
    #expect(row.verdict == .drifted)
  }

  @Test("JSON null for a setting is not reported, not the text \"null\" (Y3)")
  func nullSettingInInventory() throws {
    let inventory = try Inventory.parse(
      """
      {"environment": "SIT-A", "collected_at": "2026-11-29T01:00:00Z",
       "components": [{"name": "alpha", "version": "1.0.0.0", "settings": {"k": null}, "commit": ""}]}
      """, source: "inv.json")
    #expect(inventory.components.first?.settings == [:])
    #expect(inventory.components.first?.commit == nil)
    let result = report(
      try baseline(settings: [Baseline.Setting("k", "5")]), [run(inventory.components)])
    let drift = try #require(result.findings.first { $0.kind == .settingDrift })
    #expect(drift.actual == nil)
    #expect(drift.message.contains("not reported"))
  }

  @Test("inventories are JSON: what Python writes is read, YAML-only syntax is refused")
  func strictJSON() throws {
    let python = try Inventory.parse(
      #"{"environment": "SIT-A", "collected_at": "2026-11-29T01:00:00Z", "components": [{"name": "alpha", "version": "1.0.0.0", "settings": {"note": "\ud83d\ude80", "n": "1.10"}}]}"#,
      source: "py.json")
    #expect(python.components.first?.settings == ["note": "🚀", "n": "1.10"])
    let yaml = #expect(throws: InputError.self) {
      try Inventory.parse(
        "{environment: SIT-A, collected_at: \"2026-11-29T01:00:00Z\", components: []}",
        source: "y.json")
    }
    #expect(yaml?.message.hasPrefix("not valid JSON") == true)
    #expect(yaml?.line == 1)
    #expect(yaml?.column == 2)
    let duplicate = #expect(throws: InputError.self) {
      try Inventory.parse(
        #"{"environment": "SIT-A", "environment": "SIT-B", "collected_at": "2026-11-29T01:00:00Z", "components": []}"#,
        source: "d.json")
    }
    #expect(duplicate?.message.contains("duplicate key") == true)
  }

  @Test("a deployed 1.0.0.0+dirty is not the tagged build 1.0.0.0")
  func buildMetadata() throws {
    let result = report(
      try baseline(), [run([Inventory.Entry(name: "alpha", version: "1.0.0.0+dirty")])])
    #expect(
      result.findings.contains { $0.kind == .versionMismatch && $0.actual == "1.0.0.0+dirty" })
  }

  @Test("digits with combining marks are no release numbers")
  func combiningMarks() {
    #expect(throws: ReleaseVersion.ParseError.self) {
      try ReleaseVersion("1.2.1\u{301}.0", scheme: .mhhs)
    }
  }

  @Test("JUnit stays well-formed with noncharacters and control characters in names")
  func junitNoncharacters() throws {
    let result = report(
      try baseline(),
      [run([Inventory.Entry(name: "odd\u{FFFF}\u{FFFE}\u{1}name", version: "1")])])
    let xml = DriftReport(generatedAt: Self.now, environments: [result], warnings: []).junit()
    _ = try XMLDocument(xmlString: xml, options: [])
    #expect(
      !xml.unicodeScalars.contains { $0.value == 0xFFFF || $0.value == 0xFFFE || $0.value == 1 })
  }
}

@Suite("Hostile input: --output targets that are not plain files")
struct OutputTargetTests {
  @Test("a symbolic link is followed: the file it names is replaced, the link stays")
  func symbolicLink() throws {
    let folder = TemporaryDirectory("output-target")
    let target = try folder.write("target.txt", "old\n")
    let link = folder.url.appendingPathComponent("link.txt")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    try AtomicFile.write("new\n", to: link)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
    #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")
  }

  @Test("a device is written in place, never replaced by a file")
  func device() throws {
    try AtomicFile.write("discarded\n", to: URL(fileURLWithPath: "/dev/null"))
    var status = stat()
    #expect(stat("/dev/null", &status) == 0)
    #expect(status.st_mode & S_IFMT == S_IFCHR)
  }
}

@Suite("collected_at is a real instant")
struct CollectedAtTests {
  @Test("dates outside the calendar are refused, RFC 3339's lower case is read")
  func calendar() {
    for bad in [
      "2026-02-30T00:00:00Z", "2026-11-29T24:00:00Z", "2026-13-01T00:00:00Z",
      "2025-02-29T00:00:00Z",
      "2026-11-29", "yesterday",
    ] {
      #expect(Timestamp.parse(bad) == nil, "\(bad)")
    }
    #expect(Timestamp.parse("2024-02-29T12:00:00Z") != nil)
    #expect(Timestamp.parse("2026-11-29t01:00:00z") == Timestamp.parse("2026-11-29T01:00:00Z"))
    #expect(
      Timestamp.parse("2026-11-29T10:00:00+09:00") == Timestamp.parse("2026-11-29T01:00:00Z"))
    #expect(Timestamp.parse("2026-11-29T01:00:00.250Z") != nil)
  }
}
