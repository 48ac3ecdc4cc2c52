/// One side of `baseline diff` as typed: `SIT-A` (its baseline), `SIT-A@R3` (its baseline at
/// an estate revision, or as last declared for programme release R3), `SIT-A:deployed` (what
/// it runs now).
public enum DiffSideSpec: Sendable, Hashable {
  case baseline(environment: String)
  case revision(environment: String, revision: String)
  case deployed(environment: String)

  /// Reads a side.
  /// - Throws: ``InputError`` (named by the text) for an empty environment or revision.
  public init(_ text: String) throws(InputError) {
    if text.hasSuffix(":deployed") {
      self = .deployed(environment: String(text.dropLast(":deployed".count)))
    } else if let at = text.lastIndex(of: "@") {
      let revision = String(text[text.index(after: at)...])
      guard !revision.isEmpty else {
        throw InputError(
          file: text, message: "expected a revision after @ (SIT-A@R3, SIT-A@<commit>)")
      }
      self = .revision(environment: String(text[..<at]), revision: revision)
    } else {
      self = .baseline(environment: text)
    }
    guard !environment.isEmpty, !environment.contains(":"), !environment.contains("@") else {
      throw InputError(
        file: text, message: "expected ENV, ENV@REVISION or ENV:deployed (e.g. SIT-A@R3)")
    }
  }

  /// The environment named.
  public var environment: String {
    switch self {
    case .baseline(let environment), .revision(let environment, _), .deployed(let environment):
      return environment
    }
  }

  /// Whether this side is what the environment runs (its probes must run).
  public var isDeployed: Bool {
    if case .deployed = self { return true }
    return false
  }
}
