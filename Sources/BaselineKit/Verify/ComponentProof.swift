/// How `verify` saw one baselined component: by its deployed commit, or by a reported version
/// alone (which shows the release, not that the build is the tagged one).
public struct ComponentProof: Sendable, Hashable {
  /// What the probes gave to judge a component by.
  public enum Basis: String, Sendable, Hashable, Codable {
    /// A deployed commit, resolved in the component's repository.
    case commit
    /// A reported release only: no commit observed, one that did not resolve, or one named
    /// by a branch (which the local clone, not the environment, resolved).
    case version
    /// Nothing: no probe reported the component's release or commit.
    case nothing
  }

  /// The component.
  public let component: String
  /// What it was judged by.
  public let basis: Basis
  /// Whether it was judged at its baseline (verdict ok, or every finding accepted).
  public let atBaseline: Bool

  /// The proofs of an environment's baselined components, from its report's rows: a commit
  /// counts only when it was reported as an object id and resolved to a full id.
  public static func all(_ rows: [EnvironmentReport.Row]) -> [ComponentProof] {
    rows.filter { $0.baseline != nil }.map { row in
      // `commitTagged` is known exactly when the reported commit resolved.
      let resolved = !row.commitNamedByBranch && row.commitTagged != nil
      let basis: Basis = resolved ? .commit : (row.deployed == nil ? .nothing : .version)
      return ComponentProof(
        component: row.component, basis: basis,
        atBaseline: row.verdict == .ok || row.verdict == .accepted)
    }
  }
}
