/// A Release Control Board decision that `verify` printed: recorded with its run.
public struct RecordedDecision: Sendable, Hashable {
  /// The environment decided on.
  public let environment: String
  /// `GO` or `NO-GO`.
  public let decision: String
  /// Who ran `verify` (login name and host).
  public let who: String
  /// The release the environment was required to be at (`--release`), when named.
  public let release: String?
  /// The sha256 of the evidence printed, 64 lowercase hex digits.
  public let evidenceSHA256: String

  /// Makes a decision.
  public init(
    environment: String, decision: String, who: String, release: String?, evidenceSHA256: String
  ) {
    self.environment = environment
    self.decision = decision
    self.who = who
    self.release = release
    self.evidenceSHA256 = evidenceSHA256
  }
}
