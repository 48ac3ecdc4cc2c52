public import Git

/// A release of a component and the tag that makes it a tagged build.
public struct TaggedBuild: Sendable, Hashable {
  /// The release number read from the tag name.
  public let release: ReleaseVersion
  /// The tag, peeled to its commit.
  public let tag: TagInfo

  /// The commit that is this build.
  public var commit: ObjectID { tag.commit }
}
