/// The answer of `baseline hotfixes` (`baseline.hotfixes/1`).
public struct HotfixReport: Sendable {
  /// The schema name of the JSON form.
  public static let schema = "baseline.hotfixes/1"
  /// One entry per component asked for.
  public let components: [ComponentHotfixes]

  /// Makes a report.
  public init(components: [ComponentHotfixes]) {
    self.components = components
  }

  /// 0 when every hotfix reached every target, 1 when one did not or is unknown.
  public var exitCode: Int32 {
    components.allSatisfy { $0.hotfixes.allSatisfy { $0.status <= .cherryPicked } } ? 0 : 1
  }
}
