internal import CLibGit2

/// Process-wide libgit2 settings.
///
/// libgit2 is initialised once, on first use, by a global constant; Baseline only reads
/// repositories, so strict hash verification (a re-hash of every object read, which `git`
/// itself does not do) is turned off there: it costs 20-40% on diff-heavy work.
public enum GitLibrary {
  /// Initialises libgit2 once for the process.
  static let initialised: Bool = {
    git_libgit2_init()
    _ = baseline_git_set_strict_hash_verification(0)
    return true
  }()

  /// The libgit2 version that is linked, e.g. `1.5.1`.
  public static var version: String {
    var major: Int32 = 0
    var minor: Int32 = 0
    var revision: Int32 = 0
    git_libgit2_version(&major, &minor, &revision)
    return "\(major).\(minor).\(revision)"
  }

  /// Turns libgit2's repository ownership check on or off for the whole process.
  ///
  /// The check refuses a repository owned by another user (`GIT_EOWNER`), as `git` does
  /// without `safe.directory`. Turning it off trusts every repository's configuration
  /// whatever its owner: use it only where the checkouts are trusted, e.g. a CI container
  /// running as root over a mounted checkout.
  /// - Parameter enabled: `false` to open repositories of any owner.
  public static func setOwnerValidation(_ enabled: Bool) {
    _ = initialised
    _ = baseline_git_set_owner_validation(enabled ? 1 : 0)
  }
}
