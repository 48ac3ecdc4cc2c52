import Foundation

/// Issue 14's tag figures, whole processes against git on the same repository in the same
/// run: a 10,000-tag repository (half annotated; loose references, as a fresh clone's tags
/// are after `git fetch`… then packed) and a 200,000-tag one with 180,000 emergency releases
/// (and a quarter and a half of it, for the hotfix check's curve).
enum TagScale {
  static func run(root: URL, binary: URL, scale: EstateScale) throws {
    let folder = root.appendingPathComponent("tag-scale")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    // 10,000 releases 1.R.P.0 (R = index / 10, P = index % 10), half of them annotated.
    let ten = (0..<10_000).map { "1.\($0 / 10).\($0 % 10).0" }
    _ = try compare(
      "10,000 tags", tags: ten, annotated: { $0 % 2 == 0 }, in: folder, scale: scale,
      binary: binary, reportTarget: 1.0, tagsTarget: 2.0)
    // 20,000 regular releases, each followed by nine emergency releases; the hotfix check
    // also on a quarter and a half of it, for its curve.
    var curve: [(emergency: Int, run: Measured)] = []
    for count in [50_000, 100_000, 200_000] {
      let tags = (0..<count).map { "1.\($0 / 10).0.\($0 % 10)" }
      let emergency = count / 10 * 9
      let label = "\(count.formatted()) tags (\(emergency.formatted()) emergency releases)"
      let run = try compare(
        label, tags: tags, annotated: { _ in false }, in: folder, scale: scale, binary: binary,
        reportTarget: nil, tagsTarget: count == 200_000 ? 2.0 : nil, hotfixes: true)
      if let run { curve.append((emergency, run)) }
    }
    hotfixCurve(curve)
  }

  /// The hotfix check's cost per emergency release judged at each size, and whether it grows
  /// linearly: the cost per release at the largest within 1.5× of the smallest's.
  static func hotfixCurve(_ curve: [(emergency: Int, run: Measured)]) {
    let each = curve.map { $0.run.milliseconds * 1000 / Double($0.emergency) }
    let shown = zip(curve, each).map { point, micro in
      String(
        format: "%@: %.1f s, %.0f MiB, %.0f µs each", point.emergency.formatted(),
        point.run.milliseconds / 1000, point.run.peakMiB, micro)
    }
    let growth = (each.last ?? 0) / max(each.first ?? 1, 0.001)
    print(
      Verdict.line(
        "hotfixes, emergency releases judged", shown.joined(separator: "; "),
        target: "linear: cost per release at the largest within 1.5× of the smallest's",
        met: !each.isEmpty && growth <= 1.5))
  }

  static func compare(
    _ label: String, tags: [String], annotated: (Int) -> Bool, in folder: URL,
    scale: EstateScale, binary: URL, reportTarget: Double?, tagsTarget: Double?,
    hotfixes: Bool = false
  ) throws -> Measured? {
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
    if let tagsTarget {
      print(
        Verdict.line(
          "tags --format json on \(label)", String(format: "%.2f× git for-each-ref", ratio),
          target: String(format: "at most %.0f×", tagsTarget), met: ratio <= tagsTarget))
    }
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
    guard hotfixes else { return nil }
    let run = Measured.median(3) {
      Measured.run([binary.path, "hotfixes", "--component", "big", "--format", "json"], in: estate)
    }
    print("\(label): baseline hotfixes \(run.shown), exit \(run.status)")
    return run
  }
}
