import Foundation
import Git

/// The user's git credential helpers, asked as git asks them: `git credential fill` with the
/// URL (`credential.helper`, `credential.useHttpPath` and the rest of the user's git
/// configuration apply). Terminal prompts and askpass programs are turned off: a nightly job
/// never waits for a person. Nothing is stored or erased (`approve`/`reject` are not called).
enum GitCredentialHelper {
  /// The user name and password a helper gives for `url` (HTTP or HTTPS only); `nil` when
  /// none does, or git is not installed.
  static func fill(_ url: String) -> FetchCredentials? {
    let lower = url.lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
    let run = ToolRun.run(
      "git", ["-c", "core.askPass=", "credential", "fill"], text: "url=\(url)\n\n",
      environment: ["GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": ""])
    guard run.status == 0 else { return nil }
    var fields: [String: String] = [:]
    for line in run.stdout.split(separator: "\n") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    guard let user = fields["username"], let password = fields["password"], !password.isEmpty
    else { return nil }
    return .token(user: user, token: password)
  }
}
