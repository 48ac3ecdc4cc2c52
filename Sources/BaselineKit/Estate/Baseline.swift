public import Foundation
public import Git

/// The declared state of one environment (`Baselines/<ENV>.yaml`).
public struct Baseline: Sendable {
  /// The environment's name; the file's name without `.yaml`.
  public let environment: String
  /// The file, as shown in messages.
  public let file: String
  /// The probes to run (names of executables under `Probes/`); `nil` runs every executable.
  public let probes: [String]?
  /// An inventory collected longer ago than this is stale (`max_age:`), in seconds.
  public let maxAge: TimeInterval?
  /// What each component must be, in file order.
  public let components: [Entry]
  /// The programme release this baseline is declared for (`release:`), text as written.
  public let release: String?
  /// Known deviations the baseline accepts (`accepted:`), in file order.
  public let acceptances: [Acceptance]
  /// The environment's pin file (`Baselines/<ENV>.pins.yaml`), when there is one.
  public let pinFile: PinFile?
  /// What `verify` must see to call a component at its tagged build (`evidence:`).
  public let evidence: EvidenceRequirement

  /// What `verify` must see of a deployed build (`evidence:` in a baseline).
  public enum EvidenceRequirement: String, Sendable, Hashable, Codable {
    /// A reported release is enough; a component seen by version alone is shown as
    /// "version only" and does not stop a GO (the default).
    case version
    /// Every baselined component must be seen by its deployed commit, and that commit must be
    /// its approved build; a version alone is NO-GO.
    case commit
  }

  /// Pins of the pin file that no baselined release uses: the component left the baseline,
  /// or the baseline now names another release (run `baseline pin` to record it).
  public var stalePins: [PinFile.Pin] {
    (pinFile?.pins ?? []).filter { pin in
      !components.contains { $0.component == pin.component && $0.pinSource == .pinFile }
    }
  }

  /// One component's declared state.
  public struct Entry: Sendable, Hashable {
    /// The component's name, a key of `components.yaml`.
    public let component: String
    /// The release it must run, read under the component's scheme.
    public let release: ReleaseVersion
    /// The commit the release's tag named when the baseline was approved: `commit:` in the
    /// baseline, else the pin file's pin of this same release.
    public let pin: ObjectID?
    /// Where ``pin`` comes from; `nil` when the release is not pinned.
    public let pinSource: PinSource?
    /// Configuration items, key to value, in file order; values are the text written.
    public let settings: [Setting]
    /// Configuration files, path to digest (`sha256:<hex>`), in file order.
    public let files: [Setting]

    /// Makes an entry.
    public init(
      component: String, release: ReleaseVersion, pin: ObjectID? = nil,
      pinSource: PinSource? = nil, settings: [Setting] = [], files: [Setting] = []
    ) {
      self.component = component
      self.release = release
      self.pin = pin
      self.pinSource = pin == nil ? nil : (pinSource ?? .baseline)
      self.settings = settings
      self.files = files
    }
  }

  /// Where a pin is written.
  public enum PinSource: String, Sendable, Hashable, Codable {
    /// `commit:` in the baseline file, written by hand when the baseline was approved.
    case baseline
    /// `Baselines/<ENV>.pins.yaml`, written by `baseline pin`.
    case pinFile = "pin_file"
  }

  /// A key and its declared value.
  public struct Setting: Sendable, Hashable {
    /// The setting's key or the file's path.
    public let key: String
    /// The declared value or digest.
    public let value: String

    /// Makes a setting.
    public init(_ key: String, _ value: String) {
      self.key = key
      self.value = value
    }
  }

  /// Makes a baseline value; estates are read with ``Estate/load(root:environments:)``.
  public init(
    environment: String, file: String = "", probes: [String]? = nil, maxAge: TimeInterval? = nil,
    components: [Entry], release: String? = nil, acceptances: [Acceptance] = [],
    pinFile: PinFile? = nil, evidence: EvidenceRequirement = .version
  ) {
    self.evidence = evidence
    self.environment = environment
    self.file = file
    self.probes = probes
    self.maxAge = maxAge
    self.components = components
    self.release = release
    self.acceptances = acceptances
    self.pinFile = pinFile
  }
}
