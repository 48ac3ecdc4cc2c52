public import Foundation

/// What a probe run tells as it goes, for a person watching a long run (`report`, `verify`
/// and `probe` show it on standard error when that is a terminal).
public enum ProbeProgress: Sendable, Hashable {
  /// A probe of an environment started; `of` probes in all.
  case started(environment: String, probe: String, of: Int)
  /// A probe ended (`ok`: it gave an inventory) after `seconds`; `done` of `of` have ended.
  case finished(
    environment: String, probe: String, ok: Bool, seconds: TimeInterval, done: Int, of: Int)

  /// One line for people, without a line break.
  public var line: String {
    switch self {
    case .started(let environment, let probe, _):
      return Terminal.line("\(environment): probe \(probe) started")
    case .finished(let environment, let probe, let ok, let seconds, let done, let total):
      let outcome = ok ? "ok" : "FAILED"
      return Terminal.line(
        "\(environment): probe \(probe) \(outcome) in \(String(format: "%.1f", seconds)) s "
          + "(\(done) of \(total) done)")
    }
  }
}
