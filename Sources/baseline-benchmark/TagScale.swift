import Foundation

/// Issue 14's tag figures, whole processes against git on the same repository in the same
/// run: a 10,000-tag repository (half annotated; loose references, as a fresh clone's tags
/// are after `git fetch`… then packed) and a 200,000-tag one with 180,000 emergency releases.
enum TagScale {
  static func run(root: URL, binary: URL, scale: EstateScale) throws {
    let folder = root.appendingPathComponent("tag-scale")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    // 10,000 releases 1.R.P.0 (R = index / 10, P = index % 10), half of them annotated.
    let ten = (0..<10_000).map { "1.\($0 / 10).\($0 % 10).0" }
    try compare(
      "10,000 tags", tags: ten, annotated: { $0 % 2 == 0 }, in: folder, scale: scale,
      binary: binary, reportTarget: 1.0, tagsTarget: 2.0)
    // 20,000 regular releases, each followed by nine emergency releases.
    let big = (0..<200_000).map { "1.\($0 / 10).0.\($0 % 10)" }
    try compare(
      "200,000 tags (180,000 emergency releases)", tags: big, annotated: { _ in false },
      in: folder, scale: scale, binary: binary, reportTarget: nil, tagsTarget: 2.0,
      hotfixes: true)
  }

  static func compare(
    _ label: String, tags: [String], annotated: (Int) -> Bool, in folder: URL,
    scale: EstateScale, binary: URL, reportTarget: Double?, tagsTarget: Double,
    hotfixes: Bool = false
  ) throws {
    print("issue 14: making a repository of \(label)…")
    let name = "t\(tags.count)"
    let commits = scale.makeRepository(name, tags: tags, in: folder, annotated: annotated)
    let repository = folder.appendingPathComponent("\(name).git")
    scale.git(["pack-refs", "--all"], in: repository)
    let estate = folder.appendingPathComponent("estate-\(tags.count)")
    let last = tags.last ?? ""
    try FileManager.default.createDirectory(
      at: estate.appendingPathComponent("Baselines"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: estate.appendingPathComponent("Probes"), withIntermediateDirectories: true)
    try Data(
      "components:\n  big:\n    repository: ../../\(name).git\n    tag: \"{version}\"\n".utf8
    ).write(to: estate.appendingPathComponent("Baselines/components.yaml"))
    try Data("environment: E00\ncomponents:\n  big:\n    version: \"\(last)\"\n".utf8).write(
      to: estate.appendingPathComponent("Baselines/E00.yaml"))
    let probe = estate.appendingPathComponent("Probes/inventory")
    try Data(
      ("#!/bin/sh\necho '{\"environment\": \"E00\", \"collected_at\": \"2026-12-01T00:00:00Z\", "
        + "\"components\": [{\"name\": \"big\", \"version\": \"\(last)\", \"commit\": "
        + "\"\(commits[last] ?? "")\"}]}'\n").utf8
    ).write(to: probe)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: probe.path)
    let git = Measured.median(5) {
      Measured.run(
        [
          "git", "for-each-ref", "--format=%(refname) %(*objectname) %(objectname)", "refs/tags",
        ], in: repository)
    }
    let listing = Measured.median(5) {
      Measured.run([binary.path, "tags", "--component", "big", "--format", "json"], in: estate)
    }
    print("\(label): git for-each-ref \(git.shown); baseline tags --format json \(listing.shown)")
    let ratio = listing.milliseconds / git.milliseconds
    print(
      Verdict.line(
        "tags --format json on \(label)", String(format: "%.2f× git for-each-ref", ratio),
        target: String(format: "at most %.0f×", tagsTarget), met: ratio <= tagsTarget))
    if let reportTarget {
      let report = Measured.median(5) {
        Measured.run(
          [binary.path, "report", "--no-history", "--format", "json"], in: estate)
      }
      let ratio = report.milliseconds / git.milliseconds
      print("\(label): baseline report (one component) \(report.shown), exit \(report.status)")
      print(
        Verdict.line(
          "report of one component on \(label)", String(format: "%.2f× git for-each-ref", ratio),
          target: String(format: "at most %.0f×", reportTarget), met: ratio <= reportTarget))
    }
    if hotfixes {
      let run = Measured.median(3) {
        Measured.run(
          [binary.path, "hotfixes", "--component", "big", "--format", "json"], in: estate)
      }
      print(
        "\(label): baseline hotfixes \(run.shown), exit \(run.status) "
          + String(
            format: "(%.1f µs per emergency release judged)", run.milliseconds * 1000 / 180_000))
    }
  }
}
