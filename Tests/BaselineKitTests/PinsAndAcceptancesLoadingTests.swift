import BaselineKit
import BaselineTestSupport
import Foundation
import Git
import Testing

/// Reading `Baselines/<ENV>.pins.yaml` and `accepted:`, strictly, with the estate files of
/// ``EstateLoadingTests``.
@Suite("Estate.load: pin files and accepted deviations")
struct PinsAndAcceptancesLoadingTests {
  static let pinned = String(repeating: "ab", count: 20)
  static let other = String(repeating: "cd", count: 20)

  static let baseline = """
    environment: SIT-A
    release: R3
    components:
      alpha:
        version: 1.2.0.0
      bravo:
        version: 2.0.0
    accepted:
      - component: alpha
        kind: setting_drift
        key: mode
        actual: lax
        reason: "load test"
        reference: RFC-7
        expires: 2026-12-31

    """

  static func pins(release: String = "1.2.0.0", commit: String = pinned, extra: String = "")
    -> String
  {
    """
    schema: baseline.pins/1
    environment: SIT-A
    components:
      alpha:
        release: "\(release)"
        tag: "\(release)"
        commit: \(commit)
        pinned_at: 2026-11-29T18:00:00Z
        pinned_by: relman@build-01
    \(extra)
    """
  }

  func load(_ baseline: String = Self.baseline, pins: String?) throws -> Baseline {
    let folder = try EstateLoadingTests.estate(["SIT-A": baseline])
    if let pins { try folder.write("Baselines/SIT-A.pins.yaml", pins) }
    let estate = try Estate.load(root: folder.url)
    #expect(estate.baselines.map(\.environment) == ["SIT-A"], "a pin file is no environment")
    return try #require(estate.baselines.first)
  }

  func loadError(_ baseline: String = Self.baseline, pins: String?) throws -> InputError? {
    let folder = try EstateLoadingTests.estate(["SIT-A": baseline])
    if let pins { try folder.write("Baselines/SIT-A.pins.yaml", pins) }
    return #expect(throws: InputError.self) { try Estate.load(root: folder.url) }
  }

  @Test("a pin of the baselined release applies; release:, accepted: are read as written")
  func pinApplies() throws {
    let baseline = try load(pins: Self.pins())
    #expect(baseline.release == "R3")
    let alpha = try #require(baseline.components.first)
    #expect(alpha.pin?.hex == Self.pinned)
    #expect(alpha.pinSource == .pinFile)
    #expect(baseline.components[1].pin == nil)
    #expect(baseline.stalePins.isEmpty)
    let acceptance = try #require(baseline.acceptances.first)
    #expect(acceptance.kind == .settingDrift)
    #expect(acceptance.key == "mode")
    #expect(acceptance.actual == "lax")
    #expect(acceptance.reference == "RFC-7")
    #expect(acceptance.holds(at: Timestamp.parse("2026-12-31T23:59:59Z")!))
    #expect(!acceptance.holds(at: Timestamp.parse("2027-01-01T00:00:00Z")!))
  }

  @Test("a pin of another release does not apply and is stale; a spelling with zeros applies")
  func pinOfAnotherRelease() throws {
    let stale = try load(pins: Self.pins(release: "1.1.0.0"))
    #expect(stale.components[0].pin == nil)
    #expect(stale.stalePins.map(\.release) == ["1.1.0.0"])
    let zeros = try load(
      pins: Self.pins(release: "1.02.0.0".replacingOccurrences(of: "02", with: "2")))
    #expect(zeros.components[0].pin?.hex == Self.pinned)
  }

  @Test("a pin that disagrees with commit: in the baseline is an input error naming both")
  func disagreeingPins() throws {
    let text = Self.baseline.replacingOccurrences(
      of: "version: 1.2.0.0\n", with: "version: 1.2.0.0\n    commit: \(Self.other)\n")
    let error = try loadError(text, pins: Self.pins())
    #expect(error?.file == "Baselines/SIT-A.pins.yaml")
    #expect(error?.line == 4)
    #expect(error?.column == 3)
    #expect(
      error?.message.contains("but Baselines/SIT-A.yaml pins \(Self.other) (commit:)") == true)
    // The same commit in both is fine.
    let same = Self.baseline.replacingOccurrences(
      of: "version: 1.2.0.0\n", with: "version: 1.2.0.0\n    commit: \(Self.pinned)\n")
    #expect(try load(same, pins: Self.pins()).components[0].pinSource == .baseline)
  }

  @Test(
    "a broken pin file is an input error with line and column",
    arguments: [
      (
        "commit: \(pinned)", "commit: abc",
        "expected a full commit id (40 hex digits), found \"abc\""
      ),
      (
        "environment: SIT-A", "environment: SIT-B",
        "expected \"SIT-A\" (the file's name), found \"SIT-B\""
      ),
      ("pinned_at: 2026-11-29T18:00:00Z", "pinned_at: yesterday", "expected a time like"),
      ("schema: baseline.pins/1", "schema: baseline.pins/2", "expected baseline.pins/1"),
      ("    tag:", "    tga:", "unknown key \"tga\"; did you mean \"tag\"?"),
      ("release: \"1.2.0.0\"", "release: \"banana\"", "expected a release like 1.2.0.0"),
      ("  alpha:\n", "  charlie:\n", "component \"charlie\" is not in Baselines/components.yaml"),
    ])
  func brokenPinFile(replacing: String, with: String, message: String) throws {
    let error = try loadError(pins: Self.pins().replacingOccurrences(of: replacing, with: with))
    #expect(error?.file == "Baselines/SIT-A.pins.yaml")
    #expect(error?.line != nil)
    #expect(error?.column != nil, "every pin-file error has its column (issue 9)")
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }

  @Test(
    "a broken accepted: entry is an input error that says what was expected",
    arguments: [
      ("expires: 2026-12-31", "expires: 2026-02-30", "expected a date like 2026-12-31"),
      ("expires: 2026-12-31", "expires: 2026-1-1", "expected a date like 2026-12-31"),
      ("kind: setting_drift", "kind: probe_failed", "probe_failed cannot be accepted"),
      ("kind: setting_drift", "kind: setting_drfit", "did you mean \"setting_drift\"?"),
      (
        "- component: alpha", "- component: charlie", "charlie is not in this baseline's components"
      ),
      ("reference: RFC-7", "reference: \"  \"", "found an empty reference"),
      ("reference: RFC-7", "reference: \"\\n\"", "found an empty reference"),
      ("kind: setting_drift", "kind: expired_acceptance", "renew the expired acceptance instead"),
      (
        "kind: setting_drift\n    key: mode\n    actual: lax\n", "kind: version_mismatch\n",
        "missing key \"actual\": a version_mismatch is accepted for one deployed value only"
      ),
      ("    reason: \"load test\"\n", "", "missing key \"reason\""),
    ])
  func brokenAcceptance(replacing: String, with: String, message: String) throws {
    let text = Self.baseline.replacingOccurrences(of: replacing, with: with)
    let error = try loadError(text, pins: nil)
    #expect(error?.file == "Baselines/SIT-A.yaml")
    #expect(error?.line != nil)
    #expect(error?.keyPath.hasPrefix("accepted[0]") == true)
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }

  @Test("unexpected_component may be accepted only for a component the baseline does not name")
  func unexpectedComponent() throws {
    let baselined = Self.baseline.replacingOccurrences(
      of: "kind: setting_drift", with: "kind: unexpected_component")
    let error = try loadError(baselined, pins: nil)
    #expect(error?.message.contains("can never be an unexpected_component") == true)
    let stray = baselined.replacingOccurrences(of: "- component: alpha", with: "- component: zulu")
    #expect(try load(stray, pins: nil).acceptances.map(\.component) == ["zulu"])
  }

  @Test("the pin file written reads back as the same pins, names that need quotes included")
  func roundTrip() throws {
    let folder = TemporaryDirectory("pins")
    let pins = [
      PinFile.Pin(
        component: "alpha", release: "1.2.0.0", tag: "alpha/1.2.0.0",
        commit: try ObjectID(checking: Self.pinned),
        pinnedAt: Timestamp.parse("2026-11-29T18:00:00Z"),
        pinnedBy: "relman@build-01"),
      PinFile.Pin(
        component: "off", release: "1.0.0.0", tag: "v1.0.0.0 \"odd\"\t",
        commit: try ObjectID(checking: Self.other), pinnedAt: nil, pinnedBy: nil),
    ]
    try folder.write("Baselines/SIT-A.pins.yaml", PinFile(environment: "SIT-A", pins: pins).yaml())
    let read = try #require(try PinFile.load(root: folder.url, environment: "SIT-A"))
    #expect(read.pins.map(\.component) == ["alpha", "off"])
    #expect(read.pins.map(\.tag) == ["alpha/1.2.0.0", "v1.0.0.0 \"odd\"\t"])
    #expect(read.pins.map(\.commit.hex) == [Self.pinned, Self.other])
    #expect(read.pins[0].pinnedAt == Timestamp.parse("2026-11-29T18:00:00Z"))
    #expect(read.pins[0].pinnedBy == "relman@build-01")
  }
}
