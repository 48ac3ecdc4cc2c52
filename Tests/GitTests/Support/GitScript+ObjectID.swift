import BaselineTestSupport
import Foundation
import Git
import Testing

extension GitScript {
  /// The commit `revision` names, as an ``ObjectID``.
  func commitID(_ revision: String) throws -> ObjectID {
    try #require(ObjectID(hex: id(revision)))
  }

  /// The object `revision` names without peeling it (a tag object stays a tag object).
  func objectID(_ revision: String) throws -> ObjectID {
    try #require(ObjectID(hex: run(["rev-parse", revision])))
  }

  /// Every object id in the repository, loose or packed, each once.
  func allObjectIDs() throws -> [String] {
    let listing = try run([
      "cat-file", "--batch-all-objects", "--batch-check=%(objectname)", "--unordered",
    ])
    return Array(Set(listing.split(separator: "\n").map(String.init))).sorted()
  }
}

/// A signature value, for comparing with what the Git layer reads.
func signature(_ name: String, _ email: String, _ seconds: Int, _ offsetMinutes: Int) -> Signature {
  Signature(
    name: name, email: email, date: Date(timeIntervalSince1970: TimeInterval(seconds)),
    utcOffsetMinutes: offsetMinutes)
}

/// The canonical path of `url`, as libgit2 reports paths (symbolic links resolved).
func canonicalPath(_ url: URL) -> String {
  url.resolvingSymlinksInPath().path
}

extension Tag {
  /// A case from the field (`shared/cases/CASES.md`, G1 to G10).
  @Tag static var fieldCase: Self
  /// Uses a repository of Debian's `libgit2-fixtures`.
  @Tag static var fixture: Self
  /// Compares the Git layer with the `git` command on the same repository.
  @Tag static var oracle: Self
}
