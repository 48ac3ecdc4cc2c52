/// Which part of the release number moved, and so what kind of release it is.
///
/// A release bumps exactly one part and resets every part to its right to 0, so the type is
/// the position of the last part that is not 0: `1.0.1.7` is an emergency release, `1.0.2.0`
/// a patch, `1.1.0.0` a minor and `2.0.0.0` (or the first release, `1.0.0.0`) a major one.
public enum ReleaseType: String, Sendable, Hashable, Codable {
  case major, minor, patch, emergency
}

extension ReleaseType {
  /// The type of a release that moves part `index` (0 is MAJOR).
  static func at(_ index: Int) -> ReleaseType {
    switch index {
    case 0: return .major
    case 1: return .minor
    case 2: return .patch
    default: return .emergency
    }
  }
}
