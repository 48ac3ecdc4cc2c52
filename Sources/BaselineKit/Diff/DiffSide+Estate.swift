public import Foundation

extension DiffSide {
  /// A declared side: the environment's baseline now, or at an estate revision (read from the
  /// estate's git history, with the pin file of the same revision). A deployed side comes from
  /// a drift check instead (``deployed(_:runs:spec:)``).
  /// - Parameters:
  ///   - spec: the side.
  ///   - text: the side as typed.
  ///   - estate: the estate (its components; the root).
  ///   - repositories: where the estate's own repository is opened.
  /// - Returns: the side.
  /// - Throws: ``InputError`` for a missing or invalid baseline, or a revision that names
  ///   nothing.
  public static func declared(
    _ spec: DiffSideSpec, typed text: String, estate: Estate,
    repositories: ComponentRepositories = ComponentRepositories()
  ) throws -> DiffSide {
    let environment = spec.environment
    switch spec {
    case .baseline:
      let baseline = try Estate.loadBaseline(
        root: estate.root, environment: environment, components: estate.components)
      return declared(baseline, spec: text, description: "\(baseline.file) as it is now")
    case .revision(_, let revision):
      let found = try EstateRevision.resolve(
        revision, environment: environment, root: estate.root, repositories: repositories)
      let path = "Baselines/\(environment).yaml"
      guard try found.reader()(path) != nil else {
        throw InputError(
          file: "\(path)@\(found.label)",
          message: "no baseline for environment \"\(environment)\" at this revision of the estate")
      }
      let baseline = try Estate.loadBaseline(
        root: estate.root, environment: environment, components: estate.components,
        read: found.reader())
      return declared(
        baseline, spec: text,
        description: "Baselines/\(environment).yaml at \(found.label), commit \(found.commit.hex)")
    case .deployed:
      throw InputError(file: text, message: "a deployed side is read by its probes")
    }
  }
}
