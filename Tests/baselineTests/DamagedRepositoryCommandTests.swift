import BaselineTestSupport
import Foundation
import Testing

/// What every command does with a damaged repository (issue 9, items 3, 4 and 6): exit 2
/// naming the object, never fewer tags, `no_tag` or a hang.
@Suite("Commands on damaged repositories")
struct DamagedRepositoryCommandTests {
  /// An estate with one component, `app`, tagged `v1.0.0.0` and `v1.0.1.0` (annotated), its
  /// baseline SIT-A at 1.0.1.0, and a saved inventory `inv.json` that reports 1.0.1.0 with
  /// `commit`.
  struct SmallEstate {
    let folder = TemporaryDirectory("baseline-damaged")
    let script: GitScript
    let first: String

    init() throws {
      var script = try GitScript(at: folder.url.appendingPathComponent("repos/app"))
      first = try script.commit("one")
      try script.tag("v1.0.0.0")
      try script.commit("two")
      try script.tag("v1.0.1.0", message: "release")
      self.script = script
      try FileManager.default.createDirectory(
        at: folder.url.appendingPathComponent("Baselines"), withIntermediateDirectories: true)
      try write("Baselines/components.yaml", "components:\n  app:\n    repository: ../repos/app\n")
      try write(
        "Baselines/SIT-A.yaml",
        "environment: SIT-A\ncomponents:\n  app:\n    version: \"1.0.1.0\"\n")
      try inventory(commit: "v1.0.1.0")
    }

    func write(_ path: String, _ text: String) throws {
      try text.write(
        to: folder.url.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    func inventory(commit: String) throws {
      try write(
        "inv.json",
        #"{"environment": "SIT-A", "collected_at": "2026-12-02T00:00:00Z", "components": "#
          + #"[{"name": "app", "version": "1.0.1.0", "commit": "\#(commit)"}]}"#)
    }

    /// The loose object file of the first tagged commit.
    var looseFirst: String {
      script.directory.path + "/.git/objects/\(first.prefix(2))/\(first.dropFirst(2))"
    }

    func baseline(_ arguments: [String]) throws -> CommandRun {
      try CommandRun.baseline(arguments, in: folder.url)
    }
  }

  @Test("a corrupt tagged commit is exit 2 naming the object in every command")
  func corruptObjectEverywhere() throws {
    let estate = try SmallEstate()
    chmod(estate.looseFirst, 0o644)
    var bytes = try Data(contentsOf: URL(fileURLWithPath: estate.looseFirst))
    bytes[bytes.count / 2] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: estate.looseFirst))

    let commands: [[String]] = [
      ["tags", "--component", "app"], ["pin", "--env", "SIT-A"],
      ["pin", "--env", "SIT-A", "--dry-run"], ["report", "--inventory", "inv.json"],
      ["verify", "--env", "SIT-A", "--inventory", "inv.json"], ["lint"], ["hotfixes"],
    ]
    for arguments in commands {
      let run = try estate.baseline(arguments)
      #expect(run.status == 2, "\(arguments): \(run.stdout)\(run.stderr)")
      #expect(
        (run.stdout + run.stderr).contains("object \(estate.first) (tag v1.0.0.0) is corrupt"),
        "\(arguments)")
      #expect(!run.stdout.contains("no_tag") && !run.stdout.contains("first_release"))
    }
    #expect(
      !FileManager.default.fileExists(
        atPath: estate.folder.url.appendingPathComponent("Baselines/SIT-A.pins.yaml").path))
  }

  @Test("a truncated loose object that makes libgit2 spin ends the run at the time limit")
  func truncatedLooseObject() throws {
    let estate = try SmallEstate()
    chmod(estate.looseFirst, 0o644)
    #expect(truncate(estate.looseFirst, 100) == 0)

    let started = Date()
    let run = try estate.baseline(["tags", "--component", "app", "--repository-timeout", "2"])
    let took = Date().timeIntervalSince(started)

    #expect(run.status == 2)
    #expect(
      run.stderr.contains(
        "repository ../repos/app: gave up after 2 s reading its tags (--repository-timeout)"))
    #expect(took < 60, "took \(took) s")
    let bad = try estate.baseline(["tags", "--component", "app", "--repository-timeout", "0"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--repository-timeout must be a positive number of seconds"))
  }

  @Test(
    "a commit of any length that names nothing is unresolved_commit, never a repository error",
    arguments: [40, 1_012, 1_013, 4_000, 100_000])
  func longCommitInInventory(length: Int) throws {
    let estate = try SmallEstate()
    try estate.inventory(commit: String(repeating: "a", count: length))

    let run = try estate.baseline(["report", "--inventory", "inv.json", "--format", "json"])

    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stdout.contains(#""kind" : "unresolved_commit""#))
    // The finding quotes at most a few hundred characters of the value; `actual` keeps it.
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let environments = try #require(report["environments"] as? [[String: Any]])
    let findings = try #require(environments.first?["findings"] as? [[String: Any]])
    let message = try #require(findings.first?["message"] as? String)
    #expect(message.count < 500)
    if length > 200 { #expect(message.contains("…(\(length - 200) more characters)")) }
    let text = try estate.baseline(["report", "--inventory", "inv.json"])
    #expect(text.stdout.split(separator: "\n").allSatisfy { $0.count < 1_000 })
  }

  @Test("a FIFO in the estate's own repository fails estate_committed, never 'not in git' and GO")
  func damagedEstateRepository() throws {
    let estate = try SmallEstate()
    let root = estate.folder.url
    try GitScript.git(["init", "-q", "-b", "main"], in: root)
    try "repos/\n".write(
      to: root.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
    try GitScript.git(["add", ".gitignore", "Baselines", "inv.json"], in: root)
    try GitScript.git(["commit", "-q", "-m", "estate"], in: root)
    try FileManager.default.removeItem(at: root.appendingPathComponent(".git/HEAD"))
    #expect(mkfifo(root.appendingPathComponent(".git/HEAD").path, 0o644) == 0)

    let run = try estate.baseline([
      "verify", "--env", "SIT-A", "--inventory", "inv.json", "--format", "json",
    ])

    #expect(run.status == 1, "\(run.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let checks = try #require(report["checks"] as? [[String: Any]])
    let committed = try #require(checks.first { $0["id"] as? String == "estate_committed" })
    #expect(committed["status"] as? String == "fail")
    let reasons = (committed["reasons"] as? [String] ?? []).joined()
    #expect(reasons.contains(".git/HEAD is a FIFO, where git expects a file"))
  }

  @Test(
    "a FIFO among the files libgit2 reads outside the repository is refused at once, not waited on",
    arguments: ["~/.gitconfig", "included from ~/.gitconfig", "XDG config", "XDG attributes"])
  func globalFiles(place: String) throws {
    let estate = try SmallEstate()
    let home = estate.folder.url.appendingPathComponent("home").path
    let xdg = estate.folder.url.appendingPathComponent("xdg").path
    try FileManager.default.createDirectory(
      atPath: xdg + "/git", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    let fifo: String
    switch place {
    case "~/.gitconfig": fifo = home + "/.gitconfig"
    case "included from ~/.gitconfig":
      fifo = home + "/included"
      try "[include]\n\tpath = ~/included\n".write(
        toFile: home + "/.gitconfig", atomically: true, encoding: .utf8)
    case "XDG config": fifo = xdg + "/git/config"
    default: fifo = xdg + "/git/attributes"
    }
    #expect(mkfifo(fifo, 0o644) == 0)

    let run = try CommandRun.baseline(
      ["tags", "--component", "app", "--repository-timeout", "60"], in: estate.folder.url,
      environment: ["HOME": home, "XDG_CONFIG_HOME": xdg])

    #expect(run.status == 2)
    #expect(run.stderr.contains("\(fifo) is a FIFO, where git expects a file"), "\(run.stderr)")
  }

  @Test("lint exits 2 when a component repository is refused for a FIFO, listing it")
  func lintRefusedRepository() throws {
    let estate = try SmallEstate()
    try FileManager.default.removeItem(atPath: estate.looseFirst)
    #expect(mkfifo(estate.looseFirst, 0o644) == 0)

    let run = try estate.baseline(["lint"])

    #expect(run.status == 2)
    #expect(run.stdout.contains("is a FIFO, where git expects a file"))
  }

  @Test("a healthy repository read with too few file descriptors is not called damaged")
  func descriptorsExhausted() throws {
    let folder = TemporaryDirectory("baseline-descriptors")
    let repository = folder.url.appendingPathComponent("packs")
    _ = try GitScript(at: repository)
    // 80 packs, a tag in each: libgit2 keeps a descriptor open per pack it reads.
    for pack in 0..<80 {
      let stream = """
        commit refs/heads/b\(pack)
        committer T <t@x> \(1_700_000_000 + pack) +0000
        data 2
        c
        M 644 inline f
        data 4
        \(String(format: "%03d", pack))

        tag 1.0.\(pack).0
        from refs/heads/b\(pack)
        tagger R <r@x> 1700000000 +0000
        data 4
        rel


        """
      let imported = try CommandRun.run(
        executable: URL(fileURLWithPath: "/usr/bin/env"),
        arguments: ["git", "-c", "fastimport.unpackLimit=0", "fast-import", "--quiet"],
        in: repository, input: Data(stream.utf8))
      try #require(imported.status == 0, "\(imported.stderr)")
    }
    _ = try folder.write(
      "Baselines/components.yaml", "components:\n  p:\n    repository: ../packs\n")
    let whole = try CommandRun.baseline(["tags", "--component", "p"], in: folder.url)
    #expect(whole.status == 0, "\(whole.stderr)")
    let starved = try CommandRun.run(
      executable: URL(fileURLWithPath: "/bin/sh"),
      arguments: ["-c", "ulimit -n 40 && exec \"$0\" tags --component p", CommandRun.binary.path],
      in: folder.url, environment: CommandRun.environment())
    // libgit2 keeps a descriptor open for each of the 80 packs: 40 run out, and the run names
    // the limit, never a missing or corrupt object.
    #expect(starved.status == 2)
    #expect(starved.stderr.contains("no file descriptor left"), "\(starved.stderr)")
    #expect(starved.stderr.contains("ulimit -n, is 40"))
    #expect(!starved.stderr.contains("is missing") && !starved.stderr.contains("is corrupt"))
  }
}
