import Foundation

extension Estate {
  /// Reads `signatures:`: `{ kind: ssh, allowed_signers: PATH }` or `{ kind: openpgp,
  /// keyring: PATH }`, the path relative to the folder of `components.yaml` and inside it.
  /// - Parameters:
  ///   - node: the `signatures:` mapping.
  ///   - folder: the folder of `components.yaml`.
  /// - Returns: the policy.
  /// - Throws: ``InputError`` at the mapping for an unknown kind, a missing or misplaced file
  ///   key, an unknown key; at the file for one outside `Baselines/`.
  static func loadSignatures(_ node: YAMLNode, folder: URL) throws(InputError) -> SignaturePolicy {
    let fields = try node.fields(
      ["kind", "allowed_signers", "keyring"], required: ["kind"],
      expected: "kind: ssh with allowed_signers:, or kind: openpgp with keyring:")
    let text = try fields["kind"]?.text(expected: "ssh or openpgp") ?? ""
    guard let kind = SignaturePolicy.Kind(rawValue: text) else {
      throw (fields["kind"] ?? node).error("expected kind: ssh or openpgp, found \"\(text)\"")
    }
    let (wanted, other) =
      kind == .ssh ? ("allowed_signers", "keyring") : ("keyring", "allowed_signers")
    if fields[other] != nil {
      throw node.error("expected \(wanted): with kind: \(kind.rawValue), found \(other):")
    }
    guard let fileNode = fields[wanted] else {
      throw node.error(
        "expected \(wanted): with kind: \(kind.rawValue) ("
          + (kind == .ssh
            ? "an allowed-signers file, as git's gpg.ssh.allowedSignersFile)"
            : "a keyring, as gpg --export writes it)"))
    }
    let path = try fileNode.text(expected: "a file")
    let file = folder.appendingPathComponent(path).standardizedFileURL
    // Kept under Baselines/, so that it is committed and verify's estate_committed sees any
    // change to it, as to the baselines (a link out of the folder counts as outside).
    let inside = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
    guard !path.hasPrefix("/"), file.path.hasPrefix(folder.standardizedFileURL.path + "/"),
      file.resolvingSymlinksInPath().path.hasPrefix(inside)
        || !FileManager.default.fileExists(atPath: file.path)
    else {
      throw fileNode.error(
        "expected a file kept in the estate under Baselines/ (committed, and checked by verify "
          + "as the baselines are), found \"\(path)\"")
    }
    return SignaturePolicy(kind: kind, trustFile: file, written: path)
  }
}
