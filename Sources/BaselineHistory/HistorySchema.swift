import GRDB

/// The history's tables, versioned by GRDB migrations (`grdb_migrations` records those applied).
/// A migration is never edited once released: a change is a new migration.
///
/// - `run`: one row per recorded run (time in seconds since 1970, UTC).
/// - `environment_run`: each environment a run judged, its status and probes (JSON).
/// - `deployment`: periods during which an environment ran one build of a component.
/// - `finding_period`: periods during which a finding (by identity) stood, unbroken.
/// - `decision`: the Board's GO / NO-GO that `verify` printed.
/// - `tag_move`: release tags a run's fetch found moved or deleted on the server (`new_object`
///   null), with the URL and the components that name it (a JSON array).
enum HistorySchema {
  /// The names of the migrations this Baseline knows, oldest first.
  static var migrationNames: [String] {
    ["v1-runs-deployments-findings-decisions", "v2-tag-moves"]
  }

  /// The tables a Baseline history has (besides GRDB's own).
  static let tables: Set<String> = [
    "run", "environment_run", "deployment", "finding_period", "decision", "tag_move",
  ]

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration(migrationNames[0]) { db in
      try db.execute(
        sql: """
          CREATE TABLE run (
            id INTEGER PRIMARY KEY,
            time REAL NOT NULL,
            command TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            estate_commit TEXT
          );
          CREATE TABLE environment_run (
            run_id INTEGER NOT NULL REFERENCES run(id),
            environment TEXT NOT NULL,
            status TEXT NOT NULL,
            probes TEXT NOT NULL,
            PRIMARY KEY (run_id, environment)
          );
          CREATE INDEX environment_run_by_environment ON environment_run(environment, run_id);
          CREATE TABLE deployment (
            id INTEGER PRIMARY KEY,
            environment TEXT NOT NULL,
            component TEXT NOT NULL,
            release TEXT,
            commit_id TEXT,
            tag TEXT,
            from_time REAL NOT NULL,
            to_time REAL,
            last_seen REAL NOT NULL
          );
          CREATE INDEX deployment_by_cell ON deployment(environment, component, to_time);
          CREATE INDEX deployment_by_component ON deployment(component);
          CREATE TABLE finding_period (
            id INTEGER PRIMARY KEY,
            environment TEXT NOT NULL,
            component TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            message TEXT NOT NULL,
            first_seen REAL NOT NULL,
            last_seen REAL NOT NULL,
            resolved_at REAL
          );
          CREATE INDEX finding_period_by_identity
            ON finding_period(environment, component, kind, key);
          CREATE INDEX finding_period_by_component ON finding_period(component);
          CREATE TABLE decision (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES run(id),
            environment TEXT NOT NULL,
            decision TEXT NOT NULL,
            time REAL NOT NULL,
            who TEXT NOT NULL,
            release TEXT,
            estate_commit TEXT,
            evidence_sha256 TEXT NOT NULL
          );
          CREATE INDEX decision_by_environment ON decision(environment, time);
          """)
    }
    migrator.registerMigration(migrationNames[1]) { db in
      try db.execute(
        sql: """
          CREATE TABLE tag_move (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES run(id),
            time REAL NOT NULL,
            url TEXT NOT NULL,
            components TEXT NOT NULL,
            tag TEXT NOT NULL,
            old_object TEXT NOT NULL,
            new_object TEXT
          );
          CREATE INDEX tag_move_by_time ON tag_move(time);
          """)
    }
    return migrator
  }
}
