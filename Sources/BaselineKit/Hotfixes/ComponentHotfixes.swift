/// The emergency releases of one component.
public struct ComponentHotfixes: Sendable {
  /// The component.
  public let component: String
  /// Its emergency releases, lowest first.
  public let hotfixes: [Hotfix]
}
