/// `baseline diff FROM TO` (`baseline.diff/1`): what changing one side into the other would
/// change, component by component: the Board's view of a proposed promotion (SIT-Staging to
/// SIT-A) or of a change to an agreed baseline (R3 to R4).
public struct BaselineDiff: Sendable {
  /// The schema name of the JSON form.
  public static let schema = "baseline.diff/1"

  /// The first side, as typed, and what was read.
  public let from: (spec: String, description: String)
  /// The second side.
  public let to: (spec: String, description: String)
  /// Every component of either side, by name.
  public let components: [ComponentDiff]
  /// Caveats of either side.
  public let notes: [String]

  /// Whether the sides are the same: every component `same`.
  public var isSame: Bool { components.allSatisfy { $0.change == .same } }

  /// 0 the same, 1 they differ.
  public var exitCode: Int32 { isSame ? 0 : 1 }
}
