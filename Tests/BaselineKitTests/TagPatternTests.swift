import BaselineKit
import Testing

@Suite("TagPattern: which tags are releases of a component")
struct TagPatternTests {
  @Test("a pattern is the text around {version}")
  func prefixAndSuffix() throws {
    let pattern = try #require(TagPattern("dip-adapter/{version}"))
    #expect(pattern.prefix == "dip-adapter/")
    #expect(pattern.suffix == "")
    #expect(pattern.description == "dip-adapter/{version}")
    #expect(pattern.tagName(for: "1.2.0.1") == "dip-adapter/1.2.0.1")
    #expect(pattern.versionText(in: "dip-adapter/1.2.0.1") == "1.2.0.1")
    #expect(pattern.versionText(in: "other/1.2.0.1") == nil)
    #expect(pattern.versionText(in: "dip-adapter/") == nil)

    let both = try #require(TagPattern("release-{version}-final"))
    #expect(both.prefix == "release-")
    #expect(both.suffix == "-final")
    #expect(both.versionText(in: "release-1.0.0.0-final") == "1.0.0.0")
    #expect(both.versionText(in: "release-1.0.0.0") == nil)
    #expect(both.tagName(for: "1.0.0.0") == "release-1.0.0.0-final")
  }

  @Test(
    "a pattern needs {version} exactly once",
    arguments: ["dip-adapter", "{version}-{version}", "", "{ver}", "v{Version}"])
  func needsOnePlaceholder(text: String) {
    #expect(TagPattern(text) == nil)
  }

  @Test("the defaults are {version} and v{version}")
  func defaults() {
    #expect(TagPattern.defaults.map(\.description) == ["{version}", "v{version}"])
  }

  @Test(
    "{version} starts with a digit and holds no slash (V3)",
    arguments: [
      ("1.0.1.3", "1.0.1.3"),
      ("v1.0.1.3", "1.0.1.3"),
      ("1.0.1", "1.0.1"),
      ("1.0.1-3", "1.0.1-3"),
      ("1.0.01.3", "1.0.01.3"),
      ("nightly", nil),
      ("release-1.0.1.3", nil),
      ("component/1.0.1.3", nil),
      ("v", nil),
      ("vnext", nil),
      ("1.0/1.3", nil),
      ("v1.0/1.3", nil),
      ("V1.0.1.3", nil),
    ] as [(String, String?)])
  func defaultPatterns(tag: String, version: String?) {
    let found = TagPattern.defaults.lazy.compactMap { $0.versionText(in: tag) }.first
    #expect(found == version)
  }

  @Test("with a prefix, a nested name or a slash in the version is no release")
  func prefixedNesting() throws {
    let pattern = try #require(TagPattern("dip-adapter/{version}"))
    #expect(pattern.versionText(in: "dip-adapter/x/1.0.0.0") == nil)
    #expect(pattern.versionText(in: "dip-adapter/1/0.0.0") == nil)
    #expect(pattern.versionText(in: "dip-adapter/v1.0.0.0") == nil)
  }
}
