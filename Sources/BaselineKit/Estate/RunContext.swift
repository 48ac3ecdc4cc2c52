import Foundation

/// Who runs Baseline and where, for `pinned_by` and the evidence of `verify`.
public enum RunContext {
  /// The user's login name (from the password database, else `$USER`, else the uid).
  public static var user: String {
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
      return String(cString: name)
    }
    return ProcessInfo.processInfo.environment["USER"] ?? "uid \(geteuid())"
  }

  /// The host's name.
  public static var host: String { ProcessInfo.processInfo.hostName }

  /// `user@host`.
  public static var userAtHost: String { "\(user)@\(host)" }
}
