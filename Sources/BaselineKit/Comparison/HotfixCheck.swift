public import Git

/// An emergency release judged against a release it should be contained in.
public struct HotfixCheck: Sendable, Hashable {
  /// The emergency release's commit.
  public let hotfix: ObjectID
  /// The commit of the release that should contain it.
  public let target: ObjectID
  /// The verdict, with the missing commits.
  public let result: HotfixTarget

  /// Makes a check.
  public init(hotfix: ObjectID, target: ObjectID, result: HotfixTarget) {
    self.hotfix = hotfix
    self.target = target
    self.result = result
  }
}
