/// The forms of `baseline notes` (`--format`).
public enum NotesFormat: String, Sendable, CaseIterable {
  /// The page a release manager reads and files.
  case markdown
  /// The stable machine form (`baseline.notes/1`, `baseline.picture/1`).
  case json
  /// A CycloneDX 1.6 JSON bill of materials.
  case cyclonedx
  /// An SPDX 2.3 JSON document (a component's release only).
  case spdx
}
