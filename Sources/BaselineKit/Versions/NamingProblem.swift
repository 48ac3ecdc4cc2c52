/// A way a component's tags break the release numbering rules.
///
/// Found by ``NamingCheck``; reported by `baseline tags` and `baseline lint`. Tags are history
/// that cannot be rewritten (builds are static), so these are warnings for release managers:
/// they never make a report drifted nor a `verify` NO-GO by themselves.
public struct NamingProblem: Sendable, Hashable {
  /// The kinds of problem; the raw values are the stable names of `baseline.tags/1` and
  /// `baseline.lint/1`.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A release moved one part by more than one (`1.0.2.0` after `1.0.0.3`: `1.0.1.0` was
    /// skipped).
    case skippedNumber = "skipped_number"
    /// A release moved one part by one but did not reset the parts to its right to 0
    /// (`1.0.2.7` after `1.0.1.7`: the patch release is `1.0.2.0`).
    case partsNotReset = "parts_not_reset"
    /// The lowest release is not `1.0.0.0` (`mhhs` only: semantic versioning starts where it
    /// likes).
    case firstRelease = "first_release"
    /// Two tags name one release but different commits: which build is the release?
    case conflictingTags = "conflicting_tags"
    /// A tag follows the component's tag pattern but its version does not parse.
    case unparsedTag = "unparsed_tag"
    /// A release number written with leading zeros (`1.0.01.3`), read as the canonical one.
    case nonCanonical = "non_canonical"
  }

  /// What kind of problem this is.
  public let kind: Kind
  /// The release concerned, canonical (`1.0.2.0`); `nil` for an unparsed tag.
  public let release: String?
  /// The release before it in version order, for `skipped_number` and `parts_not_reset`.
  public let previous: String?
  /// The tags concerned.
  public let tags: [String]
  /// The sentence for people.
  public let message: String
}
