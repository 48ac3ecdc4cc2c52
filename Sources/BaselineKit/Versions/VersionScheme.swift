/// How a component numbers its releases (`scheme:` in `Baselines/components.yaml`).
public enum VersionScheme: String, Sendable, Hashable, CaseIterable, Codable {
  /// `MAJOR.MINOR.PATCH.EMERGENCY`, the programme's release numbering; the default.
  case mhhs
  /// `MAJOR.MINOR.PATCH[-pre]`, semantic versioning; a PATCH above 0 is a maintenance release.
  case semver

  /// How many numeric parts a release of this scheme has.
  public var partCount: Int { self == .mhhs ? 4 : 3 }

  /// An example of a well-formed release, for messages.
  public var example: String { self == .mhhs ? "1.2.0.0" : "1.2.0" }
}

/// Which part of the release number moved, and so what kind of release it is.
///
/// A release bumps exactly one part and resets every part to its right to 0, so the type is
/// the position of the last part that is not 0: `1.0.1.7` is an emergency release, `1.0.2.0`
/// a patch, `1.1.0.0` a minor and `2.0.0.0` (or the first release, `1.0.0.0`) a major one.
public enum ReleaseType: String, Sendable, Hashable, Codable {
  case major, minor, patch, emergency
}
