import BaselineTestSupport
import Foundation

/// Issue 14's estate: 50 environments × 2,000 components, one bare repository per component
/// with a dozen releases (annotated tags `1.0.K.0`), an inventory probe per environment that
/// reports every component's version and commit with about 2% of the cells drifted
/// (`version_mismatch`). The report is timed (wall, peak memory of the process) at 1/16, 1/4
/// and the whole estate, without history and with each store (the first night, then a
/// nightly run over a history that holds the night before).
struct EstateScale {
  let root: URL
  let binary: URL
  static let environments = 50
  static let components = 2_000
  static let releases = 12

  /// Runs `git` and stops the benchmark when it fails.
  func git(_ arguments: [String], in directory: URL, input: URL? = nil, output: URL? = nil) {
    let run = Measured.run(["git"] + arguments, in: directory, input: input, output: output)
    guard run.status == 0 else { fatalError("git \(arguments.joined(separator: " ")) failed") }
  }

  /// One bare repository per component (`repos/cNNNN.git`), `releases` commits each tagged
  /// `TAG(release)`; returns each commit id by tag.
  func makeRepository(
    _ name: String, tags: [String], in folder: URL, annotated: (Int) -> Bool = { _ in true }
  ) -> [String: String] {
    let repository = folder.appendingPathComponent("\(name).git")
    git(["init", "-q", "--bare", "-b", "main", repository.path], in: folder)
    var stream = ""
    for (index, tag) in tags.enumerated() {
      let mark = index + 1
      let content = "\(name) \(tag)\n"
      stream += "commit refs/heads/main\nmark :\(mark)\n"
      stream += "committer Bench <bench@example.org> \(1_700_000_000 + mark * 60) +0000\n"
      stream += "data 8\nrelease\n" + (mark > 1 ? "from :\(mark - 1)\n" : "")
      stream += "M 100644 inline version.txt\ndata \(content.utf8.count)\n\(content)\n"
      if annotated(index) {
        stream += "tag \(tag)\nfrom :\(mark)\ntagger Release <rm@example.org> "
        stream += "\(1_700_000_000 + mark * 60) +0000\ndata 8\nrelease\n\n"
      } else {
        stream += "reset refs/tags/\(tag)\nfrom :\(mark)\n\n"
      }
    }
    let input = repository.appendingPathComponent("stream")
    let marks = repository.appendingPathComponent("marks")
    try? Data(stream.utf8).write(to: input)
    git(
      ["fast-import", "--quiet", "--export-marks=\(marks.path)"], in: repository, input: input)
    let lines = (try? String(contentsOf: marks, encoding: .utf8)) ?? ""
    var commits: [String: String] = [:]
    for line in lines.split(separator: "\n") {
      let fields = line.split(separator: " ")
      if fields.count == 2, let mark = Int(fields[0].dropFirst()), mark <= tags.count {
        commits[tags[mark - 1]] = String(fields[1])
      }
    }
    try? FileManager.default.removeItem(at: input)
    try? FileManager.default.removeItem(at: marks)
    return commits
  }

  /// The estate of the first `count` components in `folder`: `components.yaml`, a baseline
  /// per environment (every component at `declared`), and the probe with its inventories
  /// (the deployed release of each cell from `deployed`). Returns the cells planted drifted.
  func writeEstate(
    _ folder: URL, count: Int, repository: (Int) -> String, tag: String,
    declared: String, commits: (Int, String) -> String
  ) throws -> Int {
    let fileManager = FileManager.default
    for sub in ["Baselines", "Probes", "inventories"] {
      try fileManager.createDirectory(
        at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    var catalog = "components:\n"
    for index in 0..<count {
      catalog += "  \(Self.name(index)):\n    repository: \(repository(index))\n"
      catalog += "    tag: \"\(tag.replacingOccurrences(of: "NAME", with: Self.name(index)))\"\n"
    }
    try Data(catalog.utf8).write(to: folder.appendingPathComponent("Baselines/components.yaml"))
    var planted = 0
    for environment in 0..<Self.environments {
      let env = String(format: "E%02d", environment)
      var baseline = "environment: \(env)\ncomponents:\n"
      var entries: [String] = []
      for index in 0..<count {
        baseline += "  \(Self.name(index)):\n    version: \"\(declared)\"\n"
        let drifted = (environment * 7_919 + index * 104_729) % 50 == 0
        if drifted { planted += 1 }
        let version = drifted ? Self.previous(declared) : declared
        entries.append(
          "{\"name\": \"\(Self.name(index))\", \"version\": \"\(version)\", "
            + "\"commit\": \"\(commits(index, version))\"}")
      }
      try Data(baseline.utf8).write(
        to: folder.appendingPathComponent("Baselines/\(env).yaml"))
      let inventory =
        "{\"environment\": \"\(env)\", \"collected_at\": \"COLLECTED\", \"components\": [\n"
        + entries.joined(separator: ",\n") + "]}\n"
      try Data(inventory.utf8).write(
        to: folder.appendingPathComponent("inventories/\(env).json"))
    }
    let probe = folder.appendingPathComponent("Probes/inventory")
    try Data(
      "#!/bin/sh\nexec sed \"s/COLLECTED/$(date -u +%Y-%m-%dT%H:%M:%SZ)/\" \"inventories/$1.json\"\n"
        .utf8
    ).write(to: probe)
    try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: probe.path)
    return planted
  }

  static func name(_ index: Int) -> String { String(format: "c%04d", index) }

  /// `1.0.K.0` → `1.0.(K-1).0`.
  static func previous(_ version: String) -> String {
    var parts = version.split(separator: ".").map { Int($0) ?? 0 }
    parts[2] -= 1
    return parts.map(String.init).joined(separator: ".")
  }

  /// The report of `estate` without history (`none`) and with each of `stores` (label,
  /// location, environment): the first night, then a nightly run (median of 3).
  func measure(_ estate: URL, stores: [(String, String, [String: String])]) -> [Row] {
    let report = [binary.path, "report", "--format", "json", "--output", "/dev/null"]
    var rows = [
      Row(
        store: "none", first: nil,
        nightly: Measured.median(3) { Measured.run(report + ["--no-history"], in: estate) })
    ]
    for (label, location, environment) in stores {
      let arguments = report + ["--history", location]
      let first = Measured.run(arguments, in: estate, environment: environment)
      let nightly = Measured.median(3) {
        Measured.run(arguments, in: estate, environment: environment)
      }
      rows.append(Row(store: label, first: first, nightly: nightly))
    }
    return rows
  }

  /// One store's figures for one size of estate.
  struct Row {
    let store: String
    let first: Measured?
    let nightly: Measured
  }
}
