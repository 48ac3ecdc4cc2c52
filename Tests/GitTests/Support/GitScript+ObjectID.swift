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
