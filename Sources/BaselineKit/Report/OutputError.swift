/// A report, inventory or pin file that cannot be written where it was asked for (`--output`,
/// standard output, `Baselines/<ENV>.pins.yaml`): the job was done but its result is lost, so
/// the command exits 2.
public struct OutputError: Error, Sendable, CustomStringConvertible {
  /// What could not be written and why, with the path.
  public let description: String

  /// Makes an error from its sentence.
  public init(_ description: String) {
    self.description = description
  }
}
