import Foundation

extension Estate {
  /// Reads `credentials:`: `token_env:` (an environment variable's name) with an optional
  /// `user:`, or `ssh_key:` (a key file), or `ssh_agent: true`; exactly one kind.
  /// - Throws: ``InputError`` at the mapping for none or two kinds, an unknown key, a name
  ///   that is no environment variable's name.
  static func loadCredentials(_ node: YAMLNode) throws(InputError) -> CredentialSource {
    let fields = try node.fields(
      ["token_env", "user", "ssh_key", "ssh_agent"],
      expected: "token_env: (an environment variable) and user:, or ssh_key:, or ssh_agent: true")
    let kinds = ["token_env", "ssh_key", "ssh_agent"].filter { fields[$0] != nil }
    guard kinds.count == 1 else {
      throw node.error(
        "expected one of token_env:, ssh_key: or ssh_agent:, found "
          + (kinds.isEmpty ? "none" : kinds.joined(separator: " and ")))
    }
    if let variable = try fields["token_env"]?.name(expected: "an environment variable's name") {
      guard
        variable.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
        variable.first?.isNumber == false
      else {
        throw node.error(
          "expected the name of an environment variable that holds the token, like "
            + "GITLAB_TOKEN (never the token itself)")
      }
      return .tokenFromEnvironment(
        variable: variable, user: try fields["user"]?.name(expected: "a user name") ?? "baseline")
    }
    if let path = try fields["ssh_key"]?.text(expected: "a private key file") {
      return .sshKey(path: path)
    }
    let agent = try fields["ssh_agent"]?.text(expected: "true")
    guard agent == "true" else { throw node.error("expected ssh_agent: true") }
    return .sshAgent
  }
}
