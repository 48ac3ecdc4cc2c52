import ArgumentParser
import BaselineHistory

/// `baseline history import`: one runner's history into the shared store, idempotently.
struct HistoryImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Copy a run history (an SQLite file) into another store, such as PostgreSQL.",
    discussion: """
      Rows already in the target are matched and left (periods seen later are extended), so \
      importing twice changes nothing. One transaction: on failure the target is unchanged. \
      Exit 0 imported, 2 could not.
      """)

  @Option(name: .long, help: "The history to read: an SQLite file (or a postgres:// address).")
  var from: String

  @Option(
    name: .long,
    help: """
      The history to write: postgres://USER@HOST:PORT/DB (password from PGPASSWORD or \
      ~/.pgpass), or an SQLite file.
      """)
  var to: String

  func validate() throws {
    if from.isEmpty || to.isEmpty { throw ValidationError("--from and --to need a history") }
    if HistoryStores.shown(from) == HistoryStores.shown(to) {
      throw ValidationError("--from and --to name the same history")
    }
  }

  func run() throws {
    let summary = try HistoryImport.run(from: from, to: to)
    print("imported \(HistoryStores.shown(from)) into \(HistoryStores.shown(to)): \(summary)")
  }
}
