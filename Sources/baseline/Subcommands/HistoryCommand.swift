import ArgumentParser

/// `baseline history`: the run history's commands; `list` when none is named.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "What ran where and when, how long each drift lasted, and the Board's decisions.",
    discussion: """
      baseline history [list] reads the run history; baseline history import moves one \
      runner's history into another store (the shared PostgreSQL one).
      """,
    subcommands: [HistoryListCommand.self, HistoryImportCommand.self],
    defaultSubcommand: HistoryListCommand.self)
}
