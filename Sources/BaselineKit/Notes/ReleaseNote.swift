public import Foundation
public import Git

/// A component release's Release Note (`baseline notes --component C --release R`,
/// `baseline.notes/1`): what the release process asks every build to come with, read from
/// git alone.
///
/// The release number, type and date; the tag that regenerates the build; the content since
/// the previous release; the defects and change requests it addresses; the emergency releases
/// since the previous release and whether this one carries them; and the bill of materials,
/// every file of the tagged tree with its blob id, size, mode and last change.
public struct ReleaseNote: Sendable {
  /// The schema name of the JSON form.
  public static let schema = "baseline.notes/1"

  /// The component.
  public let component: String
  /// The component's `repository:` as the estate writes it.
  public let repository: String
  /// The release and its tagged build.
  public let release: NoteRelease
  /// The release the content is counted from: the previous release on the same line, or
  /// the one `--since` names; `nil` for a first release (the content is then every commit).
  public let since: NoteRelease?
  /// How `since` was chosen: `previous` (the highest lower release) or `named` (`--since`).
  public let sinceChosen: String?
  /// The content: every commit reachable from the release and not from `since`, newest
  /// first, each merge followed by the commits it brought (``NoteCommit/mergedBy``).
  public let commits: [NoteCommit]
  /// Commits of the content left out because `since` already shipped them as other commits
  /// (same patch-id, or a `(cherry picked from commit …)` trailer), as `hotfixes` decides.
  public let shipped: [ShippedCommit]
  /// The defects and change requests the content names, in order of first mention.
  public let workItems: [WorkItem]
  /// Defects the tracker's file holds open that no commit of the content names; `nil`
  /// without a defects file.
  public let outstanding: [TrackerDefect]?
  /// The defects file, as given; `nil` without one.
  public let defectsFile: String?
  /// The emergency releases above `since` and below the release, and whether it carries each.
  public let emergencies: [EmergencyCarried]
  /// The bill of materials: every file of the tagged tree, or of ``folder``.
  public let files: [BillOfMaterialsFile]
  /// The component's deployed folder when it declares one (`deployed:`).
  public let folder: String?
  /// The configuration items the baselines declare for the component at this release.
  public let configuration: [ConfigurationItem]
  /// Caveats: a shallow clone, a last change that could not be found.
  public var notes: [String]
  /// Where the repository is, as a URL (`file:///…` for a local path): the CycloneDX `vcs`
  /// reference.
  public var location = ""
  /// Where the build can be downloaded from: the repository's `origin` remote when it is a
  /// network URL git can fetch (`https`, `http`, `ssh`, `git`; user and password taken
  /// out), for SPDX's `downloadLocation`; `nil` for a repository known only by its local path.
  public var downloadURL: String? = nil
  /// The commits `since` has that the release lacks and carries as no other commit, when
  /// `since` is on another line (a `--since` that is no ancestor); empty otherwise.
  public var missingFromSince: [MissingCommit] = []
  /// When, by what and from which estate commit the note was written; `nil` when not said.
  public var provenance: Provenance? = nil

  /// Makes a note (the builder does; tests compare with one).
  public init(
    component: String, repository: String, release: NoteRelease, since: NoteRelease?,
    sinceChosen: String?, commits: [NoteCommit], shipped: [ShippedCommit],
    workItems: [WorkItem], outstanding: [TrackerDefect]?, defectsFile: String?,
    emergencies: [EmergencyCarried], files: [BillOfMaterialsFile], folder: String?,
    configuration: [ConfigurationItem], notes: [String]
  ) {
    self.component = component
    self.repository = repository
    self.release = release
    self.since = since
    self.sinceChosen = sinceChosen
    self.commits = commits
    self.shipped = shipped
    self.workItems = workItems
    self.outstanding = outstanding
    self.defectsFile = defectsFile
    self.emergencies = emergencies
    self.files = files
    self.folder = folder
    self.configuration = configuration
    self.notes = notes
  }

  /// How to rebuild the release: `git checkout <tag>` in a clone of the repository.
  public var regenerate: String { "git checkout \(release.tag)" }
}
