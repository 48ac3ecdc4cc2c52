import Foundation

extension Estate {
  /// The same estate with only the baselines of `environments`.
  public func restricted(to environments: Set<String>) -> Estate {
    Estate(
      root: root, components: components,
      baselines: baselines.filter { environments.contains($0.environment) })
  }
}
