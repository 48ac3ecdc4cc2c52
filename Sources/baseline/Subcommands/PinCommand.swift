import ArgumentParser
import BaselineKit

/// `baseline pin`: records the commit each baselined release's tag names now.
struct PinCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pin",
    abstract:
      "Record the commit each baselined release's tag names now (Baselines/<ENV>.pins.yaml).",
    discussion: """
      A pin is never moved silently: when a tag now names another commit than its pin, the pin \
      is kept and the move reported, unless --repin names the component. Releases pinned by \
      commit: in the baseline are checked, not copied (--repin cannot move them). A pin file \
      is written only when every baselined release of its environment can be pinned. Exit 0 \
      when every baselined release is pinned and its tag still names the pin, 1 otherwise \
      (moved, no tag, tagged twice), 2 could not run.
      """)

  @OptionGroup var estateOptions: EstateOptions

  @Option(name: .customLong("env"), help: "An environment to pin (repeatable); default: all.")
  var environments: [String] = []

  @Option(name: .long, help: "Let this component's pin follow its moved tag (repeatable).")
  var repin: [String] = []

  @Flag(name: .long, help: "Say what the same run would write; write nothing.")
  var dryRun = false

  func run() throws {
    estateOptions.prepare()
    let root = estateOptions.rootURL
    let estate = try Estate.load(root: root, environments: environments)
    let pins = try PinRun.plan(estate, repin: repin, dryRun: dryRun)
    try pins.write(root: root)
    try Console.output(pins.text())
    throw ExitCode(pins.exitCode)
  }
}
