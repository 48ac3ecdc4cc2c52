import Foundation
import Git

/// A signature value, for comparing with what the Git layer reads.
func signature(_ name: String, _ email: String, _ seconds: Int, _ offsetMinutes: Int) -> Signature {
  Signature(
    name: name, email: email, date: Date(timeIntervalSince1970: TimeInterval(seconds)),
    utcOffsetMinutes: offsetMinutes)
}

/// The canonical path of `url`, as libgit2 reports paths (symbolic links resolved).
func canonicalPath(_ url: URL) -> String {
  url.resolvingSymlinksInPath().path
}

extension Ancestry {
  /// Whether this is ``Ancestry/unknown(reason:)``, whatever the reason.
  var isUnknown: Bool {
    if case .unknown = self { return true }
    return false
  }
}
