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
    judge(tag, raw: try tag.tagObject.flatMap { id throws(GitError) in try repository.rawTag(id) })
  }

  /// Judges one tag whose object was read already (``Repository/rawTag(_:)``): safe to call
  /// from several threads at once, each check running its own processes.
  /// - Parameters:
  ///   - tag: the tag.
  ///   - raw: its tag object's content; `nil` for a lightweight tag.
  /// - Returns: the verdict.
  public func judge(_ tag: TagInfo, raw: Data?) -> TagSignature {
    guard let raw else {
      return TagSignature(
        tag: tag.name, verdict: .unsigned,
        detail: "a lightweight tag: it has no tag object, so nothing is signed")
    }
    return judge(SignedTagObject(raw: raw), tag: tag.name, nameInObject: tag.nameInObject)
  }

  /// Judges a split tag object named `tag`.
  /// - Parameters:
  ///   - object: the split object.
  ///   - tag: the tag's reference name.
  ///   - nameInObject: the name the object gives itself when it differs from `tag`.
  /// - Returns: the verdict.
  public func judge(_ object: SignedTagObject, tag: String, nameInObject: String? = nil)
    -> TagSignature
  {
    guard let format = object.format else {
      return TagSignature(
        tag: tag, verdict: .unsigned, detail: "an annotated tag with no signature")
    }
    // A signed object of one tag put under another name: the signer never signed this name.
    if let nameInObject {
      return TagSignature(
        tag: tag, verdict: .bad,
        detail: "the signed tag object is that of \(nameInObject), not of \(tag): a signature "
          + "copied to another name")
    }
    guard format.rawValue == policy.kind.rawValue else {
      return TagSignature(
        tag: tag, verdict: .unknownKey,
        detail: "signed with \(format.rawValue), but the estate trusts \(policy.kind.rawValue) "
          + "signers only")
    }
    if let problem = policy.trustFileProblem {
      return TagSignature(
        tag: tag, verdict: .uncheckable, detail: "\(problem), so no signer can be checked")
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
