public import Foundation
public import Git

/// One file of a release's bill of materials.
public struct BillOfMaterialsFile: Sendable, Hashable {
  /// The path from the repository's root.
  public let path: String
  /// The blob id (git's SHA-1 of `blob <size>\0<content>`; for a submodule, its commit).
  public let blob: ObjectID
  /// Size in bytes; `nil` for a submodule.
  public var size: Int?
  /// git's mode, six octal digits (`100644`).
  public let mode: String
  /// The newest commit that gave the file this content; `nil` when it could not be found (a
  /// shallow clone).
  public var lastChange: ObjectID?
  /// That commit's date (committer's).
  public var lastChangeDate: Date?
  /// The SHA-1 and SHA-256 of the file's content as git stores it (hex), computed for the
  /// SBOM forms, whose checksums are of the content (a blob id is not: git hashes a header
  /// with it); `nil` when not computed, and for a submodule.
  public var sha1: String?
  /// See ``sha1``.
  public var sha256: String?
}
