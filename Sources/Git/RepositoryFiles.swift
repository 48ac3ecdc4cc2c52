import Foundation

/// Checks, before libgit2 opens a repository, that every file git reads there is a regular
/// file (or a folder where git expects one).
///
/// libgit2 1.5 opens files with a blocking `open(2)` and reads them to the end: a FIFO as
/// `packed-refs`, as a loose object or as a config `[include] path` blocks it for ever, and a
/// device (`/dev/zero` linked in as a reference) never ends. A nightly job must not hang on a
/// hostile or damaged clone, so such a file is refused first, by `lstat`/`stat` and
/// `readdir`, without opening it.
///
/// Checked: `HEAD`, `config` and the files its `include.path`/`includeIf.*.path` entries and
/// `core.excludesFile`/`core.attributesFile` name (read as git reads a config:
/// ``ConfigEntries``), `packed-refs`, `shallow`, `commondir`, a worktree's `gitdir`,
/// `info/grafts`, `objects/info/alternates`, `objects/info/commit-graph`, `index`,
/// `info/exclude`, `info/attributes`, `info/sparse-checkout`, every entry under `refs/`,
/// `objects/??/` and `objects/pack/`, and, through `commondir` and `alternates` (as libgit2
/// reads them, five deep), the common folder and the alternate object folders. Paths are
/// bytes (``RawPath``): a name that is not UTF-8 is checked as it is. Symbolic links are
/// followed (git follows them too), each folder once (a fan of links cannot multiply the
/// walk); a loop of links is refused; a link to nothing is skipped as git skips it, except
/// under `refs/`, where it would hide a tag; a folder this user cannot list, or a file git
/// names that it cannot read, is refused (what it holds cannot be checked).
enum RepositoryFiles {
  /// What was found that git cannot read safely.
  struct Problem: Error {
    /// The file, as a path shown to people (``RawPath/shown``).
    let path: String
    /// What it is: `a FIFO`, `a character device`, `a socket`, `a folder`.
    let kind: String
    /// What git expects there.
    var expected = "a file"
    /// Why that stops the read.
    var consequence = "libgit2 could block on it, or read it for ever"

    init(path: RawPath, kind: String) {
      self.path = path.shown
      self.kind = kind
    }

    init(path: RawPath, kind: String, expected: String, consequence: String) {
      self.init(path: path, kind: kind)
      self.expected = expected
      self.consequence = consequence
    }

    /// A folder or file this user may not read: what it holds cannot be checked.
    static func unreadable(_ path: RawPath, folder: Bool) -> Problem {
      Problem(
        path: path,
        kind: folder ? "a folder this user cannot list" : "a file this user cannot read",
        expected: folder ? "a folder it can read" : "a file it can read",
        consequence: "what it holds cannot be checked for files that would block libgit2")
    }

    /// The error a caller throws: code ``GitError/Code/notARegularFile``, naming the file.
    /// - Parameters:
    ///   - repository: the repository path, as opened.
    ///   - what: what was refused, `the repository` or `the status`.
    /// - Returns: the error.
    func gitError(repository: String, reading what: String) -> GitError {
      GitError(
        code: .notARegularFile, function: "lstat", path: repository,
        message:
          "\(path) is \(kind), where git expects \(expected); refusing to read \(what) "
          + "(\(consequence))")
    }
  }

  /// The repository's git folder as libgit2 would find it from `path`, without opening any
  /// file but a `.git` file (which is checked to be a regular file first).
  /// - Parameters:
  ///   - path: a work tree, a `.git` folder, a bare repository, or (with `searchParents`) a
  ///     folder inside one.
  ///   - searchParents: whether to look in parent folders, as `git_repository_open_ext` does.
  ///   - anyDotGit: whether any `.git` folder is the git folder, even one libgit2 does not
  ///     take for a repository (it then passes over it): to tell "no repository" from "one
  ///     that cannot be opened".
  /// - Returns: the git folder, or `nil` when none is found (libgit2 then says so itself).
  /// - Throws: ``Problem`` when `.git` is neither a folder nor a regular file.
  static func gitDirectory(from path: String, searchParents: Bool, anyDotGit: Bool = false)
    throws(Problem) -> RawPath?
  {
    var folder = URL(fileURLWithPath: path).standardizedFileURL
    while true {
      if let found = try gitDirectory(at: RawPath(folder.path), anyDotGit: anyDotGit) {
        return found
      }
      let parent = folder.deletingLastPathComponent()
      guard searchParents, parent.path != folder.path else { return nil }
      folder = parent
    }
  }

  /// The git folder that `folder` is or holds, if any.
  private static func gitDirectory(at folder: RawPath, anyDotGit: Bool) throws(Problem)
    -> RawPath?
  {
    let dotGit = folder.appending(".git")
    let found = kind(of: dotGit)
    var taken = anyDotGit
    if found == .directory, !taken { taken = try isRepository(dotGit) }
    switch found {
    case .directory where taken:
      return dotGit
    case .directory:
      // Not a repository: libgit2's `find_repo` goes on to the folder itself.
      break
    case .regular:
      // `gitdir: <path>` (a linked worktree or a submodule): the whole file, trailing blanks
      // dropped, relative to the `.git` file's folder (libgit2's `read_gitfile`).
      let prefix = Array("gitdir:".utf8)
      guard let text = try contents(of: dotGit).map(trimmedEnd), text.starts(with: prefix)
      else { return nil }
      let target = RawPath(bytes: text.dropFirst(prefix.count).drop { isBlank($0) })
      return target.isAbsolute ? target : folder.appending(target)
    case .missing, .dangling:
      break
    case .other(let what):
      throw Problem(path: dotGit, kind: what)
    }
    return try isRepository(folder) ? folder : nil
  }

  /// Whether libgit2 takes `folder` for a git folder (`is_valid_repository_path`): a `HEAD`
  /// (here whatever it is, so that one that is not a file is refused, not passed over), and
  /// `objects/` and `refs/` folders in it or in the common folder its `commondir` names.
  private static func isRepository(_ folder: RawPath) throws(Problem) -> Bool {
    guard kind(of: folder.appending("HEAD")) != .missing else { return false }
    let common = try commonDirectory(of: folder) ?? folder
    return kind(of: common.appending("objects")) == .directory
      && kind(of: common.appending("refs")) == .directory
  }

  /// The common folder a worktree's `commondir` names, as libgit2 reads it (trailing blanks
  /// dropped, relative to `folder`); `nil` when there is none.
  private static func commonDirectory(of folder: RawPath) throws(Problem) -> RawPath? {
    guard let line = try contents(of: folder.appending("commondir")).map(trimmedEnd),
      !line.isEmpty
    else { return nil }
    let named = RawPath(bytes: line)
    return named.isAbsolute ? named : folder.appending(named)
  }

  /// Refuses the first file under `gitDirectory` that git would read and that is not a
  /// regular file (see the type's documentation for which).
  /// - Throws: ``Problem`` naming the file and what it is.
  /// - Returns: the names of the loose references under `refs/tags/`, as bytes (`v1.0.0.0`, `a/b`;
  ///   `.lock` files left out, as libgit2 leaves them), so that the tag scan can tell one that
  ///   libgit2 skipped as broken (not an object id, not `ref: NAME`).
  static func check(gitDirectory: RawPath) throws(Problem) -> [RawPath] {
    try checkGlobalFiles()
    let tags = try checkFolder(
      gitDirectory,
      named: ["HEAD", "config", "commondir", "gitdir", "shallow", "packed-refs", "index"])
    guard let common = try commonDirectory(of: gitDirectory) else { return tags }
    return tags + (try checkFolder(common, named: ["config", "shallow", "packed-refs", "index"]))
  }

  /// Checks the files libgit2 reads outside the repository when it opens one or diffs in it:
  /// the global and system configuration (`$HOME/.gitconfig`, `$XDG_CONFIG_HOME/git/config`,
  /// else `$HOME/.config/git/config`, `/etc/gitconfig`; libgit2's `git_sysdir` paths) with
  /// the files their includes name, and the global and system attributes
  /// (`…/git/attributes`, `/etc/gitattributes`).
  private static func checkGlobalFiles() throws(Problem) {
    let visited = Visited()
    for config in globalFiles.configs {
      try checkIncludes(ofConfig: config, depth: 0, visited: visited)
    }
    for attributes in globalFiles.attributes { try requireFile(attributes) }
  }

  /// `$HOME` as libgit2 reads it (the account's home folder when it is not set).
  private static let home = RawPath(
    ProcessInfo.processInfo.environment["HOME"]
      ?? FileManager.default.homeDirectoryForCurrentUser.path)

  /// The global and system files of ``checkGlobalFiles()``, from the environment read once.
  private static let globalFiles: (configs: [RawPath], attributes: [RawPath]) = {
    let xdg =
      ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"].map { RawPath($0).appending("git") }
      ?? home.appending(".config/git")
    return (
      [home.appending(".gitconfig"), xdg.appending("config"), RawPath("/etc/gitconfig")],
      [xdg.appending("attributes"), RawPath("/etc/gitattributes")]
    )
  }()

  /// Checks the files of one git folder (a repository's, or the common one of a worktree):
  /// every file directly in it (a symbolic reference may name any one-level name there,
  /// `ref: MY_HEAD`, and libgit2 then reads it; a folder or a socket, which cannot be opened,
  /// is let be unless it stands where git expects one of the `named` files), the files of
  /// `info/`, its config's includes, `refs/` and the object folders.
  /// - Returns: the loose tag files' names under `refs/tags/` (``check(gitDirectory:)``).
  private static func checkFolder(_ folder: RawPath, named names: [String]) throws(Problem)
    -> [RawPath]
  {
    let named = Set(names.map(RawPath.init))
    for name in ["info/grafts", "info/exclude", "info/attributes", "info/sparse-checkout"] {
      try requireFile(folder.appending(name))
    }
    let visited = Visited()
    try listing(folder, visited: visited) { fd, entries throws(Problem) in
      for (name, type) in entries where type != DT_REG {
        let git = named.contains(name)
        if type == DT_DIR, !git { continue }
        let kind = kind(of: name, in: fd)
        if !git, kind == .directory || kind == .other("a socket") { continue }
        try requireFile(name, in: fd, shownAs: folder.appending(name), knownType: type)
      }
    }
    try checkIncludes(ofConfig: folder.appending("config"), depth: 0, visited: Visited())
    let tagFiles = try checkTree(folder.appending("refs"), visited: visited)
    try checkObjects(folder.appending("objects"), depth: 0, visited: Visited())
    let prefix = folder.appending("refs/tags/").bytes.count
    return tagFiles.map { RawPath(bytes: $0.bytes.dropFirst(prefix)) }
      .filter { !$0.bytes.suffix(5).elementsEqual(".lock".utf8) }
  }

  /// Checks an object folder (`objects/??/*`, `objects/pack/*`, `info/commit-graph`,
  /// `info/alternates`) and the alternates it names, as libgit2's `load_alternates` reads
  /// them: one a line (`\r` or `\n` ends it, nothing trimmed), `#` a comment, a line starting
  /// with `.` relative to this folder only in the repository's own (others relative to the
  /// working directory, as libgit2 opens them), the alternates files of depths 0 to 5 read
  /// (so object folders to depth 6), a folder met again not read again (libgit2 skips it).
  private static func checkObjects(_ objects: RawPath, depth: Int, visited: Visited)
    throws(Problem)
  {
    guard visited.first(objects) else { return }
    try checkObjectFolders(objects)
    try requireFile(objects.appending("info/commit-graph"))
    let alternates = objects.appending("info/alternates")
    try requireFile(alternates)
    guard depth <= 5, let text = try contents(of: alternates) else { return }
    let lines = text.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D })
    for line in lines where line.first != UInt8(ascii: "#") {
      let alternate = RawPath(bytes: line)
      let relative = depth == 0 && line.first == UInt8(ascii: ".")
      try checkObjects(
        relative ? objects.appending(alternate) : alternate, depth: depth + 1, visited: visited)
    }
  }

  /// Refuses a `.gitignore` or `.gitattributes` that a status would read, at the top of the
  /// work tree and in every folder under `pathspecs` (at most 10,000 folders), that is not a
  /// regular file: libgit2 would block on a FIFO for ever.
  /// - Throws: ``Problem`` naming the file and what it is.
  static func checkIgnoreFiles(workTree top: String, under pathspecs: [String]) throws(Problem) {
    // libgit2 gives the work tree with a trailing slash.
    let top = RawPath(top.hasSuffix("/") && top.count > 1 ? String(top.dropLast()) : top)
    var folders = [top] + pathspecs.map { top.appending($0) }
    let visited = Visited()
    var checked = 0
    while let folder = folders.popLast(), checked < 10_000 {
      checked += 1
      for name in [".gitignore", ".gitattributes"] {
        let file = folder.appending(name)
        if case .other(let what) = kind(of: file) { throw Problem(path: file, kind: what) }
      }
      guard folder != top else { continue }
      try listing(folder, visited: visited) { fd, entries throws(Problem) in
        for (name, type) in entries where name != RawPath(".git") {
          if type == DT_DIR || (type == DT_UNKNOWN && kind(of: name, in: fd) == .directory) {
            folders.append(folder.appending(name))
          }
        }
      }
    }
  }

  /// Checks `objects/??/*` and `objects/pack/*`. Each folder is opened relative to the one
  /// above it (`openat`) and each entry that `readdir` does not show to be a regular file is
  /// looked at relative to its folder (`fstatat`): a nightly report checks thousands of
  /// repositories of loose objects, and walking every path from the root again was most of
  /// the check's time.
  private static func checkObjectFolders(_ objects: RawPath) throws(Problem) {
    let visited = Visited()
    try listing(objects, visited: visited) { top, names throws(Problem) in
      for (name, type) in names where name.bytes.count == 2 || name == RawPath("pack") {
        guard type == DT_DIR || kind(of: name, in: top) == .directory else { continue }
        let folder = objects.appending(name)
        try listing(folder, at: top, name: name, visited: visited) {
          fd, entries throws(Problem) in
          for (entry, entryType) in entries where entryType != DT_REG {
            try requireFile(entry, in: fd, shownAs: folder.appending(entry))
          }
        }
      }
    }
  }

  /// The folders a walk has listed, by device and inode: a folder reached again through a
  /// link is not walked again.
  final class Visited {
    private var seen = Set<[UInt64]>()

    /// Whether the folder of `info` (from `fstat`) is seen for the first time; records it.
    func first(_ info: stat) -> Bool {
      seen.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted
    }

    /// Whether the file at `path` (links followed) is seen for the first time; records it.
    /// A path that cannot be looked at is "first" (what reads it then says what is wrong).
    func first(_ path: RawPath) -> Bool {
      var info = stat()
      guard path.withCString({ stat($0, &info) }) == 0 else { return true }
      return first(info)
    }
  }

  /// Opens the folder `name` of the folder open as `parent` (`openat`; `AT_FDCWD` and a path:
  /// `open`), lists it and runs `body` with its descriptor (for `openat` and `fstatat`
  /// relative to it) and its entries, then closes it. Nothing when it is missing or not a
  /// folder (`O_DIRECTORY` fails on a FIFO before opening it), or was listed already.
  /// - Throws: ``Problem`` when this user may not list it.
  private static func listing(
    _ path: RawPath, at parent: Int32 = AT_FDCWD, name: RawPath? = nil,
    visited: Visited, _ body: (Int32, [(RawPath, UInt8)]) throws(Problem) -> Void
  ) throws(Problem) {
    let fd = (name ?? path).withCString {
      openat(parent, $0, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC)
    }
    guard fd >= 0 else {
      if errno == EACCES { throw Problem.unreadable(path, folder: true) }
      if errno == ELOOP { throw Problem(path: path, kind: "a symbolic link loop") }
      return
    }
    var info = stat()
    guard fstat(fd, &info) == 0,
      visited.first(info),
      let directory = fdopendir(fd)
    else {
      close(fd)
      return
    }
    defer { closedir(directory) }
    try body(fd, entries(of: directory))
  }

  /// Checks every entry under `refs/` (folders are walked once each, at most 64 deep).
  /// - Returns: the files under `refs/tags/` (`tags`: the walk is in it), as paths.
  private static func checkTree(
    _ path: RawPath, at parent: Int32 = AT_FDCWD, name: RawPath? = nil, depth: Int = 0,
    tags: Bool = false, visited: Visited
  ) throws(Problem) -> [RawPath] {
    guard depth < 64 else { return [] }
    var tagFiles: [RawPath] = []
    try listing(path, at: parent, name: name, visited: visited) { fd, entries throws(Problem) in
      for (entry, type) in entries {
        let child = path.appending(entry)
        let kind = type == DT_REG || type == DT_DIR ? nil : kind(of: entry, in: fd)
        if type == DT_DIR || kind == .directory {
          // `refs/tags/` is walked with a set of its own: a folder linked from both
          // `refs/heads/` and `refs/tags/` still has its loose tags gathered.
          let intoTags = depth == 0 && entry == RawPath("tags")
          tagFiles += try checkTree(
            child, at: fd, name: entry, depth: depth + 1, tags: tags || intoTags,
            visited: intoTags ? Visited() : visited)
        } else if kind == .dangling {
          throw Problem(
            path: child, kind: "a symbolic link to nothing", expected: "a reference file",
            consequence: "git would skip the reference, and a tag would vanish unseen")
        } else {
          try requireFile(entry, in: fd, shownAs: child, knownType: type)
          if tags { tagFiles.append(child) }
        }
      }
    }
    return tagFiles
  }

  /// Checks the files a config's `include.path` and `includeIf.*.path` entries name (`~/` is
  /// `$HOME`, as libgit2 expands it; a relative path is relative to the config's folder), and
  /// theirs in turn, at most 10 deep as libgit2 allows, each file once, and
  /// `core.excludesFile` and `core.attributesFile` (the files a status reads). Every
  /// `includeIf` is checked whatever its condition.
  private static func checkIncludes(ofConfig config: RawPath, depth: Int, visited: Visited)
    throws(Problem)
  {
    guard depth <= 10, visited.first(config), let text = try contents(of: config) else { return }
    for entry in ConfigEntries(text).entries where !entry.value.isEmpty {
      let include =
        (entry.section == "include" || entry.section.hasPrefix("includeif ")) && entry.key == "path"
      let core =
        entry.section == "core" && ["excludesfile", "attributesfile"].contains(entry.key)
      guard include || core else { continue }
      let value = RawPath(bytes: entry.value)
      let included: RawPath
      if entry.value.starts(with: Array("~/".utf8)) {
        included = home.appending(RawPath(bytes: entry.value.dropFirst(2)))
      } else {
        included = value.isAbsolute ? value : config.folder.appending(value)
      }
      try requireFile(included)
      if include { try checkIncludes(ofConfig: included, depth: depth + 1, visited: visited) }
    }
  }

  /// Throws when `path` exists and is neither a regular file nor a link to one.
  private static func requireFile(_ path: RawPath) throws(Problem) {
    try requireFile(path, in: AT_FDCWD, shownAs: path)
  }

  /// Throws when the entry `name` of the folder open as `folder` (`fstatat`, following
  /// links; `AT_FDCWD` and a path: `stat`) exists and is neither a regular file nor a link to
  /// one; `knownType` is its `d_type` from `readdir`, which saves the `fstatat` for a
  /// regular file (`DT_REG`). A missing file and a link to nothing are fine here (git skips
  /// them), so one `stat` is enough (a nightly report opens thousands of repositories).
  /// - Throws: ``Problem`` naming what the file is, shown as `path`.
  private static func requireFile(
    _ name: RawPath, in folder: Int32, shownAs path: RawPath, knownType: UInt8 = UInt8(DT_UNKNOWN)
  ) throws(Problem) {
    if knownType == DT_REG { return }
    var info = stat()
    guard name.withCString({ fstatat(folder, $0, &info, 0) }) == 0 else {
      if errno == ELOOP { throw Problem(path: path, kind: "a symbolic link loop") }
      if errno == EACCES { throw Problem.unreadable(path, folder: false) }
      return
    }
    // `/dev/null` (a common way to turn a file off) reads as empty: it cannot block.
    if info.st_mode & S_IFMT == S_IFCHR, info.st_rdev == nullDevice { return }
    switch kind(ofMode: info.st_mode) {
    case .other(let what): throw Problem(path: path, kind: what)
    case .directory: throw Problem(path: path, kind: "a folder")
    default: return
    }
  }

  /// The device number of `/dev/null`.
  private static let nullDevice: dev_t? = {
    var info = stat()
    return stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR ? info.st_rdev : nil
  }()

  /// What a path is, following links.
  enum Kind: Equatable {
    case missing, dangling, regular, directory
    case other(String)
  }

  /// What `path` is, following symbolic links (`stat`, and `lstat` to tell a link to nothing).
  static func kind(of path: RawPath) -> Kind { kind(of: path, in: AT_FDCWD) }

  /// What the entry `name` of the folder open as `folder` is, following links (`fstatat`,
  /// and without following them to tell a link to nothing; `AT_FDCWD` and a path: `stat`
  /// and `lstat`).
  private static func kind(of name: RawPath, in folder: Int32) -> Kind {
    name.withCString { name in
      var info = stat()
      guard fstatat(folder, name, &info, 0) == 0 else {
        if errno == ELOOP { return .other("a symbolic link loop") }
        return fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? .dangling : .missing
      }
      return kind(ofMode: info.st_mode)
    }
  }

  /// What a file of `mode` (`st_mode`, after following links) is.
  private static func kind(ofMode mode: mode_t) -> Kind {
    switch mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .directory
    case S_IFIFO: return .other("a FIFO")
    case S_IFCHR: return .other("a character device")
    case S_IFBLK: return .other("a block device")
    case S_IFSOCK: return .other("a socket")
    default: return .other("not a regular file")
    }
  }

  /// The entries of an open folder (`readdir`) with their `d_type`, names as their bytes,
  /// `.` and `..` left out.
  private static func entries(of directory: OpaquePointer) -> [(RawPath, UInt8)] {
    var result: [(RawPath, UInt8)] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        RawPath(bytes: raw.prefix { $0 != 0 })
      }
      if name.bytes != [0x2E] && name.bytes != [0x2E, 0x2E] {
        result.append((name, entry.pointee.d_type))
      }
    }
    return result
  }

  /// The bytes of a file git reads as text (a config, `alternates`, `commondir`, a `.git`
  /// file), whole, as libgit2 reads it: opened without blocking and read only when it is a
  /// regular file, into a buffer of its size; `nil` when it is missing.
  /// - Throws: ``Problem`` when it is not a regular file, is over 64 MiB (what comes after
  ///   the part read could name a file that blocks), or this user may not read it.
  private static func contents(of path: RawPath) throws(Problem) -> [UInt8]? {
    try requireFile(path)
    let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    guard fd >= 0 else {
      if errno == EACCES { throw Problem.unreadable(path, folder: false) }
      return nil
    }
    defer { close(fd) }
    var info = stat()
    // Checked again on what was opened: the file may have been swapped for a FIFO.
    guard fstat(fd, &info) == 0 else { return nil }
    if info.st_mode & S_IFMT == S_IFCHR, info.st_rdev == nullDevice { return [] }
    guard kind(ofMode: info.st_mode) == .regular else {
      throw Problem(path: path, kind: "not a regular file")
    }
    let limit = 64 << 20
    guard info.st_size <= limit else {
      throw Problem(
        path: path, kind: "a file of more than 64 MiB", expected: "a small text file",
        consequence: "what it names past the part read could not be checked")
    }
    // One byte more than its size: a file that grew while read is read to the limit.
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
    var count = 0
    while count < bytes.count {
      let got = bytes.withUnsafeMutableBytes { buffer in
        buffer.baseAddress.map { read(fd, $0 + count, buffer.count - count) } ?? -1
      }
      if got < 0, errno == EINTR { continue }
      guard got > 0 else { break }
      count += got
      if count == bytes.count, count <= limit { bytes += [UInt8](repeating: 0, count: count) }
    }
    return Array(bytes.prefix(min(count, limit)))
  }

  /// Whether the loose reference file at `path` reads as libgit2's `loose_parse_oid` takes
  /// one: 40 hexadecimal digits then the end or a blank, or `ref: NAME`. One that is missing
  /// or cannot be read safely is left to libgit2, which then fails on it rather than
  /// skipping it.
  static func readsAsReference(_ path: RawPath) -> Bool {
    guard let bytes = (try? contents(of: path)) ?? nil else { return true }
    if bytes.starts(with: Array("ref: ".utf8)) { return true }
    guard bytes.count >= 40 else { return false }
    let hex = bytes.prefix(40).allSatisfy { byte in
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
    return hex && (bytes.count == 40 || isBlank(bytes[40]))
  }

  /// `bytes` without the blanks (``isBlank(_:)``) at their end.
  private static func trimmedEnd(_ bytes: [UInt8]) -> [UInt8] {
    Array(bytes.reversed().drop(while: isBlank).reversed())
  }

  /// `git__isspace`: a space, a tab, a line feed, a vertical tab, a form feed or a carriage
  /// return (what libgit2's `git_str_rtrim` drops).
  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte)
  }
}
