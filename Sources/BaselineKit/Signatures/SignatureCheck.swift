public import Foundation
public import Git

/// Checks release tags' signatures under a ``SignaturePolicy``, as `git tag -v` does: the raw
/// tag object split into payload and signature (``SignedTagObject``), then SSH signatures
/// through `ssh-keygen -Y` (namespace `git`, the allowed signer's validity at the tagger date)
/// and OpenPGP signatures through `gpgv` with the estate's keyring.
public struct SignatureCheck: Sendable {
  public let policy: SignaturePolicy

  /// Makes a check.
  public init(policy: SignaturePolicy) { self.policy = policy }

  /// Judges one tag's signature.
  /// - Parameters:
  ///   - tag: the tag (a lightweight tag is unsigned).
  ///   - repository: where its object is read.
  /// - Returns: the verdict; ``TagSignature/Verdict/uncheckable`` when the check could not be
  ///   made (never a pass).
  /// - Throws: ``GitError`` when the tag object cannot be read.
  public func judge(_ tag: TagInfo, in repository: Repository) throws(GitError) -> TagSignature {
    guard let object = tag.tagObject, let raw = try repository.rawTag(object) else {
      return TagSignature(
        tag: tag.name, verdict: .unsigned,
        detail: "a lightweight tag: it has no tag object, so nothing is signed")
    }
    return judge(SignedTagObject(raw: raw), tag: tag.name)
  }

  /// Judges a split tag object named `tag`.
  public func judge(_ object: SignedTagObject, tag: String) -> TagSignature {
    guard let format = object.format else {
      return TagSignature(
        tag: tag, verdict: .unsigned, detail: "an annotated tag with no signature")
    }
    guard format.rawValue == policy.kind.rawValue else {
      return TagSignature(
        tag: tag, verdict: .unknownKey,
        detail: "signed with \(format.rawValue), but the estate trusts \(policy.kind.rawValue) "
          + "signers only")
    }
    guard FileManager.default.isReadableFile(atPath: policy.trustFile.path) else {
      return TagSignature(
        tag: tag, verdict: .uncheckable,
        detail: "\(policy.written) cannot be read, so no signer can be checked")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "baseline-signature-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
      try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
      try object.payload.write(to: folder.appendingPathComponent("payload"))
      try object.signature.write(to: folder.appendingPathComponent("signature"))
    } catch {
      return TagSignature(
        tag: tag, verdict: .uncheckable,
        detail: "the signature could not be written for checking: \(error.localizedDescription)")
    }
    return policy.kind == .ssh
      ? SSHSignature(policy: policy, folder: folder, taggerTime: object.taggerTime).judge(tag)
      : OpenPGPSignature(policy: policy, folder: folder).judge(tag)
  }
}
