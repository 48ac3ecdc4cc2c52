import Testing

extension Tag {
  /// A case from the field (`shared/cases/CASES.md`, G1 to G10).
  @Tag static var fieldCase: Self
  /// Uses a repository of Debian's `libgit2-fixtures`.
  @Tag static var fixture: Self
  /// Compares the Git layer with the `git` command on the same repository.
  @Tag static var oracle: Self
}
