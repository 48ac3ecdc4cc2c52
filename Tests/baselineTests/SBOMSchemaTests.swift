import BaselineTestSupport
import Foundation
import Testing

/// Issue 12: the SBOM forms of `baseline notes` against the official JSON schemas (CycloneDX
/// 1.6 from cyclonedx-python-lib, SPDX 2.3 from lib4sbom), checked by `Scripts/validate-sbom`
/// (Python's jsonschema; `Scripts/test` installs them), and their digests against the files'
/// own SHA-1 and SHA-256.
@Suite("notes as CycloneDX 1.6 and SPDX 2.3 against the official schemas")
struct SBOMSchemaTests {
  static func validate(_ kind: String, _ files: [String]) throws -> CommandRun {
    try CommandRun.run(
      executable: CommandRun.packageRoot.appendingPathComponent("Scripts/validate-sbom"),
      arguments: [kind] + files)
  }

  @Test("a release's CycloneDX and SPDX validate; their digests are the files' own")
  func releaseValidates() throws {
    let estate = try NotesEstate()
    let cyclonedx = estate.folder.path("bom.cdx.json")
    let spdx = estate.folder.path("bom.spdx.json")
    let run = try CommandRun.baseline(
      [
        "notes", "--component", "billing", "--release", "1.1.0.0", "--format", "cyclonedx",
        "--output", cyclonedx, "--output", "spdx=\(spdx)",
      ], in: estate.root)
    #expect(run.status == 0, "\(run.stderr)")
    let checked = try Self.validate("cyclonedx", [cyclonedx])
    #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    let checkedSPDX = try Self.validate("spdx", [spdx])
    #expect(checkedSPDX.status == 0, "\(checkedSPDX.stdout)\(checkedSPDX.stderr)")
    let bom = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cyclonedx)))
        as? [String: Any])
    let component = try #require((bom["components"] as? [[String: Any]])?.first)
    let files = try #require(component["components"] as? [[String: Any]])
    let readme = try #require(files.first { $0["name"] as? String == "README.md" })
    let hashes = (readme["hashes"] as? [[String: Any]]) ?? []
    let content = try estate.repository.run(["show", "1.1.0.0:README.md"]) + "\n"
    let sha1 = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/sha1sum"), arguments: [], input: Data(content.utf8)
    )
    #expect(hashes.first?["content"] as? String == String(sha1.stdout.prefix(40)))
    let commits = ((component["pedigree"] as? [String: Any])?["commits"] as? [[String: Any]]) ?? []
    #expect(commits.count == 6)
    let resolves =
      ((component["releaseNotes"] as? [String: Any])?["resolves"] as? [[String: Any]]) ?? []
    #expect(
      resolves.contains { $0["id"] as? String == "CR-7" && $0["type"] as? String == "enhancement" })
    #expect(
      resolves.contains { $0["id"] as? String == "DEF-200" && $0["type"] as? String == "defect" })
    // The schemas are no formality: a hash of the wrong length is refused.
    let broken = estate.folder.path("broken.json")
    let text = try String(contentsOfFile: cyclonedx, encoding: .utf8)
      .replacingOccurrences(of: String(sha1.stdout.prefix(40)), with: "abc")
    try Data(text.utf8).write(to: URL(fileURLWithPath: broken))
    #expect(try Self.validate("cyclonedx", [broken]).status == 1)
  }

  @Test("the example estate: two components' releases and SIT-A's picture validate")
  func exampleValidates() throws {
    let estate = try exampleEstate()
    var written: [(String, String)] = []
    for (component, release) in [("dip-adapter", "1.2.1.0"), ("load-shaping-service", "1.2.0.0")] {
      for kind in ["cyclonedx", "spdx"] {
        let file = estate.url.appendingPathComponent("\(component).\(kind).json").path
        let run = try CommandRun.baseline(
          [
            "notes", "--component", component, "--release", release, "--format", kind, "--output",
            file,
          ],
          in: estate.url)
        #expect(run.status == 0, "\(run.stderr)")
        written.append((kind, file))
      }
    }
    let picture = estate.url.appendingPathComponent("SIT-A.cdx.json").path
    let run = try CommandRun.baseline(
      ["notes", "--env", "SIT-A", "--format", "cyclonedx", "--output", picture, "--no-history"],
      in: estate.url)
    #expect(run.status == 0, "\(run.stderr)")
    written.append(("cyclonedx", picture))
    for kind in ["cyclonedx", "spdx"] {
      let checked = try Self.validate(kind, written.filter { $0.0 == kind }.map(\.1))
      #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    }
  }
}
