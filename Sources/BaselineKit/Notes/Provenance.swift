public import Foundation

/// Where a filed document came from: when it was written, by which version of Baseline, with
/// which command, from which commit of the estate. A Release Note or a picture carries it as
/// `verify`'s evidence does.
public struct Provenance: Sendable, Hashable {
  /// When the document was written.
  public let generatedAt: Date
  /// `baseline --version`.
  public let toolVersion: String
  /// The command line, as run.
  public let command: String
  /// The estate repository's `HEAD` commit; `nil` when the estate is not in git.
  public let estateCommit: String?

  /// Provenance of a run now.
  /// - Parameters:
  ///   - root: the estate root.
  ///   - arguments: the command line (`CommandLine.arguments`).
  ///   - repositories: where the estate's repository is opened.
  public init(root: URL, arguments: [String], repositories: ComponentRepositories) {
    generatedAt = Date()
    toolVersion = BaselineTool.version
    command = (["baseline"] + arguments.dropFirst()).map(Self.shellWord).joined(separator: " ")
    estateCommit = repositories.estateCommit(root: root)
  }

  /// A word as a shell would need it: quoted when it holds anything but safe characters.
  static func shellWord(_ word: String) -> String {
    let safe = word.allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:@,+".contains($0))
    }
    return safe && !word.isEmpty
      ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// The fields of the JSON forms.
  var json: JSONValue {
    .object([
      "generated_at": .string(Timestamp.string(generatedAt)), "tool_version": .string(toolVersion),
      "command": .string(command), "estate_commit": .text(estateCommit),
    ])
  }

  /// One line for a Markdown page.
  var markdown: String {
    "\(Timestamp.human(generatedAt)) by baseline \(Markdown.text(toolVersion)): "
      + "\(Markdown.code(command))"
      + (estateCommit.map { ", estate commit `\($0)`" } ?? ", estate not in git")
  }
}
