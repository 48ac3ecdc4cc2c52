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
    var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
    try source.commit("first")
    try source.tag("1.0.0.0", message: "release")
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
    var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
    try source.commit("first")
    try source.tag("1.0.0.0", message: "release")
    let daemon = try GitDaemon(serving: folder.url.appendingPathComponent("served"))
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  billing:\n    repository: \(daemon.url("src"))\n")
    let estate = folder.url.appendingPathComponent("estate")
    let run = try CommandRun.baseline(["tags", "--component", "billing", "--fetch"], in: estate)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("1.0.0.0"))
    #expect(run.stderr.contains("added   1.0.0.0"), "\(run.stderr)")
    #expect(!run.stdout.contains("fetched"), "standard output is the command's own")
  }

  @Test("a server that accepts and never answers is stopped at the time limit, named, exit 2")
  func hangingServer() throws {
    let folder = TemporaryDirectory("fetch-hang")
    // A listener that accepts connections and says nothing; it writes its port to a file.
    let portFile = folder.path("port")
    let server = try CommandRun.start(
      executable: URL(fileURLWithPath: "/usr/bin/env"),
      arguments: [
        "python3", "-c",
        "import socket,sys\ns=socket.socket();s.bind(('127.0.0.1',0));s.listen(8)\n"
          + "open(sys.argv[1]+'.tmp','w').write(str(s.getsockname()[1]))\n"
          + "import os;os.rename(sys.argv[1]+'.tmp',sys.argv[1])\nconns=[]\n"
          + "while True:\n  c,_=s.accept();conns.append(c)\n",
        portFile,
      ])
    defer {
      kill(server.processIdentifier, SIGKILL)
      _ = server.wait()
    }
    var port = ""
    for _ in 0..<200 where port.isEmpty {
      usleep(25_000)
      port = (try? String(contentsOfFile: portFile, encoding: .utf8)) ?? ""
    }
    try #require(!port.isEmpty, "the listener did not start")
    let address = "127.0.0.1:\(port)"
    _ = try folder.write(
      "estate/Baselines/components.yaml",
      "components:\n  slow:\n    repository: git://\(address)/slow\n")
    let started = Date()
    let run = try CommandRun.baseline(
      ["fetch", "--repository-timeout", "2"], in: folder.url.appendingPathComponent("estate"))
    #expect(run.status == 2)
    #expect(run.stderr.contains("git://\(address)/slow"), "\(run.stderr)")
    #expect(Date().timeIntervalSince(started) < 30)
  }
}

/// Issue 13: HTTP with a token read from the environment the estate names, against a real
/// `git http-backend` with basic authentication.
@Suite("baseline fetch over HTTP with a token from the environment")
struct FetchTokenTests {
  @Test("the right token fetches; a wrong or missing one is exit 2, and no token is ever printed")
  func tokens() throws {
    let folder = TemporaryDirectory("fetch-http")
    var source = try GitScript(at: folder.url.appendingPathComponent("served/src"))
    try source.commit("first")
    try source.tag("1.0.0.0", message: "release")
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
  }
}
