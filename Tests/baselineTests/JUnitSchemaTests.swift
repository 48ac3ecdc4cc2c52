import BaselineTestSupport
import Foundation
import Testing

/// Issue 11: `report --format junit` against the JUnit XML that Jenkins and GitLab read
/// (`Docs/junit.xsd`), checked by xmllint (Debian's libxml2-utils; `Scripts/test` installs it).
@Suite("JUnit output against the schema CI servers read")
struct JUnitSchemaTests {
  static func validate(_ file: URL) throws -> CommandRun {
    let schema = CommandRun.packageRoot.appendingPathComponent("Docs/junit.xsd")
    return try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/xmllint"),
      arguments: ["--noout", "--schema", schema.path, file.path])
  }

  @Test("the example estate's JUnit validates; a case without a name does not")
  func exampleValidates() throws {
    let estate = try exampleEstate()
    let file = estate.url.appendingPathComponent("report.xml")
    let run = try CommandRun.baseline(
      ["report", "--no-history", "--output", "junit=\(file.path)"], in: estate.url)
    #expect(run.status == 1)
    let checked = try Self.validate(file)
    #expect(checked.status == 0, "\(checked.stderr)")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains("<failure"))
    // The schema is no formality: a test case without its name is refused.
    let broken = estate.url.appendingPathComponent("broken.xml")
    try Data(
      text.replacingOccurrences(of: "<testcase classname", with: "<testcase nom=\"x\" classname")
        .utf8
    ).write(to: broken)
    #expect(try Self.validate(broken).status != 0)
  }
}
