public import Foundation

extension ReleaseNote {
  /// Reads the note `baseline notes --component C --release R` writes: the estate's
  /// component, every baseline (for the configuration items), the defects file, then the
  /// repository.
  /// - Parameters:
  ///   - root: the estate root.
  ///   - component: the component's name.
  ///   - release: the release, as typed.
  ///   - since: `--since`, as typed.
  ///   - defects: the defects file's path, as typed (relative to the working folder).
  ///   - contentDigests: whether each file's SHA-1 and SHA-256 are computed (the SBOM forms).
  ///   - repositories: where the repository is opened.
  /// - Returns: the note.
  /// - Throws: ``InputError`` for the estate, the defects file, an unknown component or
  ///   release; ``RepositoryError`` when the repository cannot be read.
  public static func read(
    root: URL, component: String, release: String, since: String? = nil,
    defects: String? = nil, contentDigests: Bool = false,
    repositories: ComponentRepositories = ComponentRepositories()
  ) throws -> ReleaseNote {
    let estate = try Estate.loadCatalog(root: root)
    var request = ReleaseNoteRequest(
      component: try estate.component(named: component), release: release)
    request.since = since
    // Every baseline that reads, for the configuration items; one that does not (another
    // team's typo) costs its items, said in a note, not the note.
    var unread: [String] = []
    for environment in try Estate.environments(root: root) {
      do {
        request.baselines.append(
          try Estate.loadBaseline(
            root: root, environment: environment, components: estate.components))
      } catch {
        unread.append(error.description)
      }
    }
    request.contentDigests = contentDigests
    if let defects {
      request.defects = (
        try DefectsFile.load(URL(fileURLWithPath: defects), shownAs: defects), defects
      )
    }
    var note = try build(request, repositories: repositories)
    note.notes += unread.map { "its configuration items there are not listed: \($0)" }
    return note
  }

  /// The note in one of its forms; `generatedAt` is the SBOMs' creation time.
  public func rendered(as format: NotesFormat, generatedAt: Date) -> String {
    switch format {
    case .markdown: return markdown()
    case .json: return json()
    case .cyclonedx: return cycloneDX(generatedAt: generatedAt)
    case .spdx: return spdx(generatedAt: generatedAt)
    }
  }
}

extension EnvironmentPicture {
  /// The picture in one of its forms (SPDX is refused on the command line: markdown).
  public func rendered(as format: NotesFormat) -> String {
    switch format {
    case .markdown, .spdx: return markdown()
    case .json: return json()
    case .cyclonedx: return cycloneDX()
    }
  }
}
