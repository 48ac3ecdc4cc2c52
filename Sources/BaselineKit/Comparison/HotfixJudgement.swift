/// What a component's deployed build means for `hotfix_regression`: whether it is an emergency
/// release (`MAJOR.MINOR.PATCH.EMERGENCY`, EMERGENCY above 0, read from the release tags on the
/// deployed commit or, with no commit reported, from the reported version) and, when it is,
/// what the analysis of `baseline hotfixes` said of the approved build of the baselined
/// release (the pin, else the tag's commit). `verify`'s `no_hotfix_regression` passes on what
/// was judged, names what was not, and is not applicable when nothing runs an emergency release.
public enum HotfixJudgement: Sendable, Hashable, Codable {
  /// The deployed build is no emergency release: it has no fix of its own to lose.
  case noEmergencyRelease
  /// The deployed emergency release (its text) is the baselined release itself (its approved
  /// build, or reported as that release): no fix of it can be lost by moving to it.
  case approvedBuild(release: String)
  /// The deployed emergency release (its text) judged against the approved build.
  case judged(release: String, status: MergeStatus)
  /// An emergency release (its text) runs, but its fix could not be looked for in the
  /// approved build (the deployed commit is not its tagged build, no tag names it, or the
  /// baselined release has no tagged build): whether the baseline carries it is not proven,
  /// and a `hotfix_regression` finding says why.
  case notJudged(release: String)
}
