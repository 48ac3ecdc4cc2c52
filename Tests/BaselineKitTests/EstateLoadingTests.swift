import BaselineKit
import BaselineTestSupport
import Foundation
import Testing

@Suite("Estate.load: components.yaml and baselines, strictly")
struct EstateLoadingTests {
  static let components = """
    components:
      alpha:
        repository: ../repos/alpha
      bravo:
        repository: ../repos/bravo
        tag: "bravo/{version}"
        scheme: semver
        mainline: develop
      "off":
        repository: /srv/repos/off

    """

  /// An estate folder with the standard components.yaml and the given baselines.
  static func estate(_ baselines: [String: String], components: String? = Self.components) throws
    -> TemporaryDirectory
  {
    let folder = TemporaryDirectory("estate")
    if let components { try folder.write("Baselines/components.yaml", components) }
    for (environment, text) in baselines { try folder.write("Baselines/\(environment).yaml", text) }
    return folder
  }

  /// Loads the estate and returns the input error it must throw.
  static func loadError(_ baselines: [String: String], components: String? = Self.components)
    throws -> InputError?
  {
    let folder = try estate(baselines, components: components)
    return #expect(throws: InputError.self) { try Estate.load(root: folder.url) }
  }

  @Test("a valid estate loads with every field as written")
  func validEstate() throws {
    let folder = try Self.estate([
      "SIT-A": """
      environment: SIT-A
      probes: [inventory, db-schema]
      max_age: 1d12h
      components:
        alpha:
          version: 1.2.0.1
          commit: 9C1E0F00112233445566778899aabbccddeeff00
          settings:
            feature.x: "on"
            pool: 10
          files:
            conf/app.yaml: "sha256:\(String(repeating: "ab", count: 32))"
        bravo:
          version: 5.0.0rc1
        "off":
          version: "2.0.0.0"

      """,
      "SIT-B": "components:\n  alpha:\n    version: 1.0.0.0\n",
    ])

    let estate = try Estate.load(root: folder.url)

    let alpha = try #require(estate.components["alpha"])
    #expect(alpha.repository == "../repos/alpha")
    #expect(alpha.repositoryURL.path == folder.url.appendingPathComponent("repos/alpha").path)
    #expect(alpha.tagPatterns == TagPattern.defaults)
    #expect(alpha.scheme == .mhhs)
    #expect(alpha.mainline == nil)
    let bravo = try #require(estate.components["bravo"])
    #expect(bravo.tagPatterns.map(\.description) == ["bravo/{version}"])
    #expect(bravo.scheme == .semver)
    #expect(bravo.mainline == "develop")
    #expect(estate.components["off"]?.repositoryURL.path == "/srv/repos/off")
    #expect(estate.components.keys.sorted() == ["alpha", "bravo", "off"])

    #expect(estate.baselines.map(\.environment) == ["SIT-A", "SIT-B"])
    let sitA = estate.baselines[0]
    #expect(sitA.file == "Baselines/SIT-A.yaml")
    #expect(sitA.probes == ["inventory", "db-schema"])
    #expect(sitA.maxAge == 129_600)
    #expect(sitA.components.map(\.component) == ["alpha", "bravo", "off"])
    let entry = sitA.components[0]
    #expect(entry.release.text == "1.2.0.1")
    #expect(entry.pin?.hex == "9c1e0f00112233445566778899aabbccddeeff00")
    #expect(
      entry.settings == [Baseline.Setting("feature.x", "on"), Baseline.Setting("pool", "10")])
    #expect(
      entry.files == [
        Baseline.Setting("conf/app.yaml", "sha256:\(String(repeating: "ab", count: 32))")
      ])
    #expect(sitA.components[1].release.scheme == .semver)
    #expect(sitA.components[1].release.preRelease == "rc1")
    #expect(estate.baselines[1].probes == nil)
    #expect(estate.baselines[1].maxAge == nil)
    #expect(estate.baselines[1].components.map(\.release.text) == ["1.0.0.0"])
  }

  @Test("--env loads only the environments asked for, in that order")
  func chosenEnvironments() throws {
    let folder = try Self.estate([
      "SIT-A": "components:\n  alpha:\n    version: 1.0.0.0\n",
      "SIT-B": "components:\n  alpha:\n    version: 1.0.0.0\n",
      "UIT": "components: {}\n",
    ])
    let estate = try Estate.load(root: folder.url, environments: ["UIT", "SIT-A"])
    #expect(estate.baselines.map(\.environment) == ["UIT", "SIT-A"])
    #expect(estate.baselines[0].components.isEmpty)
    #expect(try Estate.environments(root: folder.url) == ["SIT-A", "SIT-B", "UIT"])
  }

  @Test("an unknown key names the nearest known key (Y5)")
  func unknownKey() throws {
    let error = try Self.loadError([
      "SIT-A": """
      environment: SIT-A
      components:
        alpha:
          verison: 1.2.0.0

      """
    ])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:4:5: components.alpha: unknown key \"verison\"; did you mean "
        + "\"version\"? (known keys: version, commit, settings, files)")
    #expect(error?.file == "Baselines/SIT-A.yaml")
    #expect(error?.line == 4)
    #expect(error?.column == 5)
  }

  @Test("an unknown top-level key without a near one lists the known keys")
  func unknownTopLevelKey() throws {
    let error = try Self.loadError(["SIT-A": "components: {}\nowner: ops\n"])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:2:1: unknown key \"owner\" (known keys: environment, release, "
        + "probes, max_age, evidence, components, accepted)")
  }

  @Test("a list where a mapping belongs is a type error")
  func listForMapping() throws {
    let error = try Self.loadError([
      "SIT-A": """
      environment: SIT-A
      components:
        alpha:
          version: 1.2.0.0
          settings: [a, b]

      """
    ])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:5:15: components.alpha.settings: expected a mapping of setting "
        + "keys to values, found a list")
  }

  @Test("components given as a list is a type error")
  func componentsAsList() throws {
    let error = try Self.loadError(["SIT-A": "components:\n  - alpha\n"])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:2:3: components: expected a mapping of component names, found a list"
    )
  }

  @Test("a release that does not parse names what was expected")
  func unparsedRelease() throws {
    let error = try Self.loadError([
      "SIT-A": """
      environment: SIT-A
      components:
        alpha:
          version: 1.2

      """
    ])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:4:14: components.alpha.version: expected a release like 1.2.0.0 "
        + "(mhhs), found \"1.2\"")
  }

  @Test("a release is read under its component's scheme")
  func releaseUnderScheme() throws {
    let error = try Self.loadError(["SIT-A": "components:\n  bravo:\n    version: 1.2.0.0\n"])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:3:14: components.bravo.version: expected a release like 1.2.0 "
        + "(semver), found \"1.2.0.0\"")
  }

  @Test("a component that components.yaml does not have is an error with a suggestion")
  func unknownComponent() throws {
    let error = try Self.loadError([
      "SIT-A": """
      environment: SIT-A
      components:
        alhpa:
          version: 1.2.0.0

      """
    ])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:3:3: components: component \"alhpa\" is not in "
        + "Baselines/components.yaml; did you mean \"alpha\"?")
  }

  @Test(
    "a pin must be a full commit id",
    arguments: ["9c1e0f", "zz1e0f00112233445566778899aabbccddeeff00"])
  func badPin(pin: String) throws {
    let error = try Self.loadError([
      "SIT-A": """
      environment: SIT-A
      components:
        alpha:
          version: 1.2.0.0
          commit: \(pin)

      """
    ])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:5:13: components.alpha.commit: expected a full commit id "
        + "(40 hex digits), found \"\(pin)\"")
  }

  @Test("max_age must be an age", arguments: ["36", "36 hours", "0h", "h", "1.5h", "-3h"])
  func badMaxAge(age: String) throws {
    let error = try Self.loadError(["SIT-A": "max_age: \(age)\ncomponents: {}\n"])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:1:10: max_age: expected an age like 36h, 90m or 2d, found \"\(age)\""
    )
  }

  @Test(
    "max_age units add up",
    arguments: [("36h", 129_600.0), ("90m", 5_400), ("2d", 172_800), ("1d12h30m15s", 131_415)])
  func maxAge(text: String, seconds: Double) throws {
    let folder = try Self.estate(["SIT-A": "max_age: \(text)\ncomponents: {}\n"])
    #expect(try Estate.load(root: folder.url).baselines.first?.maxAge == seconds)
  }

  @Test("a file digest must be sha256 and 64 hex digits")
  func badDigest() throws {
    let error = try Self.loadError([
      "SIT-A": """
      components:
        alpha:
          version: 1.2.0.0
          files:
            conf/app.yaml: md5:abc

      """
    ])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:5:7: components.alpha.files: files.conf/app.yaml: expected a digest "
        + "like sha256:<64 hex digits>, found \"md5:abc\"")
  }

  @Test("an estate without components.yaml cannot be read")
  func missingComponentsFile() throws {
    let error = try Self.loadError(["SIT-A": "components: {}\n"], components: nil)
    #expect(
      error?.description
        == "Baselines/components.yaml: missing: every estate needs its components file")
  }

  @Test("--env with no baseline file is an input error that lists the environments")
  func missingBaselineFile() throws {
    let folder = try Self.estate([
      "SIT-A": "components: {}\n", "SIT-B": "components: {}\n",
    ])
    let error = #expect(throws: InputError.self) {
      try Estate.load(root: folder.url, environments: ["SIT-C"])
    }
    #expect(
      error?.description
        == "Baselines/SIT-C.yaml: no baseline for environment \"SIT-C\"; did you mean \"SIT-A\"? "
        + "(environments: SIT-A, SIT-B)")
    let far = #expect(throws: InputError.self) {
      try Estate.load(root: folder.url, environments: ["production"])
    }
    #expect(
      far?.description
        == "Baselines/production.yaml: no baseline for environment \"production\" "
        + "(environments: SIT-A, SIT-B)")
  }

  @Test("an estate root without Baselines/ says so")
  func noBaselinesFolder() throws {
    let folder = TemporaryDirectory("estate")
    let error = #expect(throws: InputError.self) { try Estate.environments(root: folder.url) }
    #expect(
      error?.description
        == "Baselines/: no Baselines/ folder under \(folder.url.path) (use --root DIR)")
  }

  @Test("environment: must be the file's name")
  func environmentDiffers() throws {
    let error = try Self.loadError(["SIT-A": "environment: SIT-B\ncomponents: {}\n"])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:1:14: environment: expected \"SIT-A\" (the file's name), found \"SIT-B\""
    )
  }

  @Test("a duplicate key is an error with its line")
  func duplicateKey() throws {
    let error = try Self.loadError([
      "SIT-A": """
      environment: SIT-A
      components:
        alpha:
          version: 1.2.0.0
          version: 1.3.0.0

      """
    ])
    #expect(error?.description == "Baselines/SIT-A.yaml:4:5: duplicate key \"version\"")
  }

  /// An editor's byte order mark before a baseline's first key is no part of it.
  @Test("a baseline saved with a byte order mark is read")
  func byteOrderMark() throws {
    let folder = try Self.estate(
      ["SIT-A": "\u{FEFF}environment: SIT-A\ncomponents:\n  alpha:\n    version: 1.2.0.0\n"],
      components: "\u{FEFF}" + Self.components)
    let estate = try Estate.load(root: folder.url)
    #expect(estate.baselines.first?.components.map(\.component) == ["alpha"])
  }

  /// Keys are their text: a component written plain and quoted is one component twice,
  /// whatever YAML's default tags would make of `1200` and `"1200"`.
  @Test("a key written plain and quoted is a duplicate key, with its line")
  func duplicateKeyPlainAndQuoted() throws {
    let error = try Self.loadError([
      "SIT-A": """
      environment: SIT-A
      components:
        1200:
          version: 1.2.0.0
        "1200":
          version: 1.3.0.0

      """
    ])
    #expect(error?.description.hasPrefix("Baselines/SIT-A.yaml:") == true)
    #expect(error?.description.contains("duplicate key \"1200\"") == true)
  }

  @Test("invalid YAML is an error with the parser's line and column")
  func invalidYAML() throws {
    let error = try Self.loadError([
      "SIT-A": """
      environment: SIT-A
      components:
        alpha: {version: 1.2.0.0
        bravo: {version: 1.2.0}

      """
    ])
    #expect(error?.file == "Baselines/SIT-A.yaml")
    #expect(error?.line == 4)
    #expect(error?.column == 8)
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:4:8: not valid YAML: did not find expected ',' or '}' (while "
        + "parsing a flow mapping)")
  }

  @Test("an unquoted boolean where a name belongs is an error that says so (Y1)")
  func booleanEnvironment() throws {
    let error = try Self.loadError(["SIT-A": "environment: NO\ncomponents: {}\n"])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:1:14: environment: expected the environment's name, found \"NO\", "
        + "which YAML reads as a boolean; quote it (\"NO\") if it is a name")
  }

  @Test("an unquoted boolean as a component name is an error (Y1)")
  func booleanComponent() throws {
    let error = try Self.loadError(["SIT-A": "components:\n  off:\n    version: 1.0.0.0\n"])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:2:3: components: expected a component name, found \"off\", which "
        + "YAML reads as a boolean; quote it (\"off\") if it is a name")
  }

  @Test("an unquoted boolean in the probes list is an error (Y1)")
  func booleanProbe() throws {
    let error = try Self.loadError(["SIT-A": "probes: [inventory, yes]\ncomponents: {}\n"])
    #expect(error?.line == 1)
    #expect(error?.column == 21)
    #expect(
      error?.message
        == "expected a probe name (an executable under Probes/), found \"yes\", which YAML reads "
        + "as a boolean; quote it (\"yes\") if it is a name")
    #expect(error?.keyPath == "probes[1]")
  }

  @Test("quoted names and unquoted values stay text (Y1)")
  func quotedNamesAndValues() throws {
    let folder = try Self.estate([
      "NO": """
      environment: "NO"
      components:
        "off":
          version: 1.0.0.0
          settings:
            feature.x: on
            strict: yes
            legacy: NO

      """
    ])
    let baseline = try #require(try Estate.load(root: folder.url).baselines.first)
    #expect(baseline.environment == "NO")
    #expect(baseline.components.map(\.component) == ["off"])
    #expect(
      baseline.components.first?.settings == [
        Baseline.Setting("feature.x", "on"), Baseline.Setting("strict", "yes"),
        Baseline.Setting("legacy", "NO"),
      ])
  }

  @Test("numbers stay the text written (Y2)")
  func numbersStayText() throws {
    let folder = try Self.estate([
      "SIT-A": """
      components:
        alpha:
          version: "1.10.0.0"
          settings:
            build: 010
            tag: 29111998
            epoch: 1:20
            ratio: 1.10
            hex: 0x1F
        bravo:
          version: 1.10.0

      """
    ])
    let baseline = try #require(try Estate.load(root: folder.url).baselines.first)
    let alpha = try #require(baseline.components.first)
    #expect(alpha.release.text == "1.10.0.0")
    #expect(alpha.release.parts == ["1", "10", "0", "0"])
    #expect(
      alpha.settings == [
        Baseline.Setting("build", "010"), Baseline.Setting("tag", "29111998"),
        Baseline.Setting("epoch", "1:20"), Baseline.Setting("ratio", "1.10"),
        Baseline.Setting("hex", "0x1F"),
      ])
    #expect(baseline.components.last?.release.text == "1.10.0")
  }

  @Test("an unquoted 1.10 is read as the text 1.10, never 1.1 (Y2)")
  func shortVersionKeepsText() throws {
    let error = try Self.loadError(["SIT-A": "components:\n  alpha:\n    version: 1.10\n"])
    #expect(
      error?.description
        == "Baselines/SIT-A.yaml:3:14: components.alpha.version: expected a release like 1.2.0.0 "
        + "(mhhs), found \"1.10\"")
  }

  @Test(
    "components.yaml errors name the file, line, column and key",
    arguments: [
      (
        "components:\n  alpha:\n    repository: https://bob:S3CRET@git.example.org/alpha.git\n",
        "Baselines/components.yaml:3:17: components.alpha.repository: expected a URL without a "
          + "password, token, query or fragment, and over HTTP(S) without a user (a secret never "
          + "belongs in an estate file): name the user and the token's environment variable in "
          + "credentials:, or let git's credential helpers give them"
      ),
      (
        "components:\n  alpha:\n    repository: ../alpha\n    scheme: calver\n",
        "Baselines/components.yaml:4:13: components.alpha.scheme: expected a scheme, mhhs or "
          + "semver, found \"calver\""
      ),
      (
        "components:\n  alpha:\n    repository: ../alpha\n    tag: \"alpha/version\"\n",
        "Baselines/components.yaml:4:10: components.alpha.tag: expected a tag pattern with "
          + "{version} exactly once, found \"alpha/version\""
      ),
      (
        "components:\n  alpha:\n    tag: \"{version}\"\n",
        "Baselines/components.yaml:3:5: components.alpha: missing key \"repository\" (expected "
          + "repository:, tag:, scheme:, mainline:, bookkeeping:, reviewed:, work_items:, deployed:, credentials:, signatures:)"
      ),
      (
        "components:\n  alpha:\n    repository: ../alpha\n    mainlne: main\n",
        "Baselines/components.yaml:4:5: components.alpha: unknown key \"mainlne\"; did you mean "
          + "\"mainline\"? (known keys: repository, tag, scheme, mainline, bookkeeping, reviewed, work_items, deployed, credentials, signatures)"
      ),
    ])
  func componentsErrors(text: String, expected: String) throws {
    let error = try Self.loadError(["SIT-A": "components: {}\n"], components: text)
    #expect(error?.description == expected)
  }

  @Test(
    "components.yaml read again in one process: a changed file is read afresh, a broken one never kept"
  )
  func catalogueReadAgain() throws {
    let baseline = ["SIT-A": "environment: SIT-A\ncomponents:\n  alpha:\n    version: 1.0.0.0\n"]
    let folder = try Self.estate(baseline)
    #expect(try Estate.load(root: folder.url).components["bravo"]?.mainline == "develop")
    // The same length, one name changed: bytes, not sizes or times, say it is the same file.
    try folder.write(
      "Baselines/components.yaml",
      Self.components.replacingOccurrences(of: "develop", with: "mainln"))
    #expect(try Estate.load(root: folder.url).components["bravo"]?.mainline == "mainln")
    try folder.write("Baselines/components.yaml", Self.components + "  broken: [\n")
    #expect(throws: InputError.self) { try Estate.load(root: folder.url) }
    #expect(throws: InputError.self) { try Estate.load(root: folder.url) }
    try folder.write("Baselines/components.yaml", Self.components)
    #expect(try Estate.load(root: folder.url).components["bravo"]?.mainline == "develop")
  }
}
