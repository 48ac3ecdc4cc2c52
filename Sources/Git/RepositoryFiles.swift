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
/// Checked: `HEAD`, `config` and the files its `[include]`/`[includeIf]` `path =` lines and
/// `core.excludesFile`/`core.attributesFile` name,
/// `packed-refs`, `shallow`, `commondir`, `info/grafts`, `objects/info/alternates`, `index`,
/// `info/exclude`, `info/attributes`, `info/sparse-checkout`, every
/// entry under `refs/`, `objects/??/` and `objects/pack/`, and, through `commondir` and
/// `alternates`, the common folder and the alternate object folders. Symbolic links are
/// followed (git follows them too); a loop of links is refused; a link to nothing is skipped
/// as git skips it, except under `refs/`, where it would hide a tag.
enum RepositoryFiles {
  /// What was found that git cannot read safely.
  struct Problem: Error {
    /// The file, as a path.
    let path: String
    /// What it is: `a FIFO`, `a character device`, `a socket`, `a folder`.
    let kind: String

    /// The error a caller throws: code ``GitError/Code/notARegularFile``, naming the file.
    /// - Parameters:
    ///   - repository: the repository path, as opened.
    ///   - what: what was refused, `the repository` or `the status`.
    /// - Returns: the error.
    func gitError(repository: String, reading what: String) -> GitError {
      GitError(
        code: .notARegularFile, function: "lstat", path: repository,
        message:
          "\(path) is \(kind), where git expects a file; refusing to read \(what) "
          + "(libgit2 could block on it, read it for ever or skip what it holds)")
    }
  }

  /// The repository's git folder as libgit2 would find it from `path`, without opening any
  /// file but a `.git` file (which is checked to be a regular file first).
  /// - Parameters:
  ///   - path: a work tree, a `.git` folder, a bare repository, or (with `searchParents`) a
  ///     folder inside one.
  ///   - searchParents: whether to look in parent folders, as `git_repository_open_ext` does.
  /// - Returns: the git folder, or `nil` when none is found (libgit2 then says so itself).
  /// - Throws: ``Problem`` when `.git` is neither a folder nor a regular file.
  static func gitDirectory(from path: String, searchParents: Bool) throws(Problem) -> String? {
    var folder = URL(fileURLWithPath: path).standardizedFileURL
    while true {
      if let found = try gitDirectory(at: folder) { return found }
      let parent = folder.deletingLastPathComponent()
      guard searchParents, parent.path != folder.path else { return nil }
      folder = parent
    }
  }

  /// The git folder that `folder` is or holds, if any.
  private static func gitDirectory(at folder: URL) throws(Problem) -> String? {
    let dotGit = folder.appendingPathComponent(".git").path
    switch kind(of: dotGit) {
    case .directory:
      return dotGit
    case .regular:
      // `gitdir: <path>` (a linked worktree or a submodule).
      guard let text = try? String(contentsOfFile: dotGit, encoding: .utf8),
        let line = text.split(whereSeparator: \.isNewline).first, line.hasPrefix("gitdir:")
      else { return nil }
      let target = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
      return target.hasPrefix("/") ? target : folder.appendingPathComponent(target).path
    case .missing, .dangling:
      break
    case .other(let what):
      throw Problem(path: dotGit, kind: what)
    }
    let isBare =
      kind(of: folder.appendingPathComponent("HEAD").path) != .missing
      && kind(of: folder.appendingPathComponent("objects").path) == .directory
    return isBare ? folder.path : nil
  }

  /// Refuses the first file under `gitDirectory` that git would read and that is not a
  /// regular file (see the type's documentation for which).
  /// - Throws: ``Problem`` naming the file and what it is.
  static func check(gitDirectory: String) throws(Problem) {
    try checkFolder(gitDirectory, commonFiles: ["HEAD", "config", "commondir", "shallow"])
    let common = commonDirectory(of: gitDirectory)
    if common != gitDirectory {
      try checkFolder(common, commonFiles: ["config", "shallow"])
    }
  }

  /// Checks the files of one git folder (a repository's, or the common one of a worktree).
  private static func checkFolder(_ folder: String, commonFiles: [String]) throws(Problem) {
    let otherFiles = [
      "packed-refs", "info/grafts", "objects/info/alternates", "index", "info/exclude",
      "info/attributes", "info/sparse-checkout",
    ]
    for name in commonFiles + otherFiles {
      try requireFile(folder + "/" + name)
    }
    try checkIncludes(ofConfig: folder + "/config", depth: 0)
    try checkTree(folder + "/refs", depth: 0)
    try checkObjects(folder + "/objects")
    for alternate in lines(of: folder + "/objects/info/alternates") {
      guard !alternate.hasPrefix("#") else { continue }
      let objects = alternate.hasPrefix("/") ? alternate : folder + "/objects/" + alternate
      try checkObjects(objects)
    }
  }

  /// The common folder a worktree's `commondir` names, or the folder itself.
  private static func commonDirectory(of folder: String) -> String {
    guard let line = lines(of: folder + "/commondir").first else { return folder }
    return line.hasPrefix("/") ? line : folder + "/" + line
  }

  /// Refuses a `.gitignore` or `.gitattributes` that a status would read, at the top of the
  /// work tree and in every folder under `pathspecs` (at most 10,000 folders), that is not a
  /// regular file: libgit2 would block on a FIFO for ever.
  /// - Throws: ``Problem`` naming the file and what it is.
  static func checkIgnoreFiles(workTree top: String, under pathspecs: [String]) throws(Problem) {
    // libgit2 gives the work tree with a trailing slash.
    let top = top.hasSuffix("/") && top.count > 1 ? String(top.dropLast()) : top
    var folders = [top] + pathspecs.map { top + "/" + $0 }
    var checked = 0
    while let folder = folders.popLast(), checked < 10_000 {
      checked += 1
      for name in [".gitignore", ".gitattributes"] {
        let file = folder + "/" + name
        if case .other(let what) = kind(of: file) { throw Problem(path: file, kind: what) }
      }
      guard folder != top else { continue }
      for (name, type) in entries(of: folder) where name != ".git" {
        let child = folder + "/" + name
        if type == DT_DIR || (type == DT_UNKNOWN && kind(of: child) == .directory) {
          folders.append(child)
        }
      }
    }
  }

  /// Checks `objects/??/*` and `objects/pack/*`. Each folder is opened relative to the one
  /// above it (`openat`) and each entry that `readdir` does not show to be a regular file is
  /// looked at relative to its folder (`fstatat`): a nightly report checks thousands of
  /// repositories of loose objects, and walking every path from the root again was most of
  /// the check's time.
  private static func checkObjects(_ objects: String) throws(Problem) {
    // `O_DIRECTORY` fails on anything but a folder (a FIFO included) before opening it.
    try listing(open(objects, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC)) {
      top, names throws(Problem) in
      for (name, type) in names where name.count == 2 || name == "pack" {
        guard type == DT_DIR || kind(of: name, in: top) == .directory else {
          continue
        }
        let folder = objects + "/" + name
        try listing(openat(top, name, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC)) {
          fd, entries throws(Problem) in
          for (entry, entryType) in entries where entryType != DT_REG {
            try requireFile(entry, in: fd, shownAs: folder + "/" + entry)
          }
        }
      }
    }
  }

  /// Lists the folder open as `fd` and runs `body` with `fd` (for `openat` and `fstatat`
  /// relative to it) and its entries, then closes it; nothing when `fd` is not open.
  private static func listing(
    _ fd: Int32, _ body: (Int32, [(String, UInt8)]) throws(Problem) -> Void
  ) throws(Problem) {
    guard fd >= 0 else { return }
    guard let directory = fdopendir(fd) else {
      close(fd)
      return
    }
    defer { closedir(directory) }
    try body(fd, entries(of: directory))
  }

  /// Checks every entry under `refs/` (folders are walked, at most 64 deep).
  private static func checkTree(_ path: String, depth: Int) throws(Problem) {
    guard depth < 64, kind(of: path) == .directory else { return }
    for (name, type) in entries(of: path) {
      let child = path + "/" + name
      if type == DT_DIR || (type != DT_REG && kind(of: child) == .directory) {
        try checkTree(child, depth: depth + 1)
      } else if type != DT_REG, kind(of: child) == .dangling {
        // git would skip the reference ("ignoring broken ref"): a tag that silently vanished.
        throw Problem(path: child, kind: "a symbolic link to nothing")
      } else {
        try requireFile(child, knownType: type)
      }
    }
  }

  /// Checks the files a config's `path =` lines in `[include]` and `[includeIf …]` sections
  /// name (`~/` is the home folder; a relative path is relative to the config's folder), and
  /// theirs in turn, at most 10 deep as git allows.
  private static func checkIncludes(ofConfig config: String, depth: Int) throws(Problem) {
    guard depth <= 10 else { return }
    var inInclude = false
    var inCore = false
    for line in lines(of: config) {
      if line.hasPrefix("[") {
        let section = line.dropFirst().lowercased()
        inInclude = section.hasPrefix("include]") || section.hasPrefix("includeif ")
        inCore = section.hasPrefix("core]")
        continue
      }
      guard inInclude || inCore, let equals = line.firstIndex(of: "=") else { continue }
      let key = line[..<equals].trimmingBlanks().lowercased()
      // `core.excludesFile` and `core.attributesFile` name files the status reads.
      guard inInclude ? key == "path" : ["excludesfile", "attributesfile"].contains(key) else {
        continue
      }
      var value = line[line.index(after: equals)...].trimmingBlanks()
      if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
        value = String(value.dropFirst().dropLast())
      }
      let folder = URL(fileURLWithPath: config).deletingLastPathComponent().path
      let included: String
      if value.hasPrefix("~/") {
        included = FileManager.default.homeDirectoryForCurrentUser.path + value.dropFirst()
      } else {
        included = value.hasPrefix("/") ? value : folder + "/" + value
      }
      try requireFile(included)
      if inInclude { try checkIncludes(ofConfig: included, depth: depth + 1) }
    }
  }

  /// Throws when `path` exists and is neither a regular file nor a link to one.
  /// - Parameters:
  ///   - path: the file.
  ///   - knownType: the entry's `d_type` from `readdir`, which saves a `stat` for a regular
  ///     file (`DT_REG`).
  /// - Throws: ``Problem`` naming what the file is.
  private static func requireFile(_ path: String, knownType: UInt8 = UInt8(DT_UNKNOWN))
    throws(Problem)
  {
    if knownType == DT_REG { return }
    // One `stat`: a missing file and a link to nothing are both fine here, so `lstat` is
    // not needed to tell them apart (a nightly report opens thousands of repositories).
    try requireFile(path, in: AT_FDCWD, shownAs: path)
  }

  /// ``requireFile(_:knownType:)`` for the entry `name` of the folder open as `folder`
  /// (`fstatat`, following links; `AT_FDCWD` and a path: `stat`), named `path` in the
  /// problem.
  private static func requireFile(_ name: String, in folder: Int32, shownAs path: String)
    throws(Problem)
  {
    var info = stat()
    guard fstatat(folder, name, &info, 0) == 0 else {
      if errno == ELOOP { throw Problem(path: path, kind: "a symbolic link loop") }
      return
    }
    switch kind(ofMode: info.st_mode) {
    case .other(let what): throw Problem(path: path, kind: what)
    case .directory: throw Problem(path: path, kind: "a folder")
    default: return
    }
  }

  /// What a path is, following links.
  enum Kind: Equatable {
    case missing, dangling, regular, directory
    case other(String)
  }

  /// What `path` is, following symbolic links (`stat`, and `lstat` to tell a link to nothing).
  static func kind(of path: String) -> Kind { kind(of: path, in: AT_FDCWD) }

  /// What the entry `name` of the folder open as `folder` is, following links (`fstatat`,
  /// and without following them to tell a link to nothing; `AT_FDCWD` and a path: `stat`
  /// and `lstat`).
  private static func kind(of name: String, in folder: Int32) -> Kind {
    var info = stat()
    guard fstatat(folder, name, &info, 0) == 0 else {
      if errno == ELOOP { return .other("a symbolic link loop") }
      return fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? .dangling : .missing
    }
    return kind(ofMode: info.st_mode)
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

  /// The entries of a folder with their `d_type` (`opendir`/`readdir`), `.` and `..` left
  /// out; none when it cannot be listed.
  private static func entries(of folder: String) -> [(String, UInt8)] {
    guard let directory = opendir(folder) else { return [] }
    defer { closedir(directory) }
    return entries(of: directory)
  }

  /// The entries of an open folder (`readdir`), `.` and `..` left out.
  private static func entries(of directory: OpaquePointer) -> [(String, UInt8)] {
    var result: [(String, UInt8)] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { result.append((name, entry.pointee.d_type)) }
    }
    return result
  }

  /// The trimmed, non-empty lines of a small regular file; none when it is not one.
  private static func lines(of path: String) -> [String] {
    guard kind(of: path) == .regular,
      let text = try? String(contentsOfFile: path, encoding: .utf8)
    else { return [] }
    return text.split(whereSeparator: \.isNewline)
      .map { $0.trimmingBlanks() }
      .filter { !$0.isEmpty }
  }
}
