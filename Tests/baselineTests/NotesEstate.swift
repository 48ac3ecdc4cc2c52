import BaselineTestSupport
import Foundation

/// A small estate made for release notes and diffs: one component, `billing`, whose history
/// has an emergency line, a cherry-pick with `-x`, a merged feature branch, and work item ids
/// in subjects, bodies and trailers; and an estate repository whose `SIT-A` baseline moves
/// from R3 (tag `R3`) to R4 (declared by `release:`, not tagged).
///
/// ```
/// 1.0.0.0 A ── B (CR-7, body DEF-101) ── C (pick of H1) ── M (merge of F1, F2) ── D (trailer) 1.1.0.0
///          └─ H1 (DEF-200) 1.0.0.1 ── H2 (DEF-201) 1.0.0.2
/// ```
struct NotesEstate {
  let folder = TemporaryDirectory("notes-estate")
  var repository: GitScript
  var estate: GitScript
  /// Commits by name.
  var ids: [String: String] = [:]

  var root: URL { folder.url.appendingPathComponent("estate") }

  init() throws {
    repository = try GitScript(at: folder.url.appendingPathComponent("repos/billing"))
    ids["A"] = try repository.commit(
      "BILL-1 initial billing", file: "src/app.txt", content: "app 1\n")
    try repository.commit("README", file: "README.md", content: "billing\n")
    ids["A"] = try repository.id("HEAD")
    try repository.tag("1.0.0.0", message: "release 1.0.0.0")
    try repository.run(["checkout", "-q", "-b", "hotfix/1.0.0", "1.0.0.0"])
    let fix = try repository.commit(
      "DEF-200 reject negative amounts", file: "src/amount.txt", content: "check sign\n")
    ids["H1"] = fix
    try repository.tag("1.0.0.1", message: "emergency 1.0.0.1")
    ids["H2"] = try repository.commit(
      "DEF-201 round half even", file: "src/round.txt", content: "half even\n")
    try repository.tag("1.0.0.2", message: "emergency 1.0.0.2")
    try repository.run(["checkout", "-q", "main"])
    ids["B"] = try repository.commit(
      "CR-7 monthly statements\n\nBuilt on the fix for DEF-101 from last sprint.",
      file: "src/statements.txt", content: "monthly\n")
    try repository.run(["cherry-pick", "-x", fix])
    repository.clock += 60
    ids["C"] = try repository.id("HEAD")
    try repository.run(["checkout", "-q", "-b", "feature/export", "main"])
    ids["F1"] = try repository.commit(
      "CR-9 export to CSV", file: "src/export.txt", content: "csv\n")
    ids["F2"] = try repository.commit(
      "CR-9 export headers", file: "src/export.txt", content: "csv+h\n")
    try repository.run(["checkout", "-q", "main"])
    try repository.run(["merge", "-q", "--no-ff", "-m", "Merge feature/export", "feature/export"])
    repository.clock += 60
    ids["M"] = try repository.id("HEAD")
    ids["D"] = try repository.commit(
      "Tidy the docs\n\nNothing else.\n\nFixes: #12\nReviewed-by: Rita Reviewer <rita@example.org>",
      file: "README.md", content: "billing, documented\n")
    try repository.tag("1.1.0.0", message: "release 1.1.0.0")
    estate = try GitScript(at: folder.url.appendingPathComponent("estate"))
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      """
      work_items:
        defects: ['DEF-[0-9]+']
        changes: ['CR-[0-9]+']
        items: ['Fixes: (#[0-9]+)']
      components:
        billing:
          repository: ../../repos/billing
          mainline: main
      """)
    try writeBaseline(release: "R3", version: "1.0.0.2", rounding: "half-up")
    try estate.run(["add", "-A"])
    try estate.run(["commit", "-q", "-m", "SIT-A baseline for R3"])
    try estate.tag("R3")
    try writeBaseline(release: "R4", version: "1.1.0.0", rounding: "half-even")
    try estate.run(["commit", "-q", "-am", "SIT-A baseline for R4"])
  }

  /// Writes `Baselines/SIT-A.yaml`.
  func writeBaseline(release: String, version: String, rounding: String) throws {
    _ = try folder.write(
      "estate/Baselines/SIT-A.yaml",
      """
      environment: SIT-A
      release: "\(release)"
      components:
        billing:
          version: "\(version)"
          settings:
            rounding: "\(rounding)"
      """)
  }
}
