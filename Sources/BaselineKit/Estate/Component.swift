public import Foundation

/// A configuration item with its own repository (one entry of `Baselines/components.yaml`).
public struct Component: Sendable, Hashable {
  /// The component's name, the key in `components:`.
  public let name: String
  /// `repository:` as written.
  public let repository: String
  /// The repository's folder, resolved against the folder of `components.yaml`.
  public let repositoryURL: URL
  /// How its tags are named; the defaults are `{version}` and `v{version}`.
  public let tagPatterns: [TagPattern]
  /// How it numbers releases; `mhhs` by default.
  public let scheme: VersionScheme
  /// The branch every hotfix must reach; `nil` means the repository's `HEAD` branch.
  public let mainline: String?
  /// What its hotfixes need not carry forward: the estate's `bookkeeping:`, then its own.
  public let bookkeeping: Bookkeeping
  /// Hotfix commits a person judged carried forward by a commit with another patch.
  public let reviews: [HotfixReview]
  /// How release notes find defects and change requests in its commit messages: its own
  /// `work_items:`, else the estate's, else Jira-style keys (``WorkItemRule/defaults``).
  public var workItems: [WorkItemRule] = WorkItemRule.defaults
  /// The folder of the repository that is deployed (`deployed:`), whose files alone make a
  /// release's bill of materials; `nil`: the whole tree.
  public var deployed: String? = nil
  /// The URL `repository:` names, when it is one: ``repositoryURL`` is then its mirror
  /// (``RemoteRepository``), which `baseline fetch` keeps.
  public var remote: String? = nil
  /// Where the fetch of ``remote`` finds its credentials; `nil`: none (anonymous).
  public var credentials: CredentialSource? = nil
  /// Whether its release tags must be signed, and by whom (`signatures:`, its own or the
  /// estate's); `nil`: signatures are not checked.
  public var signatures: SignaturePolicy? = nil

  /// Makes a component value.
  public init(
    name: String, repository: String, repositoryURL: URL,
    tagPatterns: [TagPattern] = TagPattern.defaults,
    scheme: VersionScheme = .mhhs, mainline: String? = nil, bookkeeping: Bookkeeping = .none,
    reviews: [HotfixReview] = []
  ) {
    self.bookkeeping = bookkeeping
    self.reviews = reviews
    self.name = name
    self.repository = repository
    self.repositoryURL = repositoryURL
    self.tagPatterns = tagPatterns
    self.scheme = scheme
    self.mainline = mainline
  }
}
