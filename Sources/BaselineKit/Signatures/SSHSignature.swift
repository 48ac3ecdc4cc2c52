import Foundation

/// One SSH tag signature checked as git checks it with `gpg.format=ssh`: the signer found in
/// the allowed-signers file (`ssh-keygen -Y find-principals`), then the signature verified for
/// that principal in namespace `git` (`ssh-keygen -Y verify`), both at the tagger's time
/// (`-Overify-time`), so that a key's `valid-before`/`valid-after` is judged when it signed.
struct SSHSignature {
  let policy: SignaturePolicy
  /// Holds `payload` and `signature`.
  let folder: URL
  let taggerTime: Date?

  private var signature: String { folder.appendingPathComponent("signature").path }
  private var payload: URL { folder.appendingPathComponent("payload") }
  private var allowed: String { policy.trustFile.path }

  /// `-Overify-time=YYYYMMDDHHMMSSZ` at the tagger's time (none for a taggerless tag).
  private var atTaggerTime: [String] {
    guard let taggerTime else { return [] }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMddHHmmss"
    return ["-Overify-time=\(formatter.string(from: taggerTime))Z"]
  }

  func judge(_ tag: String) -> TagSignature {
    let found = ToolRun.run(
      "ssh-keygen", ["-Y", "find-principals", "-f", allowed, "-s", signature] + atTaggerTime)
    if found.status == 127 {
      return TagSignature(
        tag: tag, verdict: .uncheckable,
        detail: "ssh-keygen is not installed (openssh-client), so no signature can be checked")
    }
    guard found.status == 0,
      let principal = found.stdout.split(separator: "\n").first.map(String.init)
    else { return notAllowed(tag) }
    let verified = ToolRun.run(
      "ssh-keygen",
      ["-Y", "verify", "-f", allowed, "-I", principal, "-n", "git", "-s", signature]
        + atTaggerTime, input: payload)
    let key = Self.key(in: verified.stdout)
    guard verified.status == 0 else {
      return TagSignature(
        tag: tag, verdict: .bad, signer: principal, key: key,
        detail: "the signature by \(principal) does not verify for tags (namespace git): the tag "
          + "was changed after it was signed, or the key is allowed for another namespace only "
          + "(\(Self.firstLine(verified.stderr)))")
    }
    return TagSignature(
      tag: tag, verdict: .good, signer: principal, key: key,
      detail: "signed by \(principal)" + (key.map { " with key \($0)" } ?? ""))
  }

  /// No allowed signer at the tagger's time: one outside its validity, an unknown key, or a
  /// signature that does not verify whoever made it.
  private func notAllowed(_ tag: String) -> TagSignature {
    // The same signers without their validity windows: a signer found there was allowed,
    // but not at the tagger's time.
    let timeless = folder.appendingPathComponent("allowed_signers_without_validity")
    let anyTime =
      (try? Self.withoutValidity(String(contentsOf: policy.trustFile, encoding: .utf8)).write(
        to: timeless, atomically: true, encoding: .utf8)) == nil
      ? ToolRun(status: 1, stdout: "", stderr: "")
      : ToolRun.run(
        "ssh-keygen", ["-Y", "find-principals", "-f", timeless.path, "-s", signature])
    let alone = ToolRun.run(
      "ssh-keygen", ["-Y", "check-novalidate", "-n", "git", "-s", signature], input: payload)
    let key = Self.key(in: alone.stdout)
    if anyTime.status == 0, let principal = anyTime.stdout.split(separator: "\n").first {
      return TagSignature(
        tag: tag, verdict: .expiredKey, signer: String(principal), key: key,
        detail: "signed by \(principal), whose key was not valid at the tagger's time "
          + "(valid-after/valid-before in \(policy.written))")
    }
    guard alone.status == 0 else {
      return TagSignature(
        tag: tag, verdict: .bad, key: key,
        detail: "the signature does not verify (\(Self.firstLine(alone.stderr)))")
    }
    return TagSignature(
      tag: tag, verdict: .unknownKey, key: key,
      detail: "signed with \(key ?? "a key") that \(policy.written) does not allow")
  }

  /// An allowed-signers file with every `valid-after`/`valid-before` option taken out
  /// (`ssh-keygen(1)`, ALLOWED SIGNERS: options are comma-separated, values may be quoted).
  static func withoutValidity(_ text: String) -> String {
    let option = #"(valid-(before|after)=("[^"]*"|[^,\s]*))"#
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      var result = String(line)
      result = result.replacingOccurrences(
        of: option + ",", with: "", options: .regularExpression)
      result = result.replacingOccurrences(
        of: "," + option, with: "", options: .regularExpression)
      result = result.replacingOccurrences(
        of: "\\s" + option + "(?=\\s)", with: "", options: .regularExpression)
      return result
    }.joined(separator: "\n")
  }

  /// `SHA256:…` from `Good "git" signature … with ED25519 key SHA256:…`.
  static func key(in output: String) -> String? {
    guard let range = output.range(of: "key SHA256:") else { return nil }
    let rest = output[range.upperBound...]
    return "SHA256:" + rest.prefix { !$0.isWhitespace }
  }

  static func firstLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) }
      ?? "no message"
  }
}
