import BaselineTestSupport
import Foundation
import Testing

/// Issue 13 (first part): components named by URL, read from mirrors `baseline fetch` keeps,
/// against a real `git daemon` on loopback.
@Suite("baseline fetch: mirrors of components named by URL")
struct FetchCommandTests {
  @Test(
    "no mirror yet says to fetch; one fetch per URL; a moved tag is listed; a failure is exit 2")
  func fetchAndRead() throws {
    let folder = TemporaryDirectory("fetch")
    var source = try servedSource(in: folder)
    try source.commit("second")
    try source.tag("1.1.0.0", message: "release")
    var other = try GitScript(at: folder.url.appendingPathComponent("served/other"))
    try other.commit("ledger")
    try other.tag("2.0.0.0")
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      """
      components:
        billing:
          repository: \(daemon.url("src"))
        billing-docs:
          repository: \(daemon.url("src"))
        ledger:
          repository: \(daemon.url("other"))
      """)
    _ = try folder.write(
      "estate/Baselines/SIT-A.yaml",
      "environment: SIT-A\ncomponents:\n  billing:\n    version: \"1.1.0.0\"\n")
    let estate = folder.url.appendingPathComponent("estate")
    let before = try CommandRun.baseline(["tags", "--component", "billing"], in: estate)
    #expect(before.status == 2)
    #expect(before.stderr.contains("run `baseline fetch` first"), "\(before.stderr)")
    let fetched = try CommandRun.baseline(["fetch"], in: estate)
    #expect(fetched.status == 0, "\(fetched.stderr)")
    #expect(
      fetched.stdout.contains("(billing, billing-docs): fetched, 2 tag(s) changed"),
      "\(fetched.stdout)")
    #expect(
      fetched.stdout.components(separatedBy: "/src (").count == 2, "one fetch for the shared URL")
    let mirrors = try FileManager.default.contentsOfDirectory(
      atPath: estate.appendingPathComponent(".baseline/mirrors").path)
    #expect(mirrors.count == 2)
    #expect(
      FileManager.default.fileExists(
        atPath: estate.appendingPathComponent(".baseline/.gitignore").path))
    let tags = try CommandRun.baseline(
      ["tags", "--component", "billing", "--format", "json"], in: estate)
    #expect(tags.status == 0, "\(tags.stderr)")
    #expect(tags.stdout.contains("1.1.0.0"))
    try source.commit("third")
    try source.run(["tag", "-f", "-a", "-m", "moved", "1.0.0.0", "HEAD"])
    let again = try CommandRun.baseline(["fetch", "--component", "billing"], in: estate)
    #expect(again.status == 0)
    #expect(again.stdout.contains("MOVED   1.0.0.0"), "\(again.stdout)")
    // The tag objects, and the commits they name, the ids a moved_tag finding gives.
    let commits = try source.run(["rev-parse", "HEAD~2", "HEAD"]).split(separator: "\n")
      .map { String($0.prefix(7)) }
    #expect(
      again.stdout.contains("(commits \(commits[0]) -> \(commits[1]))"), "\(again.stdout)")
    #expect(!again.stdout.contains("other"), "only the component asked for")
    let notes = try CommandRun.baseline(
      ["notes", "--component", "billing", "--release", "1.1.0.0", "--format", "json"], in: estate)
    #expect(notes.status == 0, "\(notes.stderr)")
    // A report with --fetch says what moved on the server and how old each mirror is.
    try source.run(["tag", "-f", "-a", "-m", "moved again", "1.0.0.0", "HEAD~1"])
    _ = try folder.write(
      "inv.json",
      #"{"environment": "SIT-A", "collected_at": "2026-12-02T00:00:00Z", "components": "#
        + #"[{"name": "billing", "version": "1.1.0.0"}]}"#)
    let report = try CommandRun.baseline(
      [
        "report", "--fetch", "--no-history", "--format", "json", "--inventory",
        folder.path("inv.json"),
      ],
      in: estate)
    let warnings = (try report.json()["warnings"] as? [String]) ?? []
    #expect(warnings.contains { $0.contains("tag 1.0.0.0 was MOVED on the server") }, "\(warnings)")
    #expect(warnings.contains { $0.contains("/src is as of its last fetch") }, "\(warnings)")
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: \(daemon.url("src"))\n  gone:\n    repository: git://127.0.0.1:1/gone\n"
    )
    let failed = try CommandRun.baseline(["fetch"], in: estate)
    #expect(failed.status == 2)
    #expect(failed.stdout.contains("git://127.0.0.1:1/gone (gone): FAILED"), "\(failed.stdout)")
    #expect(failed.stdout.contains("(billing): fetched"))
  }
}

/// Issue 13 (first part): `--fetch` before a command, and a server that never answers.
@Suite("baseline --fetch, and a server that hangs")
struct FetchOptionTests {
  @Test("tags --fetch makes the mirror first; what it fetched goes to standard error")
  func fetchFirst() throws {
    let folder = TemporaryDirectory("fetch-first")
    var source = try servedSource(in: folder)
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: \(daemon.url("src"))\n"
        + "  gone:\n    repository: git://127.0.0.1:1/gone\n")
    let estate = folder.url.appendingPathComponent("estate")
    // Only the component asked about is fetched: the unreachable one does not stop it.
    let run = try CommandRun.baseline(["tags", "--component", "billing", "--fetch"], in: estate)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("1.0.0.0"))
    #expect(run.stderr.contains("added   1.0.0.0"), "\(run.stderr)")
    #expect(!run.stdout.contains("fetched"), "standard output is the command's own")
  }

  @Test(
    "servers that accept and never answer fail at --fetch-timeout, named; the others are fetched")
  func hangingServers() throws {
    let folder = TemporaryDirectory("fetch-hang")
    var source = try servedSource(in: folder)
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    let first = try SilentListener(in: folder.url)
    let second = try SilentListener(in: folder.url)
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      """
      components:
        slow:
          repository: \(first.url("slow"))
        slower:
          repository: \(second.url("slower"))
        billing:
          repository: \(daemon.url("src"))
      """)
    let run = try CommandRun.baseline(
      ["fetch", "--fetch-timeout", "2", "--fetch-jobs", "2"],
      in: folder.url.appendingPathComponent("estate"))
    #expect(run.status == 2)
    for (listener, name) in [(first, "slow"), (second, "slower")] {
      #expect(
        run.stdout.contains("\(listener.url(name)) (\(name)): FAILED: no answer within 2 s"),
        "\(run.stdout)")
    }
    #expect(run.stdout.contains("(billing): fetched, 1 tag(s) changed"), "\(run.stdout)")
    let bad = try CommandRun.baseline(
      ["fetch", "--fetch-jobs", "0"], in: folder.url.appendingPathComponent("estate"))
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--fetch-jobs must be at least 1"), "\(bad.stderr)")
  }

  @Test("a host gone down: exit 2 with what to do; --offline-ok reads the mirror and says so")
  func offline() throws {
    let folder = TemporaryDirectory("fetch-offline")
    var source = try servedSource(in: folder)
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: \(daemon.url("src"))\n  ledger:\n"
        + "    repository: ../../served/src\n")
    _ = try folder.write(
      "estate/Baselines/SIT-A.yaml",
      "environment: SIT-A\ncomponents:\n  billing:\n    version: \"1.0.0.0\"\n")
    _ = try folder.write(
      "inv.json",
      #"{"environment": "SIT-A", "collected_at": "2026-12-02T00:00:00Z", "components": "#
        + #"[{"name": "billing", "version": "1.0.0.0"}]}"#)
    let estate = folder.url.appendingPathComponent("estate")
    let report = [
      "report", "--no-history", "--format", "json", "--inventory", folder.path("inv.json"),
    ]
    let never = try CommandRun.baseline(report + ["--fetch", "--offline-ok"], in: estate)
    #expect(never.status == 0, "the server is up: \(never.stderr)")
    daemon.stop()
    let down = try CommandRun.baseline(report + ["--fetch"], in: estate)
    #expect(down.status == 2)
    #expect(down.stderr.contains("give --offline-ok to read the mirror as it is"), "\(down.stderr)")
    #expect(down.stdout.isEmpty, "nothing was checked")
    let offline = try CommandRun.baseline(report + ["--fetch", "--offline-ok"], in: estate)
    #expect(offline.status == 0, "\(offline.stderr)")
    let warnings = (try offline.json()["warnings"] as? [String]) ?? []
    #expect(
      warnings.contains { $0.contains("/src failed (") && $0.contains("read as it is") },
      "\(warnings)")
    #expect(warnings.contains { $0.contains("/src is as of its last fetch") }, "\(warnings)")
    let verify = try CommandRun.baseline(
      [
        "verify", "--env", "SIT-A", "--no-history", "--fetch", "--offline-ok", "--inventory",
        folder.path("inv.json"),
      ], in: estate)
    #expect(verify.stdout.contains("is as of its last fetch"), "\(verify.stdout)")
    // No mirror fetched before: --offline-ok has nothing to fall back on.
    try FileManager.default.removeItem(at: estate.appendingPathComponent(".baseline/mirrors"))
    let empty = try CommandRun.baseline(report + ["--fetch", "--offline-ok"], in: estate)
    #expect(empty.status == 2)
    #expect(empty.stderr.contains("no mirror fetched before"), "\(empty.stderr)")
    // That failed first fetch left a mirror folder with nothing true in it: still no mirror.
    let after = try CommandRun.baseline(report, in: estate)
    #expect(after.status == 2)
    #expect(after.stderr.contains("no fetch of it has completed"), "\(after.stderr)")
    let alone = try CommandRun.baseline(["tags", "--offline-ok"], in: estate)
    #expect(alone.status == 2)
    #expect(alone.stderr.contains("--offline-ok goes with --fetch"), "\(alone.stderr)")
  }
}

/// Issue 13: HTTP with a token read from the environment the estate names, against a real
/// `git http-backend` with basic authentication.
@Suite("baseline fetch over HTTP with a token from the environment")
struct FetchTokenTests {
  @Test("the right token fetches; a wrong or missing one is exit 2, and no token is ever printed")
  func tokens() throws {
    let folder = TemporaryDirectory("fetch-http")
    var source = try servedSource(in: folder)
    let server = try GitHTTPServer(
      serving: folder.url.appendingPathComponent("served"), user: "ci", token: "T0KEN-S3CRET")
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      """
      components:
        billing:
          repository: \(server.url("src"))
          credentials: { token_env: BILLING_TOKEN, user: ci }
      """)
    let estate = folder.url.appendingPathComponent("estate")
    let good = try CommandRun.baseline(
      ["fetch"], in: estate, environment: ["BILLING_TOKEN": "T0KEN-S3CRET"])
    #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
    #expect(good.stdout.contains("added   1.0.0.0"))
    for (token, message) in [
      ("WRONG-S3CRET", "the server refused the credentials given"),
      ("", "the environment variable BILLING_TOKEN (token_env) is not set"),
    ] {
      let run = try CommandRun.baseline(
        ["fetch"], in: estate, environment: ["BILLING_TOKEN": token])
      #expect(run.status == 2)
      #expect(run.stdout.contains(message), "\(run.stdout)")
      #expect(!(run.stdout + run.stderr).contains("S3CRET"))
    }
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: \(server.url("src"))\n")
    let anonymous = try CommandRun.baseline(["fetch"], in: estate)
    #expect(anonymous.status == 2)
    #expect(
      anonymous.stdout.contains("refused to serve without credentials"), "\(anonymous.stdout)")
    // No credentials: in the estate: the user's git credential helper, as git asks it.
    let address = try #require(URL(string: server.url("src")))
    _ = try folder.write(
      "store", "http://ci:T0KEN-S3CRET@\(address.host ?? ""):\(address.port ?? 0)\n")
    _ = try folder.write(
      "gitconfig", "[credential]\n\thelper = store --file=\(folder.path("store"))\n")
    let helped = try CommandRun.baseline(
      ["fetch"], in: estate, environment: ["GIT_CONFIG_GLOBAL": folder.path("gitconfig")])
    #expect(helped.status == 0, "\(helped.stdout)\(helped.stderr)")
    #expect(!(helped.stdout + helped.stderr).contains("S3CRET"))
  }
}

/// Issue 13: a tag moved or deleted on the server is kept in the run history.
@Suite("tags moved on the server, in the history")
struct TagMoveHistoryTests {
  @Test("fetch and report --fetch record moved and deleted tags; history lists them by component")
  func recorded() throws {
    let folder = TemporaryDirectory("fetch-history")
    var source = try servedSource(in: folder)
    try source.tag("1.0.0.1", message: "emergency")
    try source.commit("second")
    var other = try GitScript(at: folder.url.appendingPathComponent("served/other"))
    try other.commit("ledger")
    try other.tag("2.0.0.0")
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: \(daemon.url("src"))\n  ledger:\n"
        + "    repository: \(daemon.url("other"))\n")
    _ = try folder.write(
      "estate/Baselines/SIT-A.yaml",
      "environment: SIT-A\ncomponents:\n  billing:\n    version: \"1.0.0.0\"\n  ledger:\n"
        + "    version: \"2.0.0.0\"\n")
    let estate = folder.url.appendingPathComponent("estate")
    let first = try CommandRun.baseline(["fetch"], in: estate)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(
      !FileManager.default.fileExists(
        atPath: estate.appendingPathComponent(".baseline/history.sqlite").path),
      "tags only added: nothing to record")
    let old = try source.run(["rev-parse", "refs/tags/1.0.0.0"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    try source.run(["tag", "-f", "-a", "-m", "moved", "1.0.0.0", "HEAD"])
    try source.run(["tag", "-d", "1.0.0.1"])
    let moved = try source.run(["rev-parse", "refs/tags/1.0.0.0"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let second = try CommandRun.baseline(["fetch"], in: estate)
    #expect(second.status == 0, "\(second.stderr)")
    let listing = try CommandRun.baseline(["history", "--format", "json"], in: estate)
    #expect(listing.status == 0, "\(listing.stderr)")
    let moves = (try listing.json()["tag_moves"] as? [[String: Any]]) ?? []
    #expect(moves.count == 2, "\(listing.stdout)")
    let move = moves.first { $0["tag"] as? String == "1.0.0.0" }
    #expect(move?["old"] as? String == old)
    #expect(move?["new"] as? String == moved)
    #expect(move?["components"] as? [String] == ["billing"])
    let deleted = moves.first { $0["tag"] as? String == "1.0.0.1" }
    #expect(deleted?["new"] is NSNull, "\(String(describing: deleted))")
    let text = try CommandRun.baseline(["history"], in: estate)
    #expect(text.stdout.contains("2 tags moved on the server"), "\(text.stdout)")
    #expect(text.stdout.contains("tag 1.0.0.0 MOVED from \(old) to \(moved)"), "\(text.stdout)")
    let known = try CommandRun.baseline(
      ["history", "--component", "billing", "--format", "json"], in: estate)
    #expect(((try known.json()["tag_moves"] as? [Any]) ?? []).count == 2, "\(known.stderr)")
    // report --fetch records what its own fetch found moved.
    try source.run(["tag", "-f", "-a", "-m", "moved back", "1.0.0.0", "HEAD~1"])
    _ = try folder.write(
      "inv.json",
      #"{"environment": "SIT-A", "collected_at": "2026-12-02T00:00:00Z", "components": "#
        + #"[{"name": "billing", "version": "1.0.0.0"}, {"name": "ledger", "version": "2.0.0.0"}]}"#
    )
    let report = try CommandRun.baseline(
      ["report", "--fetch", "--inventory", folder.path("inv.json")], in: estate)
    #expect(report.status != 2, "\(report.stderr)")
    let after = try CommandRun.baseline(
      ["history", "--env", "SIT-A", "--format", "json"], in: estate)
    let sitMoves = (try after.json()["tag_moves"] as? [[String: Any]]) ?? []
    #expect(sitMoves.count == 3, "SIT-A ran billing, whose tags moved: \(after.stdout)")
    let ledger = try CommandRun.baseline(
      ["history", "--component", "ledger", "--format", "json"], in: estate)
    #expect(((try ledger.json()["tag_moves"] as? [Any]) ?? [1]).isEmpty, "\(ledger.stdout)")
    // tags --fetch has no run of its own: the move it saw still goes to the history.
    try source.run(["tag", "-f", "-a", "-m", "moved once more", "1.0.0.0", "HEAD"])
    let tags = try CommandRun.baseline(["tags", "--component", "billing", "--fetch"], in: estate)
    #expect(tags.status == 0, "\(tags.stderr)")
    let last = try CommandRun.baseline(["history", "--format", "json"], in: estate)
    #expect(((try last.json()["tag_moves"] as? [Any]) ?? []).count == 4, "\(last.stdout)")
  }
}

/// Issue 13: SSH against a real `sshd` on loopback, with keys made for the test.
@Suite("baseline fetch over SSH")
struct FetchSSHTests {
  @Test("a key file, the agent; a key the server refuses, an unknown host key: exit 2, said")
  func ssh() throws {
    let folder = TemporaryDirectory("fetch-ssh")
    var source = try servedSource(in: folder)
    let server = try SSHServer(in: folder.url)
    let url = server.url(folder.url.appendingPathComponent("served/src").path)
    let estate = folder.url.appendingPathComponent("estate")
    func estateWith(_ credentials: String) throws {
      _ = try folder.write(
        "estate/Baselines/components.yaml",
        "components:\n  billing:\n    repository: \(url)\n    credentials: \(credentials)\n")
    }
    let home = ["HOME": server.home.path]
    try estateWith("{ ssh_key: \(server.strangerKey) }")
    let refused = try CommandRun.baseline(["fetch"], in: estate, environment: home)
    #expect(refused.status == 2)
    #expect(refused.stdout.contains("refused the credentials given"), "\(refused.stdout)")
    try estateWith("{ ssh_key: \(server.clientKey) }")
    let stranger = try CommandRun.baseline(
      ["fetch"], in: estate, environment: ["HOME": folder.url.path])
    #expect(stranger.status == 2)
    #expect(stranger.stdout.contains("not in ~/.ssh/known_hosts"), "\(stranger.stdout)")
    let fetched = try CommandRun.baseline(["fetch"], in: estate, environment: home)
    #expect(fetched.status == 0, "\(fetched.stdout)\(fetched.stderr)")
    #expect(fetched.stdout.contains("added   1.0.0.0"), "\(fetched.stdout)")
    let key = try String(contentsOfFile: server.clientKey, encoding: .utf8)
    let body = key.split(separator: "\n").dropFirst().first.map(String.init) ?? key
    #expect(!(fetched.stdout + fetched.stderr + refused.stdout).contains(body))
    // The agent: a key added to a running ssh-agent, found through SSH_AUTH_SOCK.
    let socket = folder.path("agent.sock")
    let agent = try CommandRun.start(
      executable: URL(fileURLWithPath: "/usr/bin/ssh-agent"), arguments: ["-D", "-a", socket])
    defer {
      kill(agent.processIdentifier, SIGKILL)
      _ = agent.wait()
    }
    for _ in 0..<100 where !FileManager.default.fileExists(atPath: socket) { usleep(20_000) }
    let added = try CommandRun.run(
      executable: URL(fileURLWithPath: "/usr/bin/ssh-add"), arguments: [server.clientKey],
      environment: ["SSH_AUTH_SOCK": socket, "HOME": server.home.path])
    try #require(added.status == 0, "\(added.stderr)")
    try source.commit("second")
    try source.tag("1.1.0.0", message: "release")
    try estateWith("{ ssh_agent: true }")
    let viaAgent = try CommandRun.baseline(
      ["fetch"], in: estate, environment: ["HOME": server.home.path, "SSH_AUTH_SOCK": socket])
    #expect(viaAgent.status == 0, "\(viaAgent.stdout)\(viaAgent.stderr)")
    #expect(viaAgent.stdout.contains("added   1.1.0.0"), "\(viaAgent.stdout)")
  }
}

/// Issue 13: the example estate with its components named by `git://` URLs.
@Suite("the example estate served by git daemon")
struct ExampleServedTests {
  @Test("fetched from a git daemon, the report finds exactly what it finds on the local clones")
  func sameFindings() throws {
    let estate = try exampleEstate()
    let local = try CommandRun.baseline(
      ["report", "--no-history", "--format", "json"], in: estate.url)
    let daemon = try GitDaemon(
      serving: estate.url.appendingPathComponent("repos"), ready: "dip-adapter")
    let file = estate.url.appendingPathComponent("Baselines/components.yaml")
    let text = try String(contentsOf: file, encoding: .utf8)
    let served = text.replacingOccurrences(
      of: #"repository: \.\./repos/([A-Za-z0-9._-]+)"#, with: "repository: \(daemon.url("$1"))",
      options: .regularExpression)
    #expect(served != text)
    try served.write(to: file, atomically: true, encoding: .utf8)
    let fetched = try CommandRun.baseline(["fetch"], in: estate.url)
    #expect(fetched.status == 0, "\(fetched.stdout)\(fetched.stderr)")
    let remote = try CommandRun.baseline(
      ["report", "--no-history", "--format", "json"], in: estate.url)
    #expect(remote.status == local.status)
    func findings(_ run: CommandRun) throws -> [String] {
      ((try run.json()["environments"] as? [[String: Any]]) ?? []).flatMap { environment in
        ((environment["findings"] as? [[String: Any]]) ?? []).map {
          "\(environment["environment"] ?? "") \($0["kind"] ?? "") \($0["message"] ?? "")"
        }
      }
    }
    let expected = try findings(local)
    #expect(!expected.isEmpty)
    #expect(try findings(remote) == expected)
  }
}

/// Issue 13, second adversarial round: what a fetch must never do to a mirror or a secret.
@Suite("fetch: mirrors and secrets under attack")
struct FetchBreakerTests {
  @Test(
    "leftovers of a fetch given up or killed block nothing; a link or a working repository is no mirror"
  )
  func leftovers() throws {
    let folder = TemporaryDirectory("fetch-leftovers")
    var source = try servedSource(in: folder)
    try source.commit("second")
    let estate = folder.url.appendingPathComponent("estate")
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: file://\(folder.path("served/src"))\n")
    #expect(try CommandRun.baseline(["fetch"], in: estate).status == 0)
    let mirrors = estate.appendingPathComponent(".baseline/mirrors")
    let mirror = try #require(
      try FileManager.default.contentsOfDirectory(atPath: mirrors.path).first)
    let mirrorURL = mirrors.appendingPathComponent(mirror)
    // What a fetch killed mid-way leaves: references and a lock in the landing namespace.
    let incoming = mirrorURL.appendingPathComponent("refs/baseline-incoming/tags")
    try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
    try Data("junk".utf8).write(to: incoming.appendingPathComponent("1.0.0.0.lock"))
    try source.run(["tag", "-f", "-a", "-m", "moved", "1.0.0.0", "HEAD"])
    let again = try CommandRun.baseline(["fetch"], in: estate)
    #expect(again.status == 0, "\(again.stdout)")
    #expect(again.stdout.contains("MOVED   1.0.0.0"), "\(again.stdout)")
    #expect(
      !FileManager.default.fileExists(atPath: incoming.appendingPathComponent("1.0.0.0.lock").path),
      "the stale lock is cleared")
    let tags = try GitScript(existing: mirrorURL).run(["tag"])
    #expect(tags == "1.0.0.0", "only the server's tags, not what arrived in the landing namespace")
    // A link to a working repository in the mirror's place is refused, the repository untouched.
    var work = try GitScript(at: folder.url.appendingPathComponent("work"))
    try work.commit("mine")
    try work.tag("9.9.9.9")
    try FileManager.default.removeItem(at: mirrorURL)
    try FileManager.default.createSymbolicLink(
      at: mirrorURL, withDestinationURL: folder.url.appendingPathComponent("work/.git"))
    let linked = try CommandRun.baseline(["fetch"], in: estate)
    #expect(linked.status == 2)
    #expect(linked.stdout.contains("is not a bare mirror Baseline made"), "\(linked.stdout)")
    #expect(try work.run(["tag"]).contains("9.9.9.9"), "the working repository keeps its tags")
  }

  @Test(
    "a redirect to another host gets no credentials; a URL with a secret in it is refused unprinted"
  )
  func secrets() throws {
    let folder = TemporaryDirectory("fetch-redirect")
    var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
    try source.commit("first")
    let server = try GitHTTPServer(
      serving: folder.url.appendingPathComponent("served"), user: "ci", token: "T0KEN-S3CRET")
    let redirect = try LoopbackServer(
      python: "import http.server,sys\n"
        + "class H(http.server.BaseHTTPRequestHandler):\n"
        + "  def go(self):\n    self.send_response(302)\n"
        + "    self.send_header('Location', sys.argv[1] + self.path)\n    self.end_headers()\n"
        + "  do_GET = go\n  do_POST = go\n  def log_message(self, *a): pass\n"
        + "s = http.server.HTTPServer(('127.0.0.1', 0), H)\n"
        + LoopbackServer.announce("s.server_port") + "s.serve_forever()\n",
      arguments: ["http://localhost:\(server.port)"], in: folder.url)
    let port = redirect.port
    let estate = folder.url.appendingPathComponent("estate")
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: http://127.0.0.1:\(port)/src\n"
        + "    credentials: { token_env: TOKEN, user: ci }\n")
    let run = try CommandRun.baseline(["fetch"], in: estate, environment: ["TOKEN": "T0KEN-S3CRET"])
    #expect(run.status == 2)
    #expect(run.stdout.contains("another host (a redirect)"), "\(run.stdout)")
    for url in [
      "http://127.0.0.1:\(port)/src?private_token=S3CRET", "https://glpat-S3CRET@example.org/a.git",
      "https://example.org/a.git#S3CRET", " https://S3CRET@127.0.0.1/app.git",
      "https://oauth2:S3CRET/x@example.org/a.git",
    ] {
      _ = try folder.write(
        "estate/Baselines/components.yaml", "components:\n  billing:\n    repository: \"\(url)\"\n")
      let refused = try CommandRun.baseline(["fetch"], in: estate)
      #expect(refused.status == 2, "\(url)")
      #expect(refused.stderr.contains("components.yaml:3:"), "\(refused.stderr)")
      #expect(!(refused.stdout + refused.stderr).contains("S3CRET"), "\(refused.stderr)")
    }
  }
}

/// The repository the fetch tests serve: `served/src` with a first commit and the annotated
/// release tag 1.0.0.0.
func servedSource(in folder: TemporaryDirectory) throws -> GitScript {
  var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
  try source.commit("first")
  try source.tag("1.0.0.0", message: "release")
  return source
}
