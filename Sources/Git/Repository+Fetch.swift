internal import CLibGit2
import Foundation

extension Repository {
  /// Opens the bare mirror at `path`, making it first when nothing is there
  /// (`git_repository_init` with `is_bare`).
  /// - Throws: ``GitError`` when `path` holds something that is not a repository, or cannot
  ///   be made.
  public static func mirror(at path: String) throws(GitError) -> Repository {
    if FileManager.default.fileExists(atPath: path) {
      return try Repository(path: path, searchParents: false)
    }
    _ = GitLibrary.initialised
    var made: OpaquePointer?
    try check(git_repository_init(&made, path, 1), "git_repository_init", path: path)
    git_repository_free(made)
    return try Repository(path: path, searchParents: false)
  }

  /// The refspecs a mirror is fetched with: every branch and every tag, force-updated.
  static let mirrorRefspecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"]

  /// Fetches every branch and tag of `url` into this bare mirror, force-updating what moved
  /// and pruning what the server deleted (`git_remote_create_anonymous`, `git_remote_fetch`
  /// with `GIT_FETCH_PRUNE`), as `git fetch --prune URL '+refs/heads/*:refs/heads/*'
  /// '+refs/tags/*:refs/tags/*'` does.
  /// - Parameters:
  ///   - url: the repository's URL (`git://`, `http(s)://`, `ssh://`, `file://`, a path).
  ///   - credentials: how to prove who Baseline is, when the server asks (handed over once:
  ///     asked again, the server refused them and the fetch ends).
  /// - Returns: every tag the fetch added, moved or deleted, by name.
  /// - Throws: ``GitError`` when the fetch fails (host down, refused, not a repository); its
  ///   message never holds the URL's user information, query or fragment.
  public func fetchMirror(from url: String, credentials: FetchCredentials = .none)
    throws(GitError) -> [TagChange]
  {
    let before = try tagTargets()
    var remote: OpaquePointer?
    try checkFetch(
      git_remote_create_anonymous(&remote, handle, url), "git_remote_create_anonymous", url)
    defer { git_remote_free(remote) }
    var options = git_fetch_options()
    git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
    options.prune = GIT_FETCH_PRUNE
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
    options.update_fetchhead = 0
    let box = CredentialBox(credentials)
    let unmanaged = Unmanaged.passRetained(box)
    defer { unmanaged.release() }
    options.callbacks.payload = unmanaged.toOpaque()
    options.callbacks.credentials = { out, _, userFromURL, allowed, payload in
      guard let out, let payload else { return -1 }
      let box = Unmanaged<CredentialBox>.fromOpaque(payload).takeUnretainedValue()
      return box.answer(out, userFromURL: userFromURL.map { String(cString: $0) }, allowed: allowed)
    }
    let status = Self.withStringArray(Self.mirrorRefspecs) { refspecs in
      git_remote_fetch(remote, refspecs, &options, "baseline fetch")
    }
    if status < 0, box.refused {
      throw GitError(
        code: .other, function: "git_remote_fetch", path: path,
        message:
          "fetching \(Self.withoutCredentials(url) ?? "the repository's URL"): the server refused "
          + (box.asked ? "the credentials given" : "to serve without credentials (give some)"))
    }
    try checkFetch(status, "git_remote_fetch", url)
    let after = try tagTargets()
    // The old objects are still in the mirror: both ends peel to their commits.
    func commit(_ id: ObjectID?) -> ObjectID? {
      guard let id, case .commit(let found)? = try? resolveCommit(id.hex, accepting: .idOrBranch)
      else { return nil }
      return found
    }
    return Set(before.keys).union(after.keys).sorted().compactMap { name in
      before[name] == after[name]
        ? nil
        : TagChange(
          name: name, old: before[name], new: after[name], oldCommit: commit(before[name]),
          newCommit: commit(after[name]))
    }
  }

  /// Each tag reference's own target (`git_reference_list`, `git_reference_name_to_id`), by
  /// name without `refs/tags/`.
  /// - Throws: ``GitError`` when the references cannot be read.
  public func tagTargets() throws(GitError) -> [String: ObjectID] {
    var names = git_strarray()
    try check(git_reference_list(&names, handle), "git_reference_list", path: path)
    defer { git_strarray_dispose(&names) }
    var result: [String: ObjectID] = [:]
    for index in 0..<names.count {
      guard let raw = names.strings[index] else { continue }
      let name = String(cString: raw)
      guard name.hasPrefix("refs/tags/") else { continue }
      var oid = git_oid()
      guard git_reference_name_to_id(&oid, handle, raw) == 0 else { continue }
      result[String(name.dropFirst("refs/tags/".count))] = ObjectID(oid)
    }
    return result
  }

  /// A fetch failure as a ``GitError`` whose message holds no secret of `url`.
  private func checkFetch(_ status: Int32, _ function: String, _ url: String) throws(GitError) {
    guard status < 0 else { return }
    let error = lastError(status, function, path: path)
    let shown = Self.withoutCredentials(url) ?? "the repository's URL"
    var message = error.message
    if shown != url { message = message.replacingOccurrences(of: url, with: shown) }
    var hint = ""
    if message.contains("hostkey") {
      // libgit2 checks the host key against ~/.ssh/known_hosts, as ssh does.
      hint =
        " (the server's host key is not in ~/.ssh/known_hosts, or differs from the one there: "
        + "check its fingerprint with the server's owner, then add it, as for ssh)"
    }
    throw GitError(
      code: error.code, function: function, path: path,
      message: "fetching \(shown): \(Self.scrubbed(message, of: url))\(hint)", status: status)
  }

  /// `message` with any user information, query or fragment of `url` taken out, however
  /// libgit2 quoted it.
  static func scrubbed(_ message: String, of url: String) -> String {
    var text = message
    var secrets: [String] = []
    if let scheme = url.range(of: "://") {
      let rest = url[scheme.upperBound...]
      if let at = rest.lastIndex(of: "@") { secrets.append(String(rest[..<at])) }
    }
    if let cut = url.firstIndex(where: { $0 == "?" || $0 == "#" }) {
      secrets.append(String(url[url.index(after: cut)...]))
    }
    for secret in secrets where !secret.isEmpty {
      text = text.replacingOccurrences(of: secret, with: "***")
      for part in secret.split(separator: ":") where part.count >= 3 {
        text = text.replacingOccurrences(of: String(part), with: "***")
      }
    }
    return text
  }

  /// Hands `strings` to `body` as a `git_strarray` that lives as long as the call.
  static func withStringArray<T>(_ strings: [String], _ body: (UnsafePointer<git_strarray>) -> T)
    -> T
  {
    var pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeMutableBufferPointer { buffer in
      var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
      return body(&array)
    }
  }
}

/// The credentials of one fetch, handed to libgit2 once: asked again, the server refused
/// them, and the fetch ends (libgit2 would ask for ever).
private final class CredentialBox {
  let credentials: FetchCredentials
  /// Whether credentials were handed over.
  private(set) var asked = false
  /// Whether the server asked again (refused them) or asked when there were none.
  private(set) var refused = false

  init(_ credentials: FetchCredentials) { self.credentials = credentials }

  /// Answers libgit2's credential callback: `GIT_PASSTHROUGH`-free, 0 with a credential, or
  /// an error that ends the fetch.
  func answer(
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, userFromURL: String?,
    allowed: UInt32
  ) -> Int32 {
    guard !asked else {
      refused = true
      return -1
    }
    asked = true
    switch credentials {
    case .none:
      refused = true
      asked = false
      return -1
    case .token(let user, let token):
      guard allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else { return -1 }
      return git_credential_userpass_plaintext_new(out, user, token)
    case .sshKey(let user, let privateKey):
      guard allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 else { return -1 }
      let publicKey = privateKey + ".pub"
      return git_credential_ssh_key_new(
        out, userFromURL ?? user,
        FileManager.default.fileExists(atPath: publicKey) ? publicKey : nil, privateKey, nil)
    case .sshAgent(let user):
      guard allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 else { return -1 }
      return git_credential_ssh_key_from_agent(out, userFromURL ?? user)
    }
  }
}
