internal import CLibGit2
import Foundation

extension Repository {
  /// A 64-bit fingerprint of every attributes file that can shape a diff of this repository
  /// (`diff`, `binary`, `-text` change a patch-id): `info/attributes` in the git directory,
  /// the global file (`core.attributesFile`, else `$XDG_CONFIG_HOME/git/attributes`, else
  /// `~/.config/git/attributes`), `/etc/gitattributes`, and in a work tree every
  /// `.gitattributes` below it (the `.git` folder left out; at most 10,000 folders). Patch-ids
  /// kept across runs are valid only while it is the same.
  ///
  /// Not covered: a `.gitattributes` that is only in the index (libgit2 reads it where the
  /// work tree lacks the file).
  /// - Returns: FNV-1a over each file's path and contents, in a fixed order.
  public func attributesFingerprint() -> UInt64 {
    var hash = FNV1a()
    func add(_ bytes: some Sequence<UInt8>) {
      hash.add(contentsOf: bytes)
      hash.add(0)
    }
    let directory = gitDirectory.hasSuffix("/") ? String(gitDirectory.dropLast()) : gitDirectory
    var files = [directory + "/info/attributes", "/etc/gitattributes", globalAttributesFile]
    if let top = git_repository_workdir(handle).map({ String(cString: $0) }) {
      files += Self.workTreeAttributes(under: top)
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
    return hash.value
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

  /// Every `.gitattributes` under a work tree, sorted, `.git` left out.
  private static func workTreeAttributes(under top: String) -> [String] {
    let top = top.hasSuffix("/") && top.count > 1 ? String(top.dropLast()) : top
    var found: [String] = []
    var folders = [top]
    var visited = 0
    while let folder = folders.popLast(), visited < 10_000 {
      visited += 1
      guard let handle = opendir(folder) else { continue }
      defer { closedir(handle) }
      while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        guard name != ".", name != "..", name != ".git" else { continue }
        let child = folder + "/" + name
        if name == ".gitattributes" { found.append(child) }
        if entry.pointee.d_type == DT_DIR { folders.append(child) }
      }
    }
    return found.sorted()
  }
}
