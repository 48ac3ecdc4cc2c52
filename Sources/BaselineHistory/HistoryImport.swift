import Foundation

/// `baseline history import --from PATH.sqlite --to postgres://…`: moves one runner's history
/// into another store (the shared one), in one transaction of the target that holds the
/// source's environments (their runs wait).
///
/// Idempotent: every row is matched by what identifies it, so importing twice (or importing a
/// file that grew since) adds only what is not there yet.
/// - runs by time, command, tool version and estate commit; an environment's status, a
///   decision and a moved tag by their run and their own identity;
/// - deployment periods by environment, component and start, finding periods by environment,
///   identity and first seen: a period already there keeps the later `last_seen`, and the end
///   (`to_time`, `resolved_at`) of whichever copy was seen later.
public enum HistoryImport {
  /// What an import did, row counts by table.
  public struct Summary: Sendable, Hashable, CustomStringConvertible {
    /// Rows copied, by table.
    public var added: [String: Int] = [:]
    /// Periods already there whose last sighting or end the source moved on.
    public var merged = 0
    /// Rows already there as they are.
    public var unchanged = 0

    public var description: String {
      let tables = [
        "run", "environment_run", "deployment", "finding_period", "decision", "tag_move",
      ]
      let copied = tables.map { "\($0) \(added[$0] ?? 0)" }.joined(separator: ", ")
      return "rows copied: \(copied); \(merged) periods extended; \(unchanged) rows already there"
    }
  }

  /// Imports the history at `source` (an existing SQLite file, or an address) into `target`
  /// (created or migrated when needed).
  /// - Throws: ``HistoryError`` naming the store that failed; the target is then unchanged.
  public static func run(from source: String, to target: String) throws(HistoryError) -> Summary {
    guard HistoryStores.exists(source) else {
      throw HistoryError("no run history at \(source) to import")
    }
    guard !isSameFile(source, target) else {
      throw HistoryError(
        "\(source) and \(target) are the same history: there is nothing to import; nothing changed")
    }
    // A runner's history from an earlier Baseline is brought up to date first (its schema
    // migrated forward, as its next report would; nothing else is written to it).
    let from: any HistoryStore
    do {
      from = try HistoryStores.open(source, readOnly: true)
    } catch  where error.isOlderSchema {
      do {
        from = try HistoryStores.open(source, readOnly: false)
      } catch {
        throw HistoryError(
          "history \(source) has an older schema and could not be brought up to date here "
            + "(\(error.message)): import a writable copy of it; nothing changed")
      }
    }
    defer { from.close() }
    guard let reader = from as? any SQLHistoryStore else {
      throw HistoryError("history import reads and writes SQLite files and postgres:// stores")
    }
    // The source read whole before the target is opened: a source that cannot be read leaves
    // no target behind (it created an empty one).
    let tables = try reader.reading { db throws(HistoryError) in try SourceRows(db) }
    let to = try HistoryStores.open(target)
    defer { to.close() }
    guard let writer = to as? any SQLHistoryStore else {
      throw HistoryError("history import reads and writes SQLite files and postgres:// stores")
    }
    return try writer.writing(environments: tables.environments + [Self.lockName]) {
      db throws(HistoryError) in
      try copy(tables, into: db)
    }
  }

  /// Whether two locations are one SQLite file (same device and inode), however spelled
  /// (`X` and `./X`, a link); never for a `postgres://` address.
  static func isSameFile(_ one: String, _ other: String) -> Bool {
    guard !one.contains("://"), !other.contains("://") else { return false }
    var (first, second) = (stat(), stat())
    guard stat(one, &first) == 0, stat(other, &second) == 0 else { return false }
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino
  }

  /// A lock every import takes besides its environments' (PostgreSQL): two imports of one
  /// run that names no environment (a `fetch`) took no common lock and both copied it. A
  /// name clash with an environment only makes them take turns.
  static let lockName = "(history import)"

  /// Every row of the source, by table.
  struct SourceRows {
    let runs, environmentRuns, deployments, findings, decisions, moves: [SQLRow]
    var environments: [String] {
      Array(Set(environmentRuns.compactMap { try? $0.text("environment") }))
    }

    init(_ db: any HistoryDatabase) throws(HistoryError) {
      runs = try db.rows("SELECT id, time, command, tool_version, estate_commit FROM run", [])
      environmentRuns = try db.rows(
        "SELECT run_id, environment, status, probes FROM environment_run", [])
      deployments = try db.rows(
        "SELECT environment, component, release, commit_id, tag, from_time, to_time, last_seen "
          + "FROM deployment", [])
      findings = try db.rows(
        "SELECT environment, component, kind, key, message, first_seen, last_seen, resolved_at, "
          + "accepted, accepted_since FROM finding_period", [])
      decisions = try db.rows(
        "SELECT run_id, environment, decision, time, who, release, estate_commit, "
          + "evidence_sha256 FROM decision", [])
      moves = try db.rows(
        "SELECT run_id, time, url, components, tag, old_object, new_object FROM tag_move", [])
    }
  }

  static func copy(_ source: SourceRows, into db: any HistoryDatabase) throws(HistoryError)
    -> Summary
  {
    var summary = Summary()
    let runColumns = ["time", "command", "tool_version", "estate_commit"]
    var runs: [[SQLValue]: Int64] = [:]
    for row in try db.rows("SELECT id, \(runColumns.joined(separator: ", ")) FROM run", []) {
      runs[tuple(row, runColumns)] = try row.integer("id")
    }
    var mapped: [Int64: Int64] = [:]
    for row in source.runs {
      let key = tuple(row, runColumns)
      if let id = runs[key] {
        mapped[try row.integer("id")] = id
        summary.unchanged += 1
        continue
      }
      let id = try db.insert(
        "INSERT INTO run (\(runColumns.joined(separator: ", "))) VALUES (?, ?, ?, ?)", key)
      runs[key] = id
      mapped[try row.integer("id")] = id
      summary.added["run", default: 0] += 1
    }
    try copyByRun(
      "environment_run", ["run_id", "environment", "status", "probes"],
      key: ["run_id", "environment"], rows: source.environmentRuns, runs: mapped, into: db,
      summary: &summary)
    try copyByRun(
      "decision",
      [
        "run_id", "environment", "decision", "time", "who", "release", "estate_commit",
        "evidence_sha256",
      ], key: ["run_id", "environment", "evidence_sha256"], rows: source.decisions,
      runs: mapped, into: db, summary: &summary)
    try copyByRun(
      "tag_move", ["run_id", "time", "url", "components", "tag", "old_object", "new_object"],
      key: ["run_id", "url", "tag", "old_object"], rows: source.moves, runs: mapped, into: db,
      summary: &summary)
    try mergePeriods(
      HistoryPeriods.deployments, rows: source.deployments, into: db, summary: &summary)
    try mergePeriods(HistoryPeriods.findings, rows: source.findings, into: db, summary: &summary)
    return summary
  }

  /// Copies the rows of a table that belongs to a run, with the run's id in the target,
  /// leaving out those whose `key` columns are there already.
  private static func copyByRun(
    _ table: String, _ columns: [String], key: [String], rows: [SQLRow], runs: [Int64: Int64],
    into db: any HistoryDatabase, summary: inout Summary
  ) throws(HistoryError) {
    var present: Set<[SQLValue]> = []
    for row in try db.rows("SELECT \(key.joined(separator: ", ")) FROM \(table)", []) {
      present.insert(tuple(row, key))
    }
    var added: [[SQLValue]] = []
    for row in rows {
      guard let run = runs[try row.integer("run_id")] else { continue }
      let mappedRun: [String: SQLValue] = ["run_id": .integer(run)]
      let identity = tuple(row, key, replacing: mappedRun)
      if present.contains(identity) {
        summary.unchanged += 1
        continue
      }
      present.insert(identity)
      added.append(tuple(row, columns, replacing: mappedRun))
    }
    try HistoryBatch.insert(into: table, columns: columns, rows: added, in: db)
    summary.added[table, default: 0] += added.count
  }

  /// Adds the periods the target lacks and moves on those it has (a later `last_seen`, and
  /// the end of the copy seen later). A period open in the source for a cell (or finding)
  /// that the target holds open from another start is not a second open period: a finding is
  /// one period (the earlier start, the later sighting); of two builds, the one that started
  /// later is current and the other ends where it starts.
  private static func mergePeriods(
    _ shape: HistoryPeriods, rows: [SQLRow], into db: any HistoryDatabase,
    summary: inout Summary
  ) throws(HistoryError) {
    var present: [[SQLValue]: SQLRow] = [:]
    var open: [[SQLValue]: SQLRow] = [:]
    for row in try db.rows(
      "SELECT id, \(shape.columns.joined(separator: ", ")) FROM \(shape.table)", [])
    {
      present[tuple(row, shape.key)] = row
      if row[shape.end] == .null { open[tuple(row, shape.cell)] = row }
    }
    var added: [[SQLValue]] = []
    for row in rows {
      let identity = tuple(row, shape.key)
      if let current = present[identity] {
        try extend(current, with: row, shape: shape, in: db, summary: &summary)
        continue
      }
      var ending: [String: SQLValue] = [:]
      if row[shape.end] == .null, let current = open[tuple(row, shape.cell)] {
        if shape.same(current, row) {
          try join(current, with: row, shape: shape, in: db, summary: &summary)
          continue
        }
        let (start, currentStart) = (try row.real(shape.start), try current.real(shape.start))
        if start > currentStart {
          try db.execute(
            "UPDATE \(shape.table) SET \(shape.end) = ? WHERE id = ?",
            [.real(start), .integer(try current.integer("id"))])
          summary.merged += 1
        } else {
          ending[shape.end] = .real(currentStart)
        }
      }
      added.append(tuple(row, shape.columns, replacing: ending))
      present[identity] = row
    }
    try HistoryBatch.insert(into: shape.table, columns: shape.columns, rows: added, in: db)
    summary.added[shape.table, default: 0] += added.count
  }

  /// The same period in both: the later `last_seen`, and the end (and what ``HistoryPeriods``
  /// calls `later`: a finding's message and acceptance, a build's tag) of the copy seen later.
  private static func extend(
    _ current: SQLRow, with row: SQLRow, shape: HistoryPeriods, in db: any HistoryDatabase,
    summary: inout Summary
  ) throws(HistoryError) {
    let (seen, wasSeen) = (try row.real("last_seen"), try current.real("last_seen"))
    let end = seen > wasSeen ? row[shape.end] ?? .null : current[shape.end] ?? .null
    guard seen > wasSeen || end != current[shape.end] else {
      summary.unchanged += 1
      return
    }
    var sets = ["last_seen = ?", "\(shape.end) = ?"]
    var values: [SQLValue] = [.real(max(seen, wasSeen)), end]
    for later in shape.later where seen > wasSeen {
      sets.append("\(later) = ?")
      values.append(row[later] ?? .null)
    }
    try db.execute(
      "UPDATE \(shape.table) SET \(sets.joined(separator: ", ")) WHERE id = ?",
      values + [.integer(try current.integer("id"))])
    summary.merged += 1
  }

  /// One standing period recorded from two starts: the earlier start, the later sighting.
  private static func join(
    _ current: SQLRow, with row: SQLRow, shape: HistoryPeriods, in db: any HistoryDatabase,
    summary: inout Summary
  ) throws(HistoryError) {
    let start = min(try row.real(shape.start), try current.real(shape.start))
    let seen = max(try row.real("last_seen"), try current.real("last_seen"))
    let (wasStart, wasSeen) = (try current.real(shape.start), try current.real("last_seen"))
    // What the later sighting says (a finding's message and acceptance, a build's tag).
    let later = try row.real("last_seen") > wasSeen
    let changed = shape.later.filter { later && row[$0] != current[$0] }
    guard start != wasStart || seen != wasSeen || !changed.isEmpty else {
      summary.unchanged += 1
      return
    }
    let sets = ["\(shape.start) = ?", "last_seen = ?"] + changed.map { "\($0) = ?" }
    try db.execute(
      "UPDATE \(shape.table) SET \(sets.joined(separator: ", ")) WHERE id = ?",
      [.real(start), .real(seen)] + changed.map { row[$0] ?? .null }
        + [.integer(try current.integer("id"))])
    summary.merged += 1
  }

  /// The values of `columns` in order (`null` where absent), those in `replacing` taken from
  /// it: a row's identity, or its values for an insert.
  private static func tuple(
    _ row: SQLRow, _ columns: [String], replacing: [String: SQLValue] = [:]
  ) -> [SQLValue] {
    columns.map { replacing[$0] ?? row[$0] ?? .null }
  }
}
