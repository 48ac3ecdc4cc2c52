extension Verification {
  /// One condition of the decision.
  public struct Check: Sendable, Hashable {
    /// What a check came to.
    public enum Status: String, Sendable, Hashable, Codable {
      /// It was made, and it holds.
      case passed = "pass"
      /// It was made, and it does not hold: NO-GO.
      case failed = "fail"
      /// It could not be made, and the baseline does not require it (the estate is in no git
      /// repository, nothing is pinned, nothing is declared to check). Not a pass.
      case notApplicable = "not_applicable"
      /// It holds only as far as reported versions show: some component was seen by version
      /// alone, so its build is not shown to be the tagged one. With `evidence: commit` in
      /// the baseline this is a failure instead.
      case versionOnly = "version_only"
    }

    /// Which check.
    public let id: CheckID
    /// What it came to.
    public let status: Status
    /// Why it failed, or why it could not be made in full: one sentence per finding or
    /// problem; empty when it passed.
    public let reasons: [String]

    /// What it asks, for people.
    public var title: String { id.title }
    /// Whether it was made and holds (only ``Status/passed``).
    public var passed: Bool { status == .passed }

    /// Makes a check result.
    public init(id: CheckID, status: Status, reasons: [String] = []) {
      self.id = id
      self.status = status
      self.reasons = reasons
    }
  }
}
