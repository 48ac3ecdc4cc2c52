public import Foundation
public import Git

/// Where a URL component's fetch finds its credentials (`credentials:` in `components.yaml`):
/// never the secret itself, which no estate file holds, but where to read it when fetching.
///
/// ```yaml
/// credentials: { token_env: GITLAB_TOKEN, user: oauth2 }   # HTTPS: the token from the environment
/// credentials: { ssh_key: ~/.ssh/baseline_ed25519 }        # SSH: a key file (public key beside it)
/// credentials: { ssh_agent: true }                         # SSH: the running agent
/// ```
public enum CredentialSource: Sendable, Hashable {
  /// A token read from an environment variable at fetch time, with a user name.
  case tokenFromEnvironment(variable: String, user: String)
  /// An SSH private key file.
  case sshKey(path: String)
  /// The SSH agent.
  case sshAgent

  /// The credentials for one fetch.
  /// - Parameters:
  ///   - user: the user the URL names (`git@host:x`), for SSH; `git` when none.
  ///   - environment: the process environment.
  /// - Returns: the credentials, or why there are none (a variable not set: named, never its
  ///   value).
  public func resolve(
    user: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    -> Result<FetchCredentials, CredentialProblem>
  {
    switch self {
    case .tokenFromEnvironment(let variable, let name):
      guard let token = environment[variable], !token.isEmpty else {
        return .failure(
          CredentialProblem(message: "the environment variable \(variable) (token_env) is not set"))
      }
      return .success(.token(user: name, token: token))
    case .sshKey(let path):
      let expanded =
        path.hasPrefix("~/")
        ? (environment["HOME"] ?? "") + String(path.dropFirst(1)) : path
      guard FileManager.default.isReadableFile(atPath: expanded) else {
        return .failure(CredentialProblem(message: "the SSH key \(path) (ssh_key) cannot be read"))
      }
      return .success(.sshKey(user: user ?? "git", privateKey: expanded))
    case .sshAgent:
      guard environment["SSH_AUTH_SOCK"] != nil else {
        return .failure(
          CredentialProblem(message: "ssh_agent: no agent is running (SSH_AUTH_SOCK is not set)"))
      }
      return .success(.sshAgent(user: user ?? "git"))
    }
  }
}

/// Why a fetch has no credentials.
public struct CredentialProblem: Error, Sendable, Hashable {
  /// What is missing, naming where it was looked for and never a secret.
  public let message: String
}
