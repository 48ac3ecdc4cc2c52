public import Foundation
import Glibc

/// A component's rule that its release tags be signed by an allowed signer (`signatures:` in
/// `components.yaml`, for the estate or one component).
public struct SignaturePolicy: Sendable, Hashable {
  /// How tags are signed, as `git config gpg.format` says it.
  public enum Kind: String, Sendable, Hashable {
    /// SSH signatures, checked as `git tag -v` does with `ssh-keygen -Y verify` against an
    /// allowed-signers file (`gpg.ssh.allowedSignersFile`).
    case ssh
    /// OpenPGP signatures, checked with `gpgv` against a keyring.
    case openpgp
  }

  /// The kind of signature required.
  public let kind: Kind
  /// The allowed-signers file (SSH) or the keyring (OpenPGP, binary, as `gpg --export`
  /// writes it) the estate keeps, resolved against the folder of `components.yaml`.
  public let trustFile: URL
  /// The file as written in the estate.
  public let written: String

  /// Makes a policy.
  public init(kind: Kind, trustFile: URL, written: String) {
    (self.kind, self.trustFile, self.written) = (kind, trustFile, written)
  }

  /// Why the trust file cannot be used, or `nil` when it can: it must be a regular file
  /// (a folder, a FIFO or a device is refused before any tool reads it), not empty, and for
  /// OpenPGP a binary keyring (`gpgv` does not read an armored one).
  public var trustFileProblem: String? {
    var status = stat()
    guard stat(trustFile.path, &status) == 0 else { return "\(written) does not exist" }
    guard status.st_mode & S_IFMT == S_IFREG else {
      return "\(written) is not a regular file (a folder, a FIFO or a device)"
    }
    guard let handle = FileHandle(forReadingAtPath: trustFile.path) else {
      return "\(written) cannot be read"
    }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 64)) ?? Data()
    if head.isEmpty { return "\(written) is empty: it allows no signer" }
    if kind == .openpgp,
      String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        .hasPrefix("-----BEGIN PGP")
    {
      return "\(written) is an armored keyring; gpgv reads a binary one (gpg --dearmor)"
    }
    return nil
  }

  /// What the policy asks, for people: `SSH signatures by a signer in Baselines/keys/allowed_signers`.
  public var summary: String {
    (kind == .ssh ? "an SSH signature by a signer in " : "an OpenPGP signature by a key in ")
      + written
  }
}
