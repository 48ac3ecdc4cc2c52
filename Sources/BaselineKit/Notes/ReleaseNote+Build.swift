import Foundation
import Git

extension ReleaseNote {
  /// `url` as SPDX names a git download location's transport (`https://`, `http://`,
  /// `ssh://`, `git://`; `user@host:path` read as `ssh://user@host/path`); `nil` for a local
  /// path or `file://`.
  static func fetchableURL(_ url: String) -> String? {
    for scheme in ["https://", "http://", "ssh://", "git://"] where url.hasPrefix(scheme) {
      return url
    }
    // scp-like: `git@host:group/repo.git`, no `/` before the colon.
    if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/"),
      url[..<colon].contains("@")
    {
      return "ssh://" + url[..<colon] + "/" + url[url.index(after: colon)...]
    }
    return nil
  }

  /// Reads a component release's note from its repository.
  /// - Parameters:
  ///   - request: the component, the release, and what else the note takes.
  ///   - repositories: where the component's repository is opened.
  /// - Returns: the note.
  /// - Throws: ``InputError`` for a release or `--since` that does not parse or has no tagged
  ///   build; ``RepositoryError`` when the repository cannot be read.
  public static func build(
    _ request: ReleaseNoteRequest, repositories: ComponentRepositories = ComponentRepositories()
  ) throws -> ReleaseNote {
    let outcome = try repositories.with(request.component, doing: "reading its release note") {
      repository throws(GitError) -> Result<ReleaseNote, InputError> in
      do {
        return .success(try assemble(request, repository: repository, repositories: repositories))
      } catch let error as InputError {
        return .failure(error)
      } catch let error as GitError {
        // A walk that ends at a shallow clone's boundary: say so, and what to do.
        guard repository.isShallow else { throw error }
        throw GitError(
          code: error.code, function: error.function, path: error.path,
          message:
            "shallow clone: the history this note needs is not all in the clone (deepen it: "
            + "git fetch --unshallow): \(error.message)")
      } catch {
        throw GitError(code: .other, function: "notes", path: repository.path, message: "\(error)")
      }
    }
    return try outcome.get()
  }

  /// The note, read from the opened repository.
  private static func assemble(
    _ request: ReleaseNoteRequest, repository: Repository, repositories: ComponentRepositories
  ) throws -> ReleaseNote {
    var builder = try ReleaseNoteBuilder(
      request: request, repository: repository, repositories: repositories)
    let release = try builder.build(of: request.release, option: "--release")
    // The bill of materials (a walk of the whole history for last changes) runs on another
    // core, on a handle of its own, while this one reads the content.
    let materials = ResultSlots<Result<([BillOfMaterialsFile], String?), GitError>>(count: 1)
    let group = DispatchGroup()
    let (component, digests) = (request.component, request.contentDigests)
    DispatchQueue.global().async(group: group) {
      do throws(GitError) {
        // The last-change walk is split over the cores (up to 4), a handle each.
        let helpers = try (1..<max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))).map {
          _ throws(GitError) in try repositories.handle(component)
        }
        materials[0] = .success(
          try ReleaseNoteBuilder.billOfMaterials(
            of: release.commit, folder: component.deployed, contentDigests: digests,
            in: try repositories.handle(component), helpedBy: helpers))
      } catch {
        materials[0] = .failure(error)
      }
    }
    defer { group.wait() }
    let chosen = try builder.since(for: release)
    let since = chosen?.0
    let shipped =
      try since.map { since throws(GitError) in
        try builder.shipped(since: since, release: release)
      } ?? [:]
    let content = try builder.content(since: since, release: release, shipped: shipped)
    let emergencies = try builder.emergencies(since: since, release: release)
    group.wait()
    guard let read = materials[0] else {
      throw GitError(
        code: .other, function: "notes", path: repository.path, message: "no bill of materials")
    }
    let (files, caveat) = try read.get()
    if let caveat { builder.notes.append(caveat) }
    if let folder = request.component.deployed, files.isEmpty {
      throw InputError(
        file: "Baselines/components.yaml", keyPath: "components.\(request.component.name).deployed",
        message:
          "\"\(folder)\" is no folder of the tree of \(release.tag.name) (\(release.commit.short)): "
          + "expected the folder of the repository that is deployed")
    }
    if repository.isShallow {
      builder.notes.append("shallow clone: the content and the verdicts may be incomplete")
    }
    builder.hotfixes.saveStores()
    let named = Set(content.items.map(\.id))
    var note = ReleaseNote(
      component: request.component.name, repository: request.component.repository,
      release: try builder.noteRelease(release),
      since: try since.map { since throws(GitError) in try builder.noteRelease(since) },
      sinceChosen: chosen?.1, commits: content.commits, shipped: content.shipped,
      workItems: content.items,
      outstanding: request.defects.map {
        $0.entries.filter {
          $0.isOpen && !named.contains($0.id) && $0.isDefectByType
            && !builder.isChangeRequest($0.id)
        }
      },
      defectsFile: request.defects?.file, emergencies: emergencies, files: files,
      folder: request.component.deployed,
      configuration: builder.configuration(at: release.release), notes: builder.notes)
    note.missingFromSince = builder.missingFromSince
    note.location = "file://" + request.component.repositoryURL.standardizedFileURL.path
    note.downloadURL = repository.remoteURL().flatMap(Self.fetchableURL)
    return note
  }
}
