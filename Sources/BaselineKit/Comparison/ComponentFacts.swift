public import Git

/// What the repository says about one component, as needed to judge an inventory: its tagged
/// builds and the commits that inventories reported, already resolved.
public struct ComponentFacts: Sendable {
  /// The component's tagged builds.
  public let releases: ReleaseIndex
  /// Each commit text an inventory reported for the component, resolved in its repository.
  public let commits: [String: CommitResolution]

  /// How a reported commit text resolved; a full id that some reported text resolved to
  /// resolves to itself.
  public func resolution(of text: String) -> CommitResolution? {
    if let known = commits[text] { return known }
    guard let id = ObjectID(hex: text), commits.values.contains(.commit(id)) else { return nil }
    return .commit(id)
  }

  /// Emergency releases deployed somewhere, judged against the releases baselines declare.
  public let hotfixChecks: [HotfixCheck]

  /// The signature of each baselined release's tag, by tag name, when the component's
  /// `signatures:` requires signed tags; empty otherwise.
  public var signatures: [TagNameKey: TagSignature] = [:]

  /// Makes the facts (the drift check reads them from git; tests build them from values).
  public init(
    releases: ReleaseIndex, commits: [String: CommitResolution] = [:],
    hotfixChecks: [HotfixCheck] = []
  ) {
    self.releases = releases
    self.commits = commits
    self.hotfixChecks = hotfixChecks
  }
}
