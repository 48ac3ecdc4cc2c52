import BaselineTestSupport
import Foundation
import Git
import Testing

/// A damaged or hostile repository is an error that names the object or file, never a
/// repository with fewer tags, and never a hang (issue 9, items 3, 4 and 6).
@Suite("Damaged and hostile repositories")
struct DamagedRepositoryTests {
  /// A repository with `v1.0.0.0` (lightweight) and `v1.0.1.0` (annotated) on two commits.
  static func tagged(in folder: TemporaryDirectory) throws -> (GitScript, first: String) {
    var script = try GitScript(at: folder.url.appendingPathComponent("repo"))
    let first = try script.commit("one")
    try script.tag("v1.0.0.0")
    try script.commit("two")
    try script.tag("v1.0.1.0", message: "release")
    return (script, first)
  }

  /// The loose object file of `id`.
  static func looseFile(_ id: String, in script: GitScript) -> String {
    script.directory.path + "/.git/objects/\(id.prefix(2))/\(id.dropFirst(2))"
  }

  /// Flips one byte in the middle of a file (made writable first).
  static func damage(_ path: String) throws {
    chmod(path, 0o644)
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    bytes[bytes.count / 2] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: path))
  }

  @Test("a tagged commit whose loose object is damaged is a corrupt object, not a lost tag")
  func corruptLooseCommit() throws {
    let folder = TemporaryDirectory()
    let (script, first) = try Self.tagged(in: folder)
    try Self.damage(Self.looseFile(first, in: script))

    let repository = try Repository(path: script.directory.path)
    let error = #expect(throws: GitError.self) { try repository.tags() }
    #expect(error?.code == .corrupt)
    #expect(error?.message.contains("object \(first) (tag v1.0.0.0) is corrupt (libgit2:") == true)
  }

  @Test(
    "a loose file holding another object's bytes is corrupt, whether tag object or commit",
    arguments: ["tag object", "commit"])
  func swappedObject(which: String) throws {
    let folder = TemporaryDirectory()
    let (script, first) = try Self.tagged(in: folder)
    let tagObject = try script.run(["rev-parse", "v1.0.1.0"])
    let second = try script.run(["rev-parse", "v1.0.1.0^{commit}"])
    // A valid object, of the right type or not, under the wrong name: only a hash check sees it.
    let victim = which == "tag object" ? tagObject : second
    let victimFile = Self.looseFile(victim, in: script)
    chmod(victimFile, 0o644)
    try FileManager.default.removeItem(atPath: victimFile)
    try FileManager.default.copyItem(
      atPath: Self.looseFile(first, in: script), toPath: victimFile)

    let repository = try Repository(path: script.directory.path)
    let error = #expect(throws: GitError.self) { try repository.tags() }
    #expect(error?.code == .corrupt)
    #expect(
      error?.message.contains(
        "object \(victim) (tag v1.0.1.0) is corrupt (libgit2: its content hashes to \(first)")
        == true)
  }

  @Test("a tagged commit whose tree is missing is a missing object")
  func missingTree() throws {
    let folder = TemporaryDirectory()
    let (script, first) = try Self.tagged(in: folder)
    let tree = try script.run(["rev-parse", "\(first)^{tree}"])
    try FileManager.default.removeItem(atPath: Self.looseFile(tree, in: script))

    let repository = try Repository(path: script.directory.path)
    let error = #expect(throws: GitError.self) { try repository.tags() }
    #expect(error?.code == .missingObject)
    #expect(error?.message.contains("object \(tree), the tree of commit") == true)
  }

  @Test("a damaged pack is a corrupt object too")
  func corruptPackedCommit() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try Self.tagged(in: folder)
    try script.run(["gc", "-q"])
    let pack = try #require(
      try FileManager.default.contentsOfDirectory(
        atPath: script.directory.path + "/.git/objects/pack"
      ).first { $0.hasSuffix(".pack") })
    // Damage the second half of the pack, where the objects' compressed bytes are.
    let path = script.directory.path + "/.git/objects/pack/" + pack
    chmod(path, 0o644)
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    for offset in stride(from: bytes.count / 3, to: bytes.count - 20, by: 7) {
      bytes[offset] ^= 0x5A
    }
    try bytes.write(to: URL(fileURLWithPath: path))

    let repository = try Repository(path: script.directory.path)
    let error = #expect(throws: GitError.self) { try repository.tags() }
    #expect(error?.code == .corrupt || error?.code == .missingObject)
    #expect(error?.message.contains("(libgit2:") == true)
  }

  @Test("a tag that names an object the repository lacks is a missing object")
  func missingObject() throws {
    let folder = TemporaryDirectory()
    let (script, first) = try Self.tagged(in: folder)
    try FileManager.default.removeItem(atPath: Self.looseFile(first, in: script))

    let repository = try Repository(path: script.directory.path)
    let error = #expect(throws: GitError.self) { try repository.tags() }
    #expect(error?.code == .missingObject)
    #expect(error?.message.contains("object \(first) (tag v1.0.0.0) is missing") == true)
  }

  @Test(
    "a FIFO, device or socket where git expects a file is refused before libgit2 opens it",
    arguments: [
      "packed-refs", "loose object", "include", "reference", ".git file", "index", "info/exclude",
      "core.excludesFile",
    ])
  func blockingFiles(place: String) throws {
    let folder = TemporaryDirectory()
    let (script, first) = try Self.tagged(in: folder)
    let git = script.directory.path + "/.git"
    let fifo: String
    switch place {
    case "packed-refs":
      fifo = git + "/packed-refs"
    case "loose object":
      fifo = Self.looseFile(first, in: script)
      try FileManager.default.removeItem(atPath: fifo)
    case "include":
      fifo = folder.url.path + "/included.config"
      let config = try String(contentsOfFile: git + "/config", encoding: .utf8)
      try (config + "[include]\n\tpath = \(fifo)\n").write(
        toFile: git + "/config", atomically: false, encoding: .utf8)
    case "reference":
      fifo = git + "/refs/tags/v9.0.0.0"
    case "index", "info/exclude":
      fifo = git + "/" + place
      try? FileManager.default.removeItem(atPath: fifo)
    case "core.excludesFile":
      fifo = folder.url.path + "/excludes"
      let config = try String(contentsOfFile: git + "/config", encoding: .utf8)
      try (config + "[core]\n\texcludesFile = \(fifo)\n").write(
        toFile: git + "/config", atomically: false, encoding: .utf8)
    default:
      // A work tree whose `.git` is a FIFO: libgit2 would read it as a `gitdir:` file.
      fifo = folder.url.path + "/worktree/.git"
      try FileManager.default.createDirectory(
        atPath: folder.url.path + "/worktree", withIntermediateDirectories: true)
    }
    #expect(mkfifo(fifo, 0o644) == 0)
    let path = place == ".git file" ? folder.url.path + "/worktree" : script.directory.path

    let error = #expect(throws: GitError.self) {
      _ = try Repository(path: path, searchParents: false).tags()
    }
    #expect(error?.code == .notARegularFile)
    #expect(error?.message.contains("\(fifo) is a FIFO, where git expects a file") == true)
  }

  /// The object folders are read relative to each other (`openat`, `fstatat`): every kind
  /// of entry there is still judged as by its path, links followed.
  @Test(
    "what stands in the object folders in place of a file is refused, through links too",
    arguments: ["link loop", "folder", "linked fan-out folder", "pack FIFO"])
  func objectFolders(place: String) throws {
    let folder = TemporaryDirectory()
    let (script, first) = try Self.tagged(in: folder)
    let manager = FileManager.default
    let loose = Self.looseFile(first, in: script)
    let shown: String
    let what: String
    switch place {
    case "link loop":
      try manager.removeItem(atPath: loose)
      try manager.createSymbolicLink(atPath: loose, withDestinationPath: loose)
      (shown, what) = (loose, "a symbolic link loop")
    case "folder":
      try manager.removeItem(atPath: loose)
      try manager.createDirectory(atPath: loose, withIntermediateDirectories: false)
      (shown, what) = (loose, "a folder")
    case "linked fan-out folder":
      // `objects/ab` a link to a folder elsewhere that holds a FIFO as the object.
      let fanOut = URL(fileURLWithPath: loose).deletingLastPathComponent().path
      let elsewhere = folder.url.path + "/elsewhere"
      try manager.moveItem(atPath: fanOut, toPath: elsewhere)
      try manager.createSymbolicLink(atPath: fanOut, withDestinationPath: elsewhere)
      let moved = elsewhere + "/" + URL(fileURLWithPath: loose).lastPathComponent
      try manager.removeItem(atPath: moved)
      #expect(mkfifo(moved, 0o644) == 0)
      (shown, what) = (loose, "a FIFO")
    default:
      let pack = script.directory.path + "/.git/objects/pack"
      try manager.createDirectory(atPath: pack, withIntermediateDirectories: true)
      #expect(mkfifo(pack + "/pack-0.idx", 0o644) == 0)
      (shown, what) = (pack + "/pack-0.idx", "a FIFO")
    }

    let error = #expect(throws: GitError.self) {
      _ = try Repository(path: script.directory.path, searchParents: false).tags()
    }
    #expect(error?.code == .notARegularFile)
    #expect(error?.message.hasPrefix("\(shown) is \(what), where git expects a file") == true)
  }

  @Test(
    "a tag reference that is a link loop or a link to nothing, or a looping packed-refs, is refused",
    arguments: ["loop", "dangling", "packed-refs loop"])
  func brokenLinks(kind: String) throws {
    let folder = TemporaryDirectory()
    let (script, _) = try Self.tagged(in: folder)
    let git = script.directory.path + "/.git"
    let manager = FileManager.default
    let link: String
    switch kind {
    case "loop":
      link = git + "/refs/tags/v1.0.0.0"
      try manager.removeItem(atPath: link)
      try manager.createSymbolicLink(atPath: link, withDestinationPath: link + ".other")
      try manager.createSymbolicLink(atPath: link + ".other", withDestinationPath: link)
    case "dangling":
      link = git + "/refs/tags/v1.0.0.0"
      try manager.removeItem(atPath: link)
      try manager.createSymbolicLink(atPath: link, withDestinationPath: git + "/nothing")
    default:
      try script.run(["pack-refs", "--all"])
      link = git + "/packed-refs"
      try manager.removeItem(atPath: link)
      try manager.createSymbolicLink(atPath: link, withDestinationPath: link)
    }

    let error = #expect(throws: GitError.self) {
      _ = try Repository(path: script.directory.path).tags()
    }
    #expect(error?.code == .notARegularFile)
    let what = kind == "dangling" ? "a symbolic link to nothing" : "a symbolic link loop"
    // Either link of a loop may be met first.
    #expect(error?.message.hasPrefix(link) == true)
    let expected = kind == "dangling" ? "a reference file" : "a file"
    #expect(error?.message.contains(" is \(what), where git expects \(expected)") == true)
    if kind == "dangling" {
      #expect(error?.message.contains("git would skip the reference") == true)
    }
  }

  @Test("a .gitignore that is a FIFO under a folder the status reads is refused, not waited on")
  func blockingIgnoreFile() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try Self.tagged(in: folder)
    let inside = script.directory.appendingPathComponent("Baselines/deeper")
    try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
    let fifo = inside.path + "/.gitignore"
    #expect(mkfifo(fifo, 0o644) == 0)

    let repository = try Repository(path: script.directory.path)
    let error = #expect(throws: GitError.self) {
      try repository.changedPaths(under: ["Baselines"])
    }
    #expect(error?.code == .notARegularFile)
    #expect(error?.message.hasPrefix("\(fifo) is a FIFO, where git expects a file") == true)
  }

  @Test("discovering the estate's repository: none is nil, a damaged one is an error")
  func discover() throws {
    let folder = TemporaryDirectory()
    let plain = folder.url.appendingPathComponent("plain")
    try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
    #expect(try Repository.discover(containing: plain.path) == nil)

    let (script, _) = try Self.tagged(in: folder)
    let inside = script.directory.appendingPathComponent("Baselines")
    try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
    #expect(try Repository.discover(containing: inside.path) != nil)
    let head = script.directory.path + "/.git/HEAD"
    try FileManager.default.removeItem(atPath: head)
    #expect(throws: GitError.self) { try Repository.discover(containing: inside.path) }
    #expect(mkfifo(head, 0o644) == 0)
    let error = #expect(throws: GitError.self) {
      try Repository.discover(containing: inside.path)
    }
    #expect(error?.code == .notARegularFile)
  }

  @Test("a character device linked in as a reference is refused")
  func deviceAsReference() throws {
    let folder = TemporaryDirectory()
    let (script, _) = try Self.tagged(in: folder)
    let link = script.directory.path + "/.git/refs/tags/zero"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")

    let error = #expect(throws: GitError.self) {
      _ = try Repository(path: script.directory.path)
    }
    #expect(error?.message.contains("\(link) is a character device") == true)
  }

  @Test(
    "a text no branch could be named is not found at any length, never a repository error",
    arguments: [200, 1_012, 1_013, 1_014, 5_000, 100_000])
  func longBranchNames(length: Int) throws {
    let folder = TemporaryDirectory()
    let (script, _) = try Self.tagged(in: folder)
    let repository = try Repository(path: script.directory.path)

    for text in [String(repeating: "a", count: length), String(repeating: "x", count: length)] {
      #expect(try repository.resolveCommit(text, accepting: .idOrBranch) == .notFound)
      #expect(try repository.resolveCommit(text, accepting: .branch) == .notFound)
    }
    #expect(try repository.resolveCommit("bad..name", accepting: .idOrBranch) == .notFound)
  }
}
