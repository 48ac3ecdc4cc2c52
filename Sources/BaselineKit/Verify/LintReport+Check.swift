extension LintReport {
  /// The checks of `baseline lint`, in the order they run; the raw values are the stable
  /// `check` ids of `baseline.lint/1` and of the text form.
  public enum Check: String, Sendable, Hashable, CaseIterable, Codable {
    /// A file that does not read: `components.yaml`, a baseline or its pin file (file, line,
    /// column; the first error of each file). A warning when `components.yaml` does not read,
    /// since the baselines are then not checked.
    case parse
    /// A component's repository that does not open or whose tags do not read.
    case repository
    /// A `signatures:` whose allowed-signers file or keyring cannot be read (every signature
    /// of the component would be `uncheckable`).
    case signatures
    /// Naming problems in a component's tag history (a warning: history cannot be rewritten).
    case naming
    /// A probe a baseline names that is not an executable under `Probes/`.
    case probe
    /// A baselined release with no tag, or tagged on different commits.
    case tag
    /// A pin its tag no longer names (a problem); releases not pinned and pins the baseline
    /// no longer uses (warnings).
    case pin
    /// An accepted deviation past its date.
    case acceptance
  }
}
