internal import CLibGit2
import Foundation

extension Repository {
  /// A 64-bit fingerprint of everything besides the commits that can shape a diff of this
  /// repository, so a patch-id (`diff`, `binary`, `-text` attributes, a diff driver's
  /// `binary` setting, the big-file threshold): `info/attributes` in the git directory and in
  /// the common directory of a linked work tree, the global file (`core.attributesFile`, else
  /// `$XDG_CONFIG_HOME/git/attributes`, else `~/.config/git/attributes`),
  /// `/etc/gitattributes`, the configuration's `diff.*` and `core.bigFileThreshold` entries,
  /// and in a work tree every `.gitattributes` below it (`.git` left out; folders reached
  /// through links followed, each once). Patch-ids kept across runs are valid only while it
  /// is the same.
  ///
  /// Not covered: a `.gitattributes` that is only in the index (libgit2 reads it where the
  /// work tree lacks the file).
  /// - Returns: FNV-1a over each file's path and contents and each setting, in a fixed order;
  ///   `nil` when it cannot be told: a work tree of more than 10,000 folders (then nothing is
  ///   kept across runs).
  public func attributesFingerprint() -> UInt64? {
    var hash = FNV1a()
    func add(_ bytes: some Sequence<UInt8>) {
      hash.add(contentsOf: bytes)
      hash.add(0)
    }
    func folder(_ path: String) -> String { path.hasSuffix("/") ? String(path.dropLast()) : path }
    var files = [
      folder(gitDirectory) + "/info/attributes", "/etc/gitattributes", globalAttributesFile,
    ]
    if let common = git_repository_commondir(handle).map({ folder(String(cString: $0)) }) {
      files.append(common + "/info/attributes")
    }
    if let top = git_repository_workdir(handle).map({ String(cString: $0) }) {
      guard let found = Self.workTreeAttributes(under: top) else { return nil }
      files += found
    }
    for file in files {
      add(file.utf8)
      // Read without following a FIFO's writer: O_NONBLOCK, and only regular files.
      let descriptor = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
      guard descriptor >= 0 else { continue }
      defer { close(descriptor) }
      var status = stat()
      guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
      var buffer = [UInt8](repeating: 0, count: 65_536)
      while true {
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { break }
        add(buffer[0..<count])
      }
    }
    for setting in diffSettings { add(setting.utf8) }
    return hash.value
  }

  /// The configuration entries that shape a diff (`diff.*`, `core.bigFileThreshold`), as
  /// `name=value` lines in the order the configuration lists them, every level included.
  private var diffSettings: [String] {
    var config: OpaquePointer?
    guard git_repository_config_snapshot(&config, handle) == 0, let config else { return [] }
    defer { git_config_free(config) }
    var iterator: OpaquePointer?
    guard
      git_config_iterator_glob_new(&iterator, config, "^(diff\\..*|core\\.bigfilethreshold)$") == 0
    else { return [] }
    defer { git_config_iterator_free(iterator) }
    var settings: [String] = []
    var entry: UnsafeMutablePointer<git_config_entry>?
    while git_config_next(&entry, iterator) == 0, let entry {
      let name = entry.pointee.name.map { String(cString: $0) } ?? ""
      let value = entry.pointee.value.map { String(cString: $0) } ?? ""
      settings.append("\(name)=\(value)")
    }
    return settings
  }

  /// `core.attributesFile` when set, else git's default global attributes file.
  private var globalAttributesFile: String {
    var config: OpaquePointer?
    if git_repository_config_snapshot(&config, handle) == 0, let config {
      defer { git_config_free(config) }
      var buffer = git_buf()
      if git_config_get_path(&buffer, config, "core.attributesFile") == 0 {
        defer { git_buf_dispose(&buffer) }
        if let text = buffer.ptr { return String(cString: text) }
      }
    }
    let environment = ProcessInfo.processInfo.environment
    if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/git/attributes" }
    return (environment["HOME"] ?? "") + "/.config/git/attributes"
  }

  /// Every `.gitattributes` under a work tree, sorted, `.git` left out; folders reached
  /// through symbolic links are followed (libgit2 reads a `.gitattributes` through one), each
  /// real folder once. `nil` past 10,000 folders.
  private static func workTreeAttributes(under top: String) -> [String]? {
    let top = top.hasSuffix("/") && top.count > 1 ? String(top.dropLast()) : top
    var found: [String] = []
    var folders = [top]
    var seen: Set<String> = []
    while let folder = folders.popLast() {
      guard let real = realpath(folder, nil) else { continue }
      defer { free(real) }
      guard seen.insert(String(cString: real)).inserted else { continue }
      guard seen.count <= 10_000 else { return nil }
      guard let handle = opendir(folder) else { continue }
      defer { closedir(handle) }
      while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        guard name != ".", name != "..", name != ".git" else { continue }
        let child = folder + "/" + name
        if name == ".gitattributes" { found.append(child) }
        switch Int32(entry.pointee.d_type) {
        case Int32(DT_DIR): folders.append(child)
        case Int32(DT_LNK), Int32(DT_UNKNOWN):
          var status = stat()
          if stat(child, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { folders.append(child) }
        default: break
        }
      }
    }
    return found.sorted()
  }
}
