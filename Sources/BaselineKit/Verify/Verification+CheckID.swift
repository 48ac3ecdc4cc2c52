extension Verification {
  /// The checks of control point 3, in the order they are shown; the raw values are the
  /// stable ids of `baseline.verify/1`.
  public enum CheckID: String, Sendable, Hashable, CaseIterable, Codable {
    /// Every probe ran and the probes agree.
    case probes
    /// The inventory is fresh (`max_age`, else 24 h) and not from the future.
    case inventoryFresh = "inventory_fresh"
    /// The baseline is the one declared for `--release` (only with `--release`).
    case programmeRelease = "programme_release"
    /// The estate files are committed (when the estate is a git repository).
    case estateCommitted = "estate_committed"
    /// Every baselined release is a well-formed release of its scheme and has a tag.
    case releasesWellFormed = "releases_well_formed"
    /// Every pin holds (a pass names the baselined releases that are not pinned).
    case pinsHold = "pins_hold"
    /// Every baselined release's tag is validly signed by an allowed signer (components whose
    /// `signatures:` requires it).
    case tagsSigned = "tags_signed"
    /// Every baselined component runs exactly its baselined tagged build.
    case buildsAtBaseline = "builds_at_baseline"
    /// Nothing runs an untagged build.
    case noUntaggedBuilds = "no_untagged_builds"
    /// Every declared setting and file is as the baseline says.
    case configurationItems = "configuration_items"
    /// No emergency fix deployed would be lost by the baselined release.
    case noHotfixRegression = "no_hotfix_regression"
    /// No accepted deviation has expired.
    case acceptancesCurrent = "acceptances_current"

    /// What it asks, for people.
    public var title: String {
      switch self {
      case .probes: return "every probe ran and the probes agree"
      case .inventoryFresh:
        return "the inventory is fresh (max_age, else 24 h) and not from the future"
      case .programmeRelease: return "the baseline is the one declared for the programme release"
      case .estateCommitted:
        return
          "nothing under Baselines/ or Probes/ differs from the estate's commit (when it is in git)"
      case .releasesWellFormed:
        return "every baselined release is a well-formed release of its scheme and has a tag"
      case .pinsHold: return "every pin holds: no pinned release's tag has moved"
      case .tagsSigned:
        return "every baselined release's tag is validly signed by an allowed signer (signatures:)"
      case .buildsAtBaseline:
        return
          "every baselined component runs exactly its baselined tagged build, and no probe reports anything else"
      case .noUntaggedBuilds: return "nothing runs an untagged build"
      case .configurationItems: return "every declared setting and file is as the baseline says"
      case .noHotfixRegression:
        return "no emergency fix deployed would be lost by the baselined release"
      case .acceptancesCurrent: return "no accepted deviation has expired"
      }
    }

    /// The check a finding kind fails; every kind has one (an exhaustive `switch`), so a new
    /// kind cannot slip through.
    public static func failed(by kind: Finding.Kind) -> CheckID {
      switch kind {
      case .probeFailed, .inventoryConflict: return .probes
      case .staleInventory: return .inventoryFresh
      case .unknownRelease: return .releasesWellFormed
      case .movedTag: return .pinsHold
      case .tagSignature: return .tagsSigned
      case .versionMismatch, .commitMismatch, .missingComponent, .unexpectedComponent,
        .unresolvedCommit:
        return .buildsAtBaseline
      case .untaggedBuild: return .noUntaggedBuilds
      case .settingDrift, .fileDrift: return .configurationItems
      case .hotfixRegression: return .noHotfixRegression
      case .expiredAcceptance: return .acceptancesCurrent
      }
    }
  }
}
