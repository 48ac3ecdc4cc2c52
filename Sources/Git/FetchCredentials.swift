/// How a fetch proves who it is to the server. A value holds a secret only in memory: nothing
/// that prints a fetch or its failure shows it.
public enum FetchCredentials: Sendable, Hashable {
  /// No authentication (`git://`, `file://`, a public server).
  case none
  /// HTTP(S) basic authentication with a user and a token (or password).
  case token(user: String, token: String)
  /// SSH with a private key file (its public key beside it as `<file>.pub` when there).
  case sshKey(user: String, privateKey: String)
  /// SSH through the running agent (`SSH_AUTH_SOCK`).
  case sshAgent(user: String)
}
