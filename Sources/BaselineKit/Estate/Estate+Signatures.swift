import Foundation

extension Estate {
  /// Reads `signatures:`: `{ kind: ssh, allowed_signers: PATH }` or `{ kind: openpgp,
  /// keyring: PATH }`, the path relative to the folder of `components.yaml`.
  /// - Parameters:
  ///   - node: the `signatures:` mapping.
  ///   - folder: the folder of `components.yaml`.
  /// - Returns: the policy.
  /// - Throws: ``InputError`` at the mapping for an unknown kind, a missing or misplaced file
  ///   key, an unknown key.
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
    let file =
      path.hasPrefix("/")
      ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path).standardizedFileURL
    return SignaturePolicy(kind: kind, trustFile: file, written: path)
  }
}
