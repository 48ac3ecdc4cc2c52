import BaselineTestSupport
import Foundation
import Git
import Testing

/// The repository file check reads what git reads the way git reads it: a config as git
/// parses it, files as bytes (not UTF-8 text), names as bytes, alternates and worktree files
/// as libgit2 follows them, each folder once. Each case plants a FIFO that libgit2 would
/// block on and expects it refused by name, never a wait for `--repository-timeout`.
@Suite("Repository file check: what git reads, read as git reads it")
struct RepositoryFileCheckTests {
  /// Makes a FIFO at the path of exactly `bytes` (which need not be UTF-8).
  static func fifo(_ bytes: [UInt8]) {
    let made = mkfifo(cString(bytes), 0o644)
    #expect(made == 0, "mkfifo \(String(decoding: bytes, as: UTF8.self)): errno \(errno)")
  }

  /// Opens the repository and reads its tags, expecting an error of `code` (by default the
  /// refusal of a file); the message.
  static func refusal(_ path: String, code: GitError.Code = .notARegularFile) -> String? {
    let error = #expect(throws: GitError.self) {
      _ = try Repository(path: path, searchParents: false).tags()
    }
    #expect(error?.code == code, "\(String(describing: error))")
    return error?.message
  }

  /// `[include] path` written as git allows; git itself (the oracle) reads the FIFO's path
  /// from each form before the check must.
  @Test(
    "an include's path is read as git reads it: key on the section line, comments, quotes, escapes, continuation",
    arguments: [
      "[include] path = FIFO\n",
      "[include]\n\tpath = FIFO ; a comment\n",
      "[include]\n\tpath = FIFO# a comment\n",
      "[include]\n\tpath = \"FI\"\"FO\" # quotes inside\n",
      "[include]\n\tpath = FI\\\nFO\n",
      "[INCLUDE]\n\tPath=FIFO\n",
      "[includeIf \"gitdir:/\"]\n\tpath = FIFO\n",
      "; \u{FF}\n[include]\n\tpath = FIFO\n",
    ])
  func includeForms(form: String) throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let fifo = folder.url.path + "/included fifo"
    let half = fifo.index(fifo.startIndex, offsetBy: fifo.count / 2)
    var text = form.replacingOccurrences(
      of: "FI\\\nFO", with: fifo[..<half] + "\\\n" + fifo[half...]
    )
    .replacingOccurrences(of: "\"FI\"\"FO\"", with: "\"\(fifo[..<half])\"\"\(fifo[half...])\"")
    .replacingOccurrences(of: "FIFO", with: fifo)
    var bytes = Array(text.utf8)
    // The `\u{FF}` case: one byte that is not UTF-8 in a comment, the rest of the file valid.
    if let marker = bytes.firstIndex(of: 0xC3), form.contains("\u{FF}") {
      bytes.replaceSubrange(marker...marker + 1, with: [0xFF])
      text = ""
    }
    let config = script.directory.path + "/.git/config"
    var whole = try Data(contentsOf: URL(fileURLWithPath: config))
    whole.append(contentsOf: bytes)
    try whole.write(to: URL(fileURLWithPath: config))
    let key = form.contains("includeIf") ? "includeif.gitdir:/.path" : "include.path"
    #expect(try script.run(["config", "--file", config, "--get", key]) == fifo)
    Self.fifo(Array(fifo.utf8))

    #expect(Self.refusal(script.directory.path)?.contains("\(fifo) is a FIFO") == true)
  }

  @Test("a config is read whole: an include after 2 MiB of comments is checked")
  func longConfig() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let fifo = folder.url.path + "/late"
    let config = script.directory.path + "/.git/config"
    let padding = String(repeating: "# padding, as a hostile clone might hold\n", count: 52_000)
    let text = try String(contentsOfFile: config, encoding: .utf8)
    try (text + padding + "[include]\n\tpath = \(fifo)\n").write(
      toFile: config, atomically: true, encoding: .utf8)
    #expect(try script.run(["config", "--file", config, "--get", "include.path"]) == fifo)
    Self.fifo(Array(fifo.utf8))

    #expect(Self.refusal(script.directory.path)?.contains("\(fifo) is a FIFO") == true)
  }

  @Test(
    "a file git reads is read as bytes: one byte that is not UTF-8 does not turn its check off",
    arguments: ["alternates", ".git file", "commondir"])
  func bytesNotText(file: String) throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let git = script.directory.path + "/.git"
    let odd: [UInt8] = Array((folder.url.path + "/odd").utf8) + [0xFF]
    var opened = script.directory.path
    switch file {
    case "alternates":
      // An alternate object folder whose name is not UTF-8, holding a FIFO as a pack.
      mkdir(odd)
      mkdir(odd + Array("/pack".utf8))
      Self.fifo(odd + Array("/pack/pack-1.idx".utf8))
      try Data(odd + [0x0A]).write(to: URL(fileURLWithPath: git + "/objects/info/alternates"))
    case ".git file":
      // A work tree whose `gitdir:` names a git folder whose name is not UTF-8.
      try FileManager.default.moveItem(atPath: git, toPath: folder.url.path + "/moved")
      #expect(renameBytes(Array((folder.url.path + "/moved").utf8), odd))
      try Data(Array("gitdir: ".utf8) + odd + [0x0A]).write(to: URL(fileURLWithPath: git))
      Self.fifo(odd + Array("/packed-refs".utf8))
    default:
      // A worktree whose `commondir` names a common folder whose name is not UTF-8.
      _ = try script.run(["worktree", "add", "-q", folder.url.path + "/wt"])
      opened = folder.url.path + "/wt"
      try FileManager.default.moveItem(atPath: git, toPath: folder.url.path + "/moved")
      #expect(renameBytes(Array((folder.url.path + "/moved").utf8), odd))
      let admin = Array((folder.url.path + "/wt/.git").utf8)
      try Data(Array("gitdir: ".utf8) + odd + Array("/worktrees/wt\n".utf8)).write(
        to: URL(fileURLWithPath: String(decoding: admin, as: UTF8.self)))
      try Data(odd + [0x0A]).write(
        to: URL(fileURLWithPath: folder.url.path + "/commondir-bytes"))
      #expect(
        renameBytes(
          Array((folder.url.path + "/commondir-bytes").utf8),
          odd + Array("/worktrees/wt/commondir".utf8)))
      Self.fifo(odd + Array("/packed-refs".utf8))
    }

    let message = Self.refusal(opened)
    #expect(message?.contains("odd\\xFF") == true, "\(message ?? "")")
    #expect(message?.contains("is a FIFO") == true)
  }

  @Test(
    "alternates are followed as libgit2 follows them: relative from objects/ only with a dot, blanks kept, nested",
    arguments: ["dot-relative", "trailing blank", "nested"])
  func alternates(form: String) throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let objects = script.directory.path + "/.git/objects"
    let manager = FileManager.default
    let target: String
    let line: String
    switch form {
    case "dot-relative":
      target = objects + "/../../../alt"
      line = "../../../alt"
    case "trailing blank":
      target = folder.url.path + "/alt "
      line = target
    default:
      target = folder.url.path + "/second"
      line = folder.url.path + "/first"
      try manager.createDirectory(atPath: line + "/info", withIntermediateDirectories: true)
      try (target + "\n").write(
        toFile: line + "/info/alternates", atomically: true, encoding: .utf8)
    }
    try manager.createDirectory(atPath: target + "/pack", withIntermediateDirectories: true)
    Self.fifo(Array((target + "/pack/pack-1.pack").utf8))
    try (line + "\n").write(toFile: objects + "/info/alternates", atomically: true, encoding: .utf8)

    #expect(Self.refusal(script.directory.path)?.contains("/pack/pack-1.pack is a FIFO") == true)
  }

  @Test(
    "files libgit2 reads beyond refs and objects are checked: the commit-graph, a worktree's gitdir",
    arguments: ["commit-graph", "worktree gitdir"])
  func moreFiles(file: String) throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let git = script.directory.path + "/.git"
    var opened = script.directory.path
    let fifo: String
    if file == "commit-graph" {
      fifo = git + "/objects/info/commit-graph"
    } else {
      _ = try script.run(["worktree", "add", "-q", folder.url.path + "/wt"])
      opened = folder.url.path + "/wt"
      fifo = git + "/worktrees/wt/gitdir"
      try FileManager.default.removeItem(atPath: fifo)
    }
    Self.fifo(Array(fifo.utf8))

    #expect(Self.refusal(opened)?.contains("\(fifo) is a FIFO") == true)
  }

  @Test(
    "a reference whose name is not UTF-8 is checked as it is named",
    arguments: ["FIFO branch", "dangling tag"])
  func rawNames(kind: String) throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let refs = script.directory.path + "/.git/refs"
    if kind == "FIFO branch" {
      Self.fifo(Array((refs + "/heads/main").utf8) + [0xFF])
    } else {
      let link = Array((refs + "/tags/v9.0.0.0").utf8) + [0xFF]
      let made = symlink("/nothing/here", Self.cString(link))
      #expect(made == 0)
    }

    let message = Self.refusal(script.directory.path)
    let name =
      kind == "FIFO branch"
      ? "heads/main\\xFF is a FIFO" : "v9.0.0.0\\xFF is a symbolic link to nothing"
    #expect(message?.contains(name) == true, "\(message ?? "")")
  }

  @Test("a fan of links under refs/ is walked once per folder, not once per path (2^24 paths)")
  func fanOfLinks() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let fan = script.directory.path + "/.git/refs/fan"
    let manager = FileManager.default
    for level in 0...24 {
      try manager.createDirectory(atPath: fan + "/d\(level)", withIntermediateDirectories: true)
    }
    for level in 0..<24 {
      for link in ["a", "b"] {
        try manager.createSymbolicLink(
          atPath: fan + "/d\(level)/\(link)", withDestinationPath: fan + "/d\(level + 1)")
      }
    }
    Self.fifo(Array((fan + "/d24/last").utf8))

    #expect(Self.refusal(script.directory.path)?.contains("last is a FIFO") == true)
  }

  @Test("a control character in a refused file's name is shown escaped, never acted on")
  func controlCharacters() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    Self.fifo(Array((script.directory.path + "/.git/refs/tags/a\nfake line\u{1B}[2J").utf8))

    let message = Self.refusal(script.directory.path) ?? ""
    #expect(message.contains("a\\u{a}fake line\\u{1b}[2J is a FIFO"), "\(message)")
    #expect(!message.contains("\n") && !message.contains("\u{1B}"))
  }

  /// Config text libgit2 reads otherwise than a simple reader (and, in the last two, than
  /// git): each names `DIR/fifo` (or `DIR/fi#fo`) to libgit2 (`config_parse.c`).
  @Test(
    "an include's path is found as libgit2 finds it: quoted #, byte order mark, blank after a continuation, comment inside one, a quote opening a line, a NUL",
    arguments: [
      "[include]\n\tpath = \"DIR/fi#fo\"\n",
      "BOM[include]\n\tpath = DIR/fifo\n",
      "[include]\n\tpath = DIR/fi\\ \nfo\n",
      "[include]\n\tpath = DIR/fi\\\n# a note\n\nfo\n",
      "[include]\n\tpath = \\\n\"DIR/fifo\";\n",
      "[include]\n\tpath = DIR/none\u{0}\\\n\tpath = DIR/fifo\n",
    ])
  func libgit2Includes(form: String) throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let config = script.directory.path + "/.git/config"
    let original = try Data(contentsOf: URL(fileURLWithPath: config))
    let text = form.replacingOccurrences(of: "DIR", with: folder.url.path)
    var whole = Data()
    if text.hasPrefix("BOM") {
      whole = Data([0xEF, 0xBB, 0xBF]) + Data(text.dropFirst(3).utf8) + original
    } else {
      whole = original + Data(text.utf8)
    }
    try whole.write(to: URL(fileURLWithPath: config))
    let fifo = folder.url.path + (form.contains("fi#fo") ? "/fi#fo" : "/fifo")
    Self.fifo(Array(fifo.utf8))

    #expect(Self.refusal(script.directory.path)?.contains("\(fifo) is a FIFO") == true)
  }

  @Test(
    "what leads back to itself is read once: a config that includes itself, alternates that list themselves",
    arguments: ["includes", "alternates"])
  func selfReference(kind: String) throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let git = script.directory.path + "/.git"
    if kind == "includes" {
      let config = try String(contentsOfFile: git + "/config", encoding: .utf8)
      try (config + "[include]\n" + String(repeating: "\tpath = config\n", count: 4)).write(
        toFile: git + "/config", atomically: true, encoding: .utf8)
    } else {
      let alternate = folder.url.path + "/alt"
      try FileManager.default.createDirectory(
        atPath: alternate + "/info", withIntermediateDirectories: true)
      try FileManager.default.createDirectory(
        atPath: alternate + "/pack", withIntermediateDirectories: true)
      let lines = String(repeating: alternate + "\n", count: 20)
      try lines.write(toFile: alternate + "/info/alternates", atomically: true, encoding: .utf8)
      try lines.write(toFile: git + "/objects/info/alternates", atomically: true, encoding: .utf8)
    }
    // Ten levels of four includes, or 20 alternates to a depth of 6, were read path by path.
    if kind == "alternates" {
      let tags = try Repository(path: script.directory.path, searchParents: false).tags()
      #expect(tags.tags.count == 2)
    } else {
      // libgit2 itself refuses the loop ("maximum config include depth"), at once.
      let error = #expect(throws: GitError.self) {
        _ = try Repository(path: script.directory.path, searchParents: false).tags()
      }
      #expect(error?.code != .notARegularFile)
    }
  }

  @Test("alternates are checked as deep as libgit2 reads them: the sixth folder's objects")
  func alternatesDepth() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    var previous = script.directory.path + "/.git/objects"
    for level in 1...6 {
      let objects = folder.url.path + "/a\(level)"
      try FileManager.default.createDirectory(
        atPath: objects + "/info", withIntermediateDirectories: true)
      try FileManager.default.createDirectory(
        atPath: objects + "/pack", withIntermediateDirectories: true)
      try (objects + "\n").write(
        toFile: previous + "/info/alternates", atomically: true, encoding: .utf8)
      previous = objects
    }
    Self.fifo(Array((previous + "/pack/pack-1.idx").utf8))

    #expect(Self.refusal(script.directory.path)?.contains("a6/pack/pack-1.idx is a FIFO") == true)
  }

  @Test("a file directly in the git folder that a symbolic reference may name is checked")
  func oneLevelName() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let git = script.directory.path + "/.git"
    Self.fifo(Array((git + "/MY_HEAD").utf8))
    try "ref: MY_HEAD\n".write(
      toFile: git + "/refs/tags/1.0.2.0", atomically: true, encoding: .utf8)

    #expect(Self.refusal(script.directory.path)?.contains("/.git/MY_HEAD is a FIFO") == true)
  }

  @Test("a .git folder that is no repository is passed over for the folder itself, as libgit2 does")
  func invalidDotGit() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let bare = folder.url.path + "/bare.git"
    _ = try script.run(["clone", "-q", "--bare", script.directory.path, bare])
    try FileManager.default.createDirectory(
      atPath: bare + "/.git", withIntermediateDirectories: true)
    try? FileManager.default.removeItem(atPath: bare + "/packed-refs")
    Self.fifo(Array((bare + "/packed-refs").utf8))

    #expect(Self.refusal(bare)?.contains("bare.git/packed-refs is a FIFO") == true)
  }

  @Test(
    "a .git file or commondir is trimmed as libgit2 trims it (a form feed or vertical tab too)",
    arguments: ["\u{0C}", "\u{0B}"])
  func trimmedLikeLibgit2(blank: String) throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    let real = folder.url.path + "/real.git"
    try FileManager.default.moveItem(atPath: script.directory.path + "/.git", toPath: real)
    try "gitdir: \(real)\(blank)\n".write(
      toFile: script.directory.path + "/.git", atomically: true, encoding: .utf8)
    Self.fifo(Array((real + "/packed-refs").utf8))

    #expect(Self.refusal(script.directory.path)?.contains("real.git/packed-refs is a FIFO") == true)
  }

  @Test(
    "a broken loose tag is refused wherever it is: over a packed tag of its name, or in a folder refs/heads links to as well",
    arguments: ["over packed", "linked twice", "names one String"])
  func brokenLooseTagHidden(place: String) throws {
    let folder = TemporaryDirectory()
    let (script, first) = try DamagedRepositoryTests.tagged(in: folder)
    let refs = script.directory.path + "/.git/refs"
    let broken: String
    if place == "names one String" {
      // `1.0.2.0-\xFF` (healthy) and `1.0.2.0-\xFE` (broken) are both "1.0.2.0-\u{FFFD}"
      // as Swift strings: names are compared as bytes.
      broken = "v1.0.2.0-\\xFE"
      let base = Array((refs + "/tags/v1.0.2.0-").utf8)
      try Data((first + "\n").utf8).write(
        to: URL(fileURLWithPath: String(decoding: base, as: UTF8.self) + "healthy"))
      #expect(
        renameBytes(
          Array((refs + "/tags/v1.0.2.0-healthy").utf8), base + [0xFF]))
      try Data("garbage\n".utf8).write(
        to: URL(fileURLWithPath: String(decoding: base, as: UTF8.self) + "broken"))
      #expect(renameBytes(Array((refs + "/tags/v1.0.2.0-broken").utf8), base + [0xFE]))
    } else if place == "over packed" {
      _ = try script.run(["pack-refs", "--all"])
      broken = "v1.0.0.0"
      try "garbage\n".write(toFile: refs + "/tags/v1.0.0.0", atomically: true, encoding: .utf8)
    } else {
      broken = "shared/v1.0.2.0"
      let shared = folder.url.path + "/shared"
      try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
      try "garbage\n".write(toFile: shared + "/v1.0.2.0", atomically: true, encoding: .utf8)
      try FileManager.default.createSymbolicLink(
        atPath: refs + "/heads/shared", withDestinationPath: shared)
      try FileManager.default.createSymbolicLink(
        atPath: refs + "/tags/shared", withDestinationPath: shared)
    }

    let message = Self.refusal(script.directory.path, code: .corrupt)
    #expect(
      message?.contains("the loose tag refs/tags/\(broken) is not a reference") == true,
      "\(message ?? "")")
  }

  @Test(
    "a .gitattributes FIFO in the work tree is refused before a diff reads it",
    arguments: [".gitattributes", "sub/.gitattributes"])
  func diffAttributes(place: String) throws {
    let folder = TemporaryDirectory()
    let (script, first) = try DamagedRepositoryTests.tagged(in: folder)
    try FileManager.default.createDirectory(
      atPath: script.directory.path + "/sub", withIntermediateDirectories: true)
    let repository = try Repository(path: script.directory.path, searchParents: false)
    let commit = try #require(ObjectID(hex: first))
    Self.fifo(Array((script.directory.path + "/" + place).utf8))

    let error = #expect(throws: GitError.self) {
      _ = try repository.patchID(of: commit)
    }
    #expect(error?.code == .notARegularFile)
    #expect(error?.message.contains("\(place) is a FIFO") == true, "\(String(describing: error))")
  }

  @Test("/dev/null, a common way to turn a file off, is read as empty, not refused")
  func devNull() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try DamagedRepositoryTests.tagged(in: folder)
    for (key, value) in [
      ("core.excludesFile", "/dev/null"), ("include.path", "/dev/null"),
      ("includeIf.onbranch:nothere.path", "/dev/null"),
    ] {
      _ = try script.run(["config", key, value])
    }
    let tags = try Repository(path: script.directory.path, searchParents: false).tags()
    #expect(tags.tags.map(\.name).sorted() == ["v1.0.0.0", "v1.0.1.0"])
  }

  @Test(
    "a loose tag libgit2 skips as broken is refused, not a tag that vanished",
    arguments: ["garbage", "short id", "proc file"])
  func brokenLooseTag(content: String) throws {
    let folder = TemporaryDirectory()
    let (script, first) = try DamagedRepositoryTests.tagged(in: folder)
    let file = script.directory.path + "/.git/refs/tags/v1.0.2.0"
    switch content {
    case "garbage": try "garbage\n".write(toFile: file, atomically: true, encoding: .utf8)
    case "short id":
      try (String(first.prefix(39)) + "\n").write(toFile: file, atomically: true, encoding: .utf8)
    default:
      try FileManager.default.createSymbolicLink(
        atPath: file, withDestinationPath: "/proc/self/status")
    }
    // git itself skips it ("ignoring broken ref"): a tag that vanished.
    let listed = try script.run(["for-each-ref", "refs/tags"])
    #expect(!listed.contains("v1.0.2.0"))

    let message = Self.refusal(script.directory.path, code: .corrupt)
    #expect(
      message?.contains("the loose tag refs/tags/v1.0.2.0 is not a reference libgit2 can read")
        == true)
  }

  /// `mkdir` of a path given as bytes.
  func mkdir(_ bytes: [UInt8]) {
    let made = Foundation.mkdir(Self.cString(bytes), 0o755)
    #expect(made == 0)
  }

  /// `rename` between paths given as bytes.
  func renameBytes(_ from: [UInt8], _ to: [UInt8]) -> Bool {
    rename(Self.cString(from), Self.cString(to)) == 0
  }

  /// A path given as bytes, as C takes it (NUL-terminated).
  static func cString(_ bytes: [UInt8]) -> [CChar] {
    bytes.map { CChar(bitPattern: $0) } + [0]
  }
}
