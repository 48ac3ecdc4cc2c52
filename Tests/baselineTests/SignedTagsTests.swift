import BaselineTestSupport
import Foundation
import Testing

/// Issue 13: signed release tags, made by `git tag -s` with keys generated for the test, and
/// judged against `git tag -v` on the same repository.
@Suite("signed tags: tags, report and verify against git tag -v")
struct SignedTagsTests {
  /// A repository whose tags cover every verdict, with the keys and trust files for them.
  struct Signed {
    let folder: TemporaryDirectory
    let repository: GitScript
    let estate: URL
    let keys: URL

    init(_ name: String) throws {
      let folder = TemporaryDirectory(name)
      let keys = folder.url.appendingPathComponent("estate/Baselines/keys")
      try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
      for key in ["alice", "bob", "carol"] {
        _ = try CommandRun.run(
          executable: URL(fileURLWithPath: "/usr/bin/ssh-keygen"),
          arguments: [
            "-q", "-t", "ed25519", "-N", "", "-C", key, "-f", keys.appendingPathComponent(key).path,
          ])
      }
      func publicKey(_ name: String) throws -> String {
        try String(contentsOf: keys.appendingPathComponent("\(name).pub"), encoding: .utf8)
          .split(separator: " ").prefix(2).joined(separator: " ")
      }
      // carol's key was allowed until the start of 2020 only.
      try """
      alice@example.org namespaces="git" \(try publicKey("alice"))
      carol@example.org valid-before="20200101" \(try publicKey("carol"))

      """.write(
        to: keys.appendingPathComponent("allowed_signers"), atomically: true, encoding: .utf8)
      var repo = try GitScript(at: folder.url.appendingPathComponent("repo"))
      try repo.commit("first")
      try repo.run(["config", "gpg.format", "ssh"])
      func signed(_ tag: String, by key: String, date: String? = nil) throws {
        try repo.run(
          [
            "-c", "user.signingkey=\(keys.appendingPathComponent(key).path)", "tag", "-s", "-m",
            "release \(tag)", tag,
          ],
          environment: date.map { ["GIT_COMMITTER_DATE": $0] } ?? [:])
      }
      try signed("1.0.0.0", by: "alice")
      try signed("1.0.0.1", by: "bob")
      try signed("1.0.0.2", by: "carol")
      try signed("1.0.0.3", by: "carol", date: "2019-06-01T12:00:00Z")
      try repo.tag("1.0.0.4", message: "annotated, unsigned")
      try repo.tag("1.0.0.5")
      // 1.0.0.6: 1.0.0.0's object with its message changed, its signature kept.
      let raw = try repo.run(["cat-file", "tag", "1.0.0.0"])
      let tampered = folder.url.appendingPathComponent("tampered")
      try raw.replacingOccurrences(of: "release 1.0.0.0", with: "release 1.0.0.6")
        .replacingOccurrences(of: "tag 1.0.0.0\n", with: "tag 1.0.0.6\n")
        .write(to: tampered, atomically: true, encoding: .utf8)
      let id = try repo.run(["hash-object", "-t", "tag", "-w", tampered.path])
        .trimmingCharacters(in: .whitespacesAndNewlines)
      try repo.run(["update-ref", "refs/tags/1.0.0.6", id])
      // 1.0.0.7: 1.0.0.0's signed object put under another name (git tag -v accepts it).
      let object = try repo.run(["rev-parse", "refs/tags/1.0.0.0"])
        .trimmingCharacters(in: .whitespacesAndNewlines)
      try repo.run(["update-ref", "refs/tags/1.0.0.7", object])
      // 1.0.0.8: signed by carol with a tagger date git cannot read ("+1500000000", 2017 if
      // read leniently, inside her window): no date, so judged now, when her key is not valid.
      let commit = try repo.id("HEAD")
      let payload = folder.url.appendingPathComponent("payload")
      try
        "object \(commit)\ntype commit\ntag 1.0.0.8\ntagger RM <rm@example.org> +1500000000 +0000\n\nrelease 1.0.0.8\n"
        .write(to: payload, atomically: true, encoding: .utf8)
      _ = try CommandRun.run(
        executable: URL(fileURLWithPath: "/usr/bin/ssh-keygen"),
        arguments: [
          "-Y", "sign", "-q", "-f", keys.appendingPathComponent("carol").path, "-n", "git",
          payload.path,
        ])
      let forged = folder.url.appendingPathComponent("forged")
      try
        (try Data(contentsOf: payload)
        + Data(contentsOf: folder.url.appendingPathComponent("payload.sig")))
        .write(to: forged)
      let forgedID = try repo.run(["hash-object", "-t", "tag", "-w", "--literally", forged.path])
        .trimmingCharacters(in: .whitespacesAndNewlines)
      try repo.run(["update-ref", "refs/tags/1.0.0.8", forgedID])
      _ = try folder.write(
        "estate/Baselines/components.yaml",
        """
        components:
          app:
            repository: ../../repo
            signatures: { kind: ssh, allowed_signers: keys/allowed_signers }
        """)
      self.folder = folder
      self.keys = keys
      self.repository = repo
      self.estate = folder.url.appendingPathComponent("estate")
    }

    /// Whether `git tag -v` accepts the tag, with the same allowed signers.
    func gitAccepts(_ tag: String) throws -> Bool {
      let run = try CommandRun.run(
        executable: URL(fileURLWithPath: "/usr/bin/env"),
        arguments: [
          "git", "-C", folder.url.appendingPathComponent("repo").path, "-c",
          "gpg.ssh.allowedSignersFile=\(keys.appendingPathComponent("allowed_signers").path)",
          "tag", "-v", tag,
        ])
      return run.status == 0
    }
  }

  @Test("every verdict of tags, and each good or not as git tag -v says")
  func verdicts() throws {
    let signed = try Signed("signed-tags")
    let listing = try CommandRun.baseline(
      ["tags", "--component", "app", "--format", "json"], in: signed.estate)
    #expect(listing.status == 0, "\(listing.stderr)")
    let releases = (try listing.json()["releases"] as? [[String: Any]]) ?? []
    var verdicts: [String: String] = [:]
    var signers: [String: String] = [:]
    for release in releases {
      let tag = release["tag"] as? String ?? ""
      let signature = release["signature"] as? [String: Any]
      verdicts[tag] = signature?["verdict"] as? String
      signers[tag] = signature?["signer"] as? String
    }
    #expect(
      verdicts == [
        "1.0.0.0": "good", "1.0.0.1": "unknown_key", "1.0.0.2": "expired_key",
        "1.0.0.3": "good", "1.0.0.4": "unsigned", "1.0.0.5": "unsigned", "1.0.0.6": "bad",
        "1.0.0.7": "bad", "1.0.0.8": "expired_key",
      ], "\(listing.stdout)")
    #expect(signers["1.0.0.0"] == "alice@example.org")
    #expect(signers["1.0.0.3"] == "carol@example.org", "inside carol's window at its tagger date")
    // git tag -v accepts a signed object under another name (1.0.0.7); Baseline does not.
    for (tag, verdict) in verdicts where tag != "1.0.0.7" {
      #expect(try signed.gitAccepts(tag) == (verdict == "good"), "git tag -v \(tag)")
    }
    #expect(try signed.gitAccepts("1.0.0.7"))
    let text = try CommandRun.baseline(["tags", "--component", "app"], in: signed.estate)
    #expect(
      text.stdout.contains("signatures: an SSH signature by a signer in keys/allowed_signers"))
  }

  @Test("two tag names git tells apart and Unicode calls equal each keep their own signature")
  func canonicallyEquivalentNames() throws {
    let signed = try Signed("signed-nfd")
    let composed = "\u{E9}/1.0.0.0"
    let decomposed = "e\u{301}/1.0.0.0"
    try signed.repository.run(
      [
        "-c", "user.signingkey=\(signed.keys.appendingPathComponent("alice").path)", "tag", "-s",
        "-m", "release", composed,
      ])
    try signed.repository.run(["tag", "-m", "annotated, unsigned", decomposed])
    _ = try signed.folder.write(
      "estate/Baselines/components.yaml",
      """
      components:
        app:
          repository: ../../repo
          tag: ["\(composed.replacingOccurrences(of: "1.0.0.0", with: "{version}"))", \
      "\(decomposed.replacingOccurrences(of: "1.0.0.0", with: "{version}"))"]
          signatures: { kind: ssh, allowed_signers: keys/allowed_signers }
      """)
    let listing = try CommandRun.baseline(
      ["tags", "--component", "app", "--format", "json"], in: signed.estate)
    #expect(listing.status == 0, "\(listing.stderr)")
    let releases = (try listing.json()["releases"] as? [[String: Any]]) ?? []
    let verdicts = releases.map { release in
      let tag = release["tag"] as? String ?? ""
      let verdict = (release["signature"] as? [String: Any])?["verdict"] as? String ?? ""
      return "\(tag.unicodeScalars.count) \(verdict)"
    }
    // The composed name has 9 scalars, the decomposed one 10.
    #expect(verdicts.sorted() == ["10 unsigned", "9 good"], "\(listing.stdout)")
    #expect(try signed.gitAccepts(composed) && !signed.gitAccepts(decomposed))
  }

  @Test("a signed tag object copied to a name that differs only in Unicode normalisation is bad")
  func signatureCopiedToEquivalentName() throws {
    let signed = try Signed("signed-copied-nfd")
    let composed = "\u{E9}/1.0.0.0"
    let decomposed = "e\u{301}/1.0.0.0"
    try signed.repository.run(
      [
        "-c", "user.signingkey=\(signed.keys.appendingPathComponent("alice").path)", "tag", "-s",
        "-m", "release", composed,
      ])
    let object = try signed.repository.run(["rev-parse", "refs/tags/\(composed)"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    try signed.repository.run(["update-ref", "refs/tags/\(decomposed)", object])
    try signed.repository.run(["update-ref", "-d", "refs/tags/\(composed)"])
    _ = try signed.folder.write(
      "estate/Baselines/components.yaml",
      """
      components:
        app:
          repository: ../../repo
          tag: "\(decomposed.replacingOccurrences(of: "1.0.0.0", with: "{version}"))"
          signatures: { kind: ssh, allowed_signers: keys/allowed_signers }
      """)
    let listing = try CommandRun.baseline(
      ["tags", "--component", "app", "--format", "json"], in: signed.estate)
    #expect(listing.status == 0, "\(listing.stderr)")
    let document = try listing.json()
    let release = (document["releases"] as? [[String: Any]])?.first
    #expect((release?["signature"] as? [String: Any])?["verdict"] as? String == "bad")
    #expect(
      (document["warnings"] as? [String])?.contains { $0.contains("the tag object calls itself") }
        == true, "\(listing.stdout)")
  }

  @Test("report has tag_signature and verify fails tags_signed unless the tag is good")
  func reportAndVerify() throws {
    let signed = try Signed("signed-verify")
    let inventory = signed.folder.url.appendingPathComponent("inv.json")
    for (release, good) in [
      ("1.0.0.0", true), ("1.0.0.1", false), ("1.0.0.6", false), ("1.0.0.5", false),
    ] {
      _ = try signed.folder.write(
        "estate/Baselines/SIT-A.yaml",
        "environment: SIT-A\ncomponents:\n  app:\n    version: \"\(release)\"\n")
      try
        #"{"environment": "SIT-A", "collected_at": "\#(Self.now)", "components": [{"name": "app", "version": "\#(release)"}]}"#
        .write(to: inventory, atomically: true, encoding: .utf8)
      let report = try CommandRun.baseline(
        ["report", "--no-history", "--format", "json", "--inventory", inventory.path],
        in: signed.estate)
      let findings =
        ((try report.json()["environments"] as? [[String: Any]])?.first?["findings"]
          as? [[String: Any]]) ?? []
      #expect(
        findings.contains { $0["kind"] as? String == "tag_signature" } == !good,
        "\(release): \(report.stdout)")
      if let finding = findings.first(where: { $0["kind"] as? String == "tag_signature" }) {
        #expect(finding["key"] as? String == release, "the tag is the finding's key")
      }
      let verify = try CommandRun.baseline(
        [
          "verify", "--env", "SIT-A", "--no-history", "--format", "json", "--inventory",
          inventory.path,
        ],
        in: signed.estate)
      let checks = (try verify.json()["checks"] as? [[String: Any]]) ?? []
      let trust =
        ((try verify.json()["evidence"] as? [String: Any])?["trust_files"]
          as? [String: String]) ?? [:]
      #expect(
        trust["Baselines/keys/allowed_signers"]?.count == 40, "the trust file is cited: \(trust)")
      let check = checks.first { $0["id"] as? String == "tags_signed" }
      #expect(
        check?["status"] as? String == (good ? "pass" : "fail"), "\(release): \(verify.stdout)")
    }
    // The estate-wide form holds for every command, report and verify included.
    _ = try signed.folder.write(
      "estate/Baselines/components.yaml",
      "signatures: { kind: ssh, allowed_signers: keys/allowed_signers }\n"
        + "components:\n  app:\n    repository: ../../repo\n")
    let estateWide = try CommandRun.baseline(
      ["report", "--no-history", "--format", "json", "--inventory", inventory.path],
      in: signed.estate)
    #expect(estateWide.status == 1, "\(estateWide.stderr)")
    #expect(estateWide.stdout.contains("tag_signature"), "\(estateWide.stdout)")
    // pin records no approved build on a tag that is not validly signed.
    let refused = try CommandRun.baseline(["pin", "--env", "SIT-A"], in: signed.estate)
    #expect(refused.status == 1)
    #expect(
      refused.stdout.contains("NOT pinned: tag 1.0.0.5 is not validly signed"), "\(refused.stdout)")
    #expect(
      !FileManager.default.fileExists(
        atPath: signed.estate.appendingPathComponent("Baselines/SIT-A.pins.yaml").path))
    _ = try signed.folder.write(
      "estate/Baselines/SIT-A.yaml",
      "environment: SIT-A\ncomponents:\n  app:\n    version: \"1.0.0.0\"\n")
    let pinned = try CommandRun.baseline(["pin", "--env", "SIT-A"], in: signed.estate)
    #expect(pinned.status == 0, "\(pinned.stdout)\(pinned.stderr)")
    // Without signatures: the check is not applicable, never passed.
    _ = try signed.folder.write(
      "estate/Baselines/components.yaml", "components:\n  app:\n    repository: ../../repo\n")
    let plain = try CommandRun.baseline(
      [
        "verify", "--env", "SIT-A", "--no-history", "--format", "json", "--inventory",
        inventory.path,
      ],
      in: signed.estate)
    let check = ((try plain.json()["checks"] as? [[String: Any]]) ?? []).first {
      $0["id"] as? String == "tags_signed"
    }
    #expect(check?["status"] as? String == "not_applicable", "\(plain.stdout)")
  }

  @Test(
    "a trust file that is missing: uncheckable, a finding, never a pass; bad estate input is exit 2"
  )
  func uncheckable() throws {
    let signed = try Signed("signed-missing")
    try FileManager.default.removeItem(at: signed.keys.appendingPathComponent("allowed_signers"))
    let listing = try CommandRun.baseline(
      ["tags", "--component", "app", "--format", "json"], in: signed.estate)
    let releases = (try listing.json()["releases"] as? [[String: Any]]) ?? []
    let verdicts = Set(
      releases.compactMap { ($0["signature"] as? [String: Any])?["verdict"] as? String })
    #expect(
      verdicts.isSubset(of: ["uncheckable", "unsigned", "bad"]) && verdicts.contains("uncheckable"))
    // A folder, a FIFO (which would block a reader for ever) and an empty file: uncheckable.
    let trust = signed.keys.appendingPathComponent("allowed_signers")
    for make in ["folder", "fifo", "empty"] {
      try? FileManager.default.removeItem(at: trust)
      switch make {
      case "folder":
        try FileManager.default.createDirectory(at: trust, withIntermediateDirectories: true)
      case "fifo": #expect(mkfifo(trust.path, 0o600) == 0)
      default: try Data().write(to: trust)
      }
      let run = try CommandRun.baseline(
        ["tags", "--component", "app", "--format", "json"], in: signed.estate)
      let found = Set(
        ((try run.json()["releases"] as? [[String: Any]]) ?? []).compactMap {
          ($0["signature"] as? [String: Any])?["verdict"] as? String
        })
      #expect(
        found.isSubset(of: ["uncheckable", "unsigned", "bad"]) && found.contains("uncheckable"),
        "\(make)")
      let lint = try CommandRun.baseline(["lint"], in: signed.estate)
      #expect(lint.status == 1, "\(make): \(lint.stdout)")
    }
    try? FileManager.default.removeItem(at: trust)
    let lint = try CommandRun.baseline(["lint"], in: signed.estate)
    #expect(lint.status == 1)
    #expect(
      lint.stdout.contains("keys/allowed_signers does not exist (signatures: of app)"),
      "\(lint.stdout)")
    for (yaml, message) in [
      ("{ kind: x509, allowed_signers: a }", "expected kind: ssh or openpgp"),
      ("{ kind: ssh, keyring: a }", "expected allowed_signers: with kind: ssh, found keyring:"),
      ("{ kind: openpgp }", "expected keyring: with kind: openpgp"),
      (
        "{ kind: ssh, allowed_signers: ../../outside }",
        "expected a file kept in the estate under Baselines/"
      ),
      (
        "{ kind: ssh, allowed_signers: /etc/passwd }",
        "expected a file kept in the estate under Baselines/"
      ),
    ] {
      _ = try signed.folder.write(
        "estate/Baselines/components.yaml",
        "components:\n  app:\n    repository: ../../repo\n    signatures: \(yaml)\n")
      let run = try CommandRun.baseline(["tags", "--component", "app"], in: signed.estate)
      #expect(run.status == 2)
      #expect(run.stderr.contains("components.yaml:4:"), "\(run.stderr)")
      #expect(run.stderr.contains(message), "\(run.stderr)")
    }
  }

  @Test("OpenPGP: a key in the keyring, a key not in it, a changed tag, as gpgv and git tag -v say")
  func openPGP() throws {
    let folder = TemporaryDirectory("signed-openpgp")
    let home = folder.url.appendingPathComponent("gnupg")
    try FileManager.default.createDirectory(
      at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let environment = ProcessInfo.processInfo.environment.merging(["GNUPGHOME": home.path]) { $1 }
    func gpg(_ arguments: [String]) throws -> String {
      let run = try CommandRun.run(
        executable: URL(fileURLWithPath: "/usr/bin/env"),
        arguments: ["gpg", "--batch"] + arguments,
        environment: environment)
      try #require(run.status == 0, "\(run.stderr)")
      return run.stdout
    }
    func fingerprint(_ email: String) throws -> String {
      try gpg(["--with-colons", "--list-keys", email]).split(separator: "\n")
        .first { $0.hasPrefix("fpr:") }.map {
          String($0.split(separator: ":", omittingEmptySubsequences: false)[9])
        } ?? ""
    }
    _ = try gpg([
      "--passphrase", "", "--quick-gen-key", "Release Manager <rm@example.org>", "ed25519", "sign",
      "1y",
    ])
    _ = try gpg([
      "--passphrase", "", "--quick-gen-key", "Someone Else <else@example.org>", "ed25519", "sign",
      "1y",
    ])
    let manager = try fingerprint("rm@example.org")
    let stranger = try fingerprint("else@example.org")
    try FileManager.default.createDirectory(
      at: folder.url.appendingPathComponent("estate/Baselines"), withIntermediateDirectories: true)
    _ = try gpg(["--output", folder.path("estate/Baselines/keyring.gpg"), "--export", manager])
    var repository = try GitScript(at: folder.url.appendingPathComponent("repo"))
    try repository.commit("first")
    for (tag, key) in [("2.0.0.0", manager), ("2.0.0.1", stranger)] {
      _ = try repository.run(
        [
          "-c", "gpg.format=openpgp", "-c", "user.signingkey=\(key)", "tag", "-s", "-m", "release",
          tag,
        ],
        environment: ["GNUPGHOME": home.path])
    }
    let raw = try repository.run(["cat-file", "tag", "2.0.0.0"])
    try raw.replacingOccurrences(of: "tag 2.0.0.0\n", with: "tag 2.0.0.2\n")
      .write(to: folder.url.appendingPathComponent("t"), atomically: true, encoding: .utf8)
    let id = try repository.run(["hash-object", "-t", "tag", "-w", folder.path("t")])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    _ = try repository.run(["update-ref", "refs/tags/2.0.0.2", id])
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  app:\n    repository: ../../repo\n"
        + "    signatures: { kind: openpgp, keyring: keyring.gpg }\n")
    let listing = try CommandRun.baseline(
      ["tags", "--component", "app", "--format", "json"],
      in: folder.url.appendingPathComponent("estate"))
    var verdicts: [String: String] = [:]
    for release in (try listing.json()["releases"] as? [[String: Any]]) ?? [] {
      verdicts[release["tag"] as? String ?? ""] =
        (release["signature"] as? [String: Any])?["verdict"] as? String
    }
    #expect(
      verdicts == ["2.0.0.0": "good", "2.0.0.1": "unknown_key", "2.0.0.2": "bad"],
      "\(listing.stdout)")
    let good = (try listing.json()["releases"] as? [[String: Any]])?.first
    #expect((good?["signature"] as? [String: Any])?["key"] as? String == manager)
  }

  static var now: String {
    let formatter = ISO8601DateFormatter()
    return formatter.string(from: Date())
  }
}
