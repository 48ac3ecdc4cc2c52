/// What does not have to be merged forward (`bookkeeping:` in `Baselines/components.yaml`,
/// for the whole estate at the top and for one component under it):
///
/// ```yaml
/// bookkeeping:
///   paths: ["CHANGELOG*", "version.txt", "translations/**", ".github/**"]
///   subjects: ["^Bump version", "^Update translations"]
/// ```
///
/// A hotfix commit that a target lacks, and that changes only paths matching `paths` or whose
/// subject (first line) matches one of `subjects`, is set aside as bookkeeping: listed, counted,
/// never making the hotfix `not_merged`.
public struct Bookkeeping: Sendable, Hashable {
  /// Path patterns: a commit changing only matching paths is bookkeeping.
  public let paths: [PathPattern]
  /// Regular expressions (Swift `Regex` syntax), searched in a commit's subject.
  public let subjects: [String]

  /// Makes a declaration.
  public init(paths: [PathPattern] = [], subjects: [String] = []) {
    self.paths = paths
    self.subjects = subjects
  }

  /// Nothing is bookkeeping.
  public static let none = Bookkeeping()

  /// Both declarations, `self`'s patterns first (the estate's before a component's).
  public func adding(_ other: Bookkeeping) -> Bookkeeping {
    Bookkeeping(paths: paths + other.paths, subjects: subjects + other.subjects)
  }

  /// Whether nothing is declared.
  public var isEmpty: Bool { paths.isEmpty && subjects.isEmpty }
}
