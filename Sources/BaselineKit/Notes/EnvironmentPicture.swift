public import Foundation

/// An environment's true picture at one moment (`baseline notes --env E`,
/// `baseline.picture/1`): every component as the probes (or saved inventories) saw it, its
/// verdict against the baseline, the accepted deviations, the emergency releases running there
/// and whether later releases carry them, and what changed since the previous recorded run.
///
/// This is the page a Release Note appends and the Board files: it says only what was
/// observed, and says so when something was not.
public struct EnvironmentPicture: Sendable {
  /// The schema name of the JSON form.
  public static let schema = "baseline.picture/1"

  /// The environment.
  public let environment: String
  /// When the picture was taken (this run).
  public let generatedAt: Date
  /// When the inventory was collected (the oldest probe's time).
  public let collectedAt: Date?
  /// The programme release the baseline is declared for (`release:`).
  public let declaredRelease: String?
  /// In baseline, drifted or incomplete.
  public let status: String
  /// Each probe's name and status (`ok`, `failed`, `file …`).
  public let probes: [String]
  /// Every component declared or observed, by name.
  public let components: [PictureComponent]
  /// The findings open now (messages, without the environment).
  public let findings: [String]
  /// The baseline's accepted deviations, each with whether it covers a finding now.
  public let accepted: [AcceptedDeviation]
  /// What changed since the previous run; `nil` without a run history, or before its first run.
  public let changes: PictureChange?
  /// Why ``changes`` is `nil`, when it is.
  public let changesNote: String?
  /// When, by what and from which estate commit the picture was taken; `nil` when not said.
  public var provenance: Provenance? = nil

  /// Makes a value.
  public init(
    environment: String, generatedAt: Date, collectedAt: Date?, declaredRelease: String?,
    status: String, probes: [String], components: [PictureComponent], findings: [String],
    accepted: [AcceptedDeviation], changes: PictureChange?, changesNote: String?
  ) {
    self.environment = environment
    self.generatedAt = generatedAt
    self.collectedAt = collectedAt
    self.declaredRelease = declaredRelease
    self.status = status
    self.probes = probes
    self.components = components
    self.findings = findings
    self.accepted = accepted
    self.changes = changes
    self.changesNote = changesNote
  }
}
