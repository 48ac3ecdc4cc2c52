import ArgumentParser
import BaselineHistory
import BaselineKit
import Foundation

/// `baseline`: configuration baselines and drift for release and environment management.
@main
struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract:
      "Check that every environment runs the tagged builds its configuration baseline declares.",
    discussion: """
      Exit codes: 0 clean, 1 findings, 2 could not run (bad input, unreadable repository).
      The contract (estate files, inventory and report JSON, finding kinds) is in Docs/DESIGN.md.
      """,
    version: BaselineTool.version,
    subcommands: [
      ReportCommand.self, VerifyCommand.self, ProbeCommand.self, PinCommand.self, LintCommand.self,
      TagsCommand.self, HotfixesCommand.self, HistoryCommand.self, NotesCommand.self,
      DiffCommand.self, FetchCommand.self,
    ])

  /// Without a command nothing was checked: a usage error (exit 2), never a clean 0.
  func run() throws {
    throw ValidationError(
      "a command is needed: report, verify, probe, pin, lint, tags, hotfixes, history, notes, diff or fetch (see baseline --help)"
    )
  }

  /// Runs the command and maps every outcome to an exit code: 0 and 1 as the command says,
  /// 2 for anything that stopped the job (argument errors included, not ArgumentParser's 64).
  static func main() {
    // Probes' escaped descendants become baseline's children, to be ended with the probes.
    ProbeOrphans.adopt()
    SignalHandling.stopProbesOnSignals()
    do {
      var command = try parseAsRoot()
      try command.run()
      SignalHandling.finish(0)
    } catch let code as ExitCode {
      SignalHandling.finish(code.rawValue)
    } catch let error as InputError {
      fail(error.description)
    } catch let error as InputErrors {
      fail(error.description)
    } catch let error as RepositoryError {
      fail(error.description)
    } catch let error as OutputError {
      fail(error.description)
    } catch let error as HistoryError {
      fail(error.description)
    } catch {
      SignalHandling.waitIfInterrupted()
      if exitCode(for: error) == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      Console.error(Terminal.safe(fullMessage(for: error)) + "\n")
      Foundation.exit(2)
    }
  }

  /// Says what stopped the job and exits 2; after a signal, says nothing and leaves the exit
  /// to the signal handler.
  static func fail(_ message: String) -> Never {
    SignalHandling.waitIfInterrupted()
    // A path or message from outside may hold an escape sequence: shown, never acted on.
    Console.error("baseline: error: \(Terminal.safe(message))\n")
    Foundation.exit(2)
  }
}
