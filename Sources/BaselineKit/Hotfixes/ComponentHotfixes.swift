/// The emergency releases of one component.
public struct ComponentHotfixes: Sendable {
  /// The component.
  public let component: String
  /// Its emergency releases, lowest first.
  public let hotfixes: [Hotfix]
  /// Tags that follow the component's tag pattern but are no release of its scheme (a
  /// four-part tag under `semver`, `1.0.1-3`), with why: no hotfix analysis could judge them,
  /// so the report says so rather than leave them out without a word.
  public var skipped: [UnparsedTag] = []
  /// `reviewed:` entries that settled nothing in this run (the hotfix commit is no hotfix's
  /// own commit missing by patch-id, or the equivalent is not on that target's side): listed,
  /// since a mistyped id would otherwise be ignored without a word.
  public var unusedReviews: [HotfixReview] = []
  /// How many (hotfix, target) pairs were judged from the repository in this run, and how
  /// many verdicts were kept from an earlier run (``VerdictStore``): for benchmarks and
  /// tests, not part of any output.
  public var judged = 0
  /// See ``judged``.
  public var kept = 0
}
