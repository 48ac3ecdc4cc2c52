import Foundation

/// One OpenPGP tag signature checked with `gpgv` against the estate's keyring, read from
/// gpgv's machine-readable status lines (`--status-fd 1`): `GOODSIG`, `VALIDSIG`, `BADSIG`,
/// `EXPKEYSIG`, `REVKEYSIG`, `ERRSIG`/`NO_PUBKEY`.
struct OpenPGPSignature {
  let policy: SignaturePolicy
  /// Holds `payload` and `signature`; gpgv's home folder goes there too (nothing of the
  /// user's own keyrings is read or written).
  let folder: URL

  func judge(_ tag: String) -> TagSignature {
    let run = ToolRun.run(
      "gpgv",
      [
        "--homedir", folder.path, "--status-fd", "1", "--keyring", policy.trustFile.path,
        folder.appendingPathComponent("signature").path,
        folder.appendingPathComponent("payload").path,
      ])
    if run.status == 127 {
      return TagSignature(
        tag: tag, verdict: .uncheckable,
        detail: "gpgv is not installed (gpgv), so no signature can be checked")
    }
    var status: [String: String] = [:]
    for line in run.stdout.split(separator: "\n") where line.hasPrefix("[GNUPG:] ") {
      let words = line.dropFirst("[GNUPG:] ".count).split(separator: " ", maxSplits: 1)
      guard let word = words.first else { continue }
      status[String(word)] = words.count > 1 ? String(words[1]) : ""
    }
    let fingerprint = status["VALIDSIG"]?.split(separator: " ").first.map(String.init)
    func user(_ value: String?) -> String? {
      value?.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init)
    }
    if let value = status["GOODSIG"], run.status == 0 {
      let signer = user(value)
      return TagSignature(
        tag: tag, verdict: .good, signer: signer, key: fingerprint,
        detail: "signed by \(signer ?? "a key in \(policy.written)")")
    }
    if let value = status["EXPKEYSIG"] ?? status["EXPSIG"] {
      return TagSignature(
        tag: tag, verdict: .expiredKey, signer: user(value), key: fingerprint,
        detail: "signed by \(user(value) ?? "a key") that has expired")
    }
    if let value = status["REVKEYSIG"] {
      return TagSignature(
        tag: tag, verdict: .bad, signer: user(value), key: fingerprint,
        detail: "signed by \(user(value) ?? "a key") that was revoked")
    }
    if let value = status["BADSIG"] {
      return TagSignature(
        tag: tag, verdict: .bad, signer: user(value),
        detail: "the signature by \(user(value) ?? "a key") does not verify: the tag was changed "
          + "after it was signed")
    }
    if status["NO_PUBKEY"] != nil || status["ERRSIG"] != nil {
      let id = (status["NO_PUBKEY"] ?? status["ERRSIG"])?.split(separator: " ").first
      return TagSignature(
        tag: tag, verdict: .unknownKey, key: id.map(String.init),
        detail: "signed with key \(id.map(String.init) ?? "?") that \(policy.written) does not hold"
      )
    }
    return TagSignature(
      tag: tag, verdict: .uncheckable,
      detail: "gpgv gave no verdict: \(SSHSignature.firstLine(run.stderr))")
  }
}
