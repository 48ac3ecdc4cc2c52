import BaselineTestSupport
import Foundation
import Testing

/// Issue 13 (first part): components named by URL, read from mirrors `baseline fetch` keeps,
/// against a real `git daemon` on loopback.
@Suite("baseline fetch: mirrors of components named by URL")
struct FetchCommandTests {
  @Test(
    "no mirror yet says to fetch; one fetch per URL; a moved tag is listed; a failure is exit 2")
  func fetchAndRead() throws {
    let folder = TemporaryDirectory("fetch")
    var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
    try source.commit("first")
    try source.tag("1.0.0.0", message: "release")
    try source.commit("second")
    try source.tag("1.1.0.0", message: "release")
    var other = try GitScript(at: folder.url.appendingPathComponent("served/other"))
    try other.commit("ledger")
    try other.tag("2.0.0.0")
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      """
      components:
        billing:
          repository: \(daemon.url("src"))
        billing-docs:
          repository: \(daemon.url("src"))
        ledger:
          repository: \(daemon.url("other"))
      """)
    _ = try folder.write(
      "estate/Baselines/SIT-A.yaml",
      "environment: SIT-A\ncomponents:\n  billing:\n    version: \"1.1.0.0\"\n")
    let estate = folder.url.appendingPathComponent("estate")
    let before = try CommandRun.baseline(["tags", "--component", "billing"], in: estate)
    #expect(before.status == 2)
    #expect(before.stderr.contains("run `baseline fetch` first"), "\(before.stderr)")
    let fetched = try CommandRun.baseline(["fetch"], in: estate)
    #expect(fetched.status == 0, "\(fetched.stderr)")
    #expect(
      fetched.stdout.contains("(billing, billing-docs): fetched, 2 tag(s) changed"),
      "\(fetched.stdout)")
    #expect(
      fetched.stdout.components(separatedBy: "/src (").count == 2, "one fetch for the shared URL")
    let mirrors = try FileManager.default.contentsOfDirectory(
      atPath: estate.appendingPathComponent(".baseline/mirrors").path)
    #expect(mirrors.count == 2)
    #expect(
      FileManager.default.fileExists(
        atPath: estate.appendingPathComponent(".baseline/.gitignore").path))
    let tags = try CommandRun.baseline(
      ["tags", "--component", "billing", "--format", "json"], in: estate)
    #expect(tags.status == 0, "\(tags.stderr)")
    #expect(tags.stdout.contains("1.1.0.0"))
    try source.commit("third")
    try source.run(["tag", "-f", "-a", "-m", "moved", "1.0.0.0", "HEAD"])
    let again = try CommandRun.baseline(["fetch", "--component", "billing"], in: estate)
    #expect(again.status == 0)
    #expect(again.stdout.contains("MOVED   1.0.0.0"), "\(again.stdout)")
    #expect(!again.stdout.contains("other"), "only the component asked for")
    let report = try CommandRun.baseline(
      ["notes", "--component", "billing", "--release", "1.1.0.0", "--format", "json"], in: estate)
    #expect(report.status == 0, "\(report.stderr)")
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: \(daemon.url("src"))\n  gone:\n    repository: git://127.0.0.1:1/gone\n"
    )
    let failed = try CommandRun.baseline(["fetch"], in: estate)
    #expect(failed.status == 2)
    #expect(failed.stdout.contains("git://127.0.0.1:1/gone (gone): FAILED"), "\(failed.stdout)")
    #expect(failed.stdout.contains("(billing): fetched"))
  }
}
