/// The tool itself, as named in evidence and `--version`.
public enum BaselineTool {
  /// Baseline's own version (semantic versioning).
  public static let version = "0.3.0"
}
