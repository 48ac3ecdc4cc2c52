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
