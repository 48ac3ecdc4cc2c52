import BaselineTestSupport
import Foundation
import Testing

/// Issue 14: probes run at most `--jobs N` at once, so that a large estate does not start
/// every probe at once on a small runner.
@Suite("probes: at most --jobs at once")
struct ProbeJobsTests {
  @Test("--jobs 1 runs one probe at a time; --jobs 4 lets four overlap; --jobs 0 is refused")
  func bounded() throws {
    let folder = TemporaryDirectory("probe-jobs")
    _ = try folder.write("Baselines/components.yaml", "components: {}\n")
    _ = try folder.write(
      "Baselines/SIT-A.yaml", "environment: SIT-A\nprobes: [p1, p2, p3, p4]\ncomponents: {}\n")
    // Each probe counts the probes running beside it (one folder each), then holds a second.
    for name in ["p1", "p2", "p3", "p4"] {
      _ = try folder.write(
        "Probes/\(name)",
        """
        #!/bin/sh
        mkdir -p running
        mkdir running/\(name)
        ls running | wc -l >> overlap.log
        sleep 1
        rmdir running/\(name)
        printf '{"environment": "%s", "collected_at": "%s", "components": []}' "$1" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"

        """, executable: true)
    }
    func most(_ jobs: String) throws -> Int {
      try? FileManager.default.removeItem(at: folder.url.appendingPathComponent("overlap.log"))
      let run = try CommandRun.baseline(
        ["probe", "--env", "SIT-A", "--jobs", jobs], in: folder.url)
      #expect(run.status == 0, "\(run.stderr)")
      let log = try String(
        contentsOf: folder.url.appendingPathComponent("overlap.log"), encoding: .utf8)
      return log.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        .max() ?? 0
    }
    #expect(try most("1") == 1)
    #expect(try most("4") > 1)
    let refused = try CommandRun.baseline(
      ["probe", "--env", "SIT-A", "--jobs", "0"], in: folder.url)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("--jobs must be at least 1"), "\(refused.stderr)")
  }
}
