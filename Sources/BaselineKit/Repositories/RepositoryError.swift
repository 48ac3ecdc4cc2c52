public import Git

/// A component whose repository could not be read: the run cannot judge it, so the whole
/// command fails (exit 2) rather than report drift or "untagged" from a repository it never
/// opened.
public struct RepositoryError: Error, Sendable, CustomStringConvertible {
  /// The component whose repository failed.
  public let component: String
  /// `repository:` as written in `components.yaml`.
  public let repository: String
  /// The underlying libgit2 failure.
  public let underlying: GitError

  /// The failure of a component's repository.
  public init(_ component: Component, _ underlying: GitError) {
    self.component = component.name
    self.repository = component.repository
    self.underlying = underlying
  }

  public var description: String {
    "component \(component): repository \(repository): \(underlying.message) "
      + "[\(underlying.function) on \(underlying.path)]"
  }
}
