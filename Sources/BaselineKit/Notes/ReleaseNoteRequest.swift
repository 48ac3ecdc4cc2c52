/// What `baseline notes --component C --release R` asks for.
public struct ReleaseNoteRequest: Sendable {
  /// The component.
  public let component: Component
  /// The release, as typed (`1.2.1.0`).
  public let release: String
  /// The release to count from (`--since`); `nil`: the previous release on the same line.
  public var since: String? = nil
  /// The tracker's defects (`--defects FILE`), and the file as given.
  public var defects: (entries: [TrackerDefect], file: String)? = nil
  /// Whether each file's content digests (SHA-1, SHA-256) are computed: the SBOM forms need
  /// them; it costs a read of every blob.
  public var contentDigests = false
  /// The baselines whose settings and files for the component are its configuration items.
  public var baselines: [Baseline] = []

  /// Makes a request.
  public init(component: Component, release: String) {
    self.component = component
    self.release = release
  }
}
