internal import CLibGit2
import Foundation

extension Repository {
  /// Opens the bare mirror at `path`, making it first when nothing is there
  /// (`git_repository_init` with `is_bare`).
  /// - Throws: ``GitError`` when `path` holds something that is not a repository, or cannot
  ///   be made.
  public static func mirror(at path: String) throws(GitError) -> Repository {
    if FileManager.default.fileExists(atPath: path) {
      // A link or a working repository there is not a mirror Baseline made: fetching into it
      // would prune another repository's branches and tags.
      let linked = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
      let repository = try Repository(path: path, searchParents: false)
      guard !linked, git_repository_is_bare(repository.handle) == 1 else {
        throw GitError(
          code: .other, function: "mirror", path: path,
          message: "\(path) is not a bare mirror Baseline made (a link, or a repository with a "
            + "working tree): move it away; the next fetch makes the mirror anew")
      }
      return repository
    }
    _ = GitLibrary.initialised
    // Made beside its place and renamed into it once whole: a run killed meanwhile leaves no
    // half-made mirror where one is looked for.
    let making = path + ".making-\(getpid())"
    var made: OpaquePointer?
    try check(git_repository_init(&made, making, 1), "git_repository_init", path: path)
    git_repository_free(made)
    guard rename(making, path) == 0 else {
      try? FileManager.default.removeItem(atPath: making)
      throw GitError(
        code: .other, function: "rename", path: path,
        message: "cannot make the mirror \(path): \(String(cString: strerror(errno)))")
    }
    return try Repository(path: path, searchParents: false)
  }

  /// Where a fetch lands before the mirror's own references are changed: a fetch given up at
  /// its time limit, or a process killed mid-fetch, changes nothing a reader sees, and every
  /// tag it would have moved is found again by the next fetch (which compares the mirror's
  /// references with what arrived, whatever arrived before).
  static let incoming = "refs/baseline-incoming/"

  /// The refspecs a mirror is fetched with: every branch and every tag, into ``incoming``.
  static let mirrorRefspecs = [
    "+refs/heads/*:\(incoming)heads/*", "+refs/tags/*:\(incoming)tags/*",
  ]

  /// Fetches every branch and tag of `url` into this bare mirror, force-updating what moved
  /// and pruning what the server deleted, as `git fetch --prune URL
  /// '+refs/heads/*:refs/heads/*' '+refs/tags/*:refs/tags/*'` does: first into
  /// ``incoming`` (`git_remote_create_anonymous`, `git_remote_fetch`), then, once the whole
  /// pack is in, the mirror's branches and tags are set to what arrived
  /// (`git_reference_create`, `git_reference_remove`), and `HEAD` to the server's default
  /// branch (`git_remote_default_branch`).
  /// - Parameters:
  ///   - url: the repository's URL (`git://`, `http(s)://`, `ssh://`, `file://`, a path).
  ///   - credentials: how to prove who Baseline is, when the server asks (handed over once,
  ///     and only to the URL's own host: asked again, or by a host a redirect led to, the
  ///     fetch ends).
  ///   - mayLand: asked once the pack is in; `false` (the caller gave up on this fetch) lands
  ///     nothing.
  /// - Returns: every tag the fetch added, moved or deleted, by name (with those of an
  ///   earlier landing that was cut short).
  /// - Throws: ``GitError`` when the fetch fails (host down, refused, not a repository); its
  ///   message never holds the URL's user information, query or fragment.
  public func fetchMirror(
    from url: String, credentials: FetchCredentials = .none,
    mayLand: @escaping @Sendable () -> Bool = { true }
  ) throws(GitError) -> [TagChange] {
    // One fetch per mirror at a time, across processes: two would clear each other's
    // landing namespace.
    let lock = try MirrorLock(mirror: path)
    defer { lock.release() }
    clearLocks()
    var remote: OpaquePointer?
    try checkFetch(
      git_remote_create_anonymous(&remote, handle, url), "git_remote_create_anonymous", url)
    defer { git_remote_free(remote) }
    var options = git_fetch_options()
    git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
    // ``incoming`` follows the server exactly: what it deleted is pruned there.
    options.prune = GIT_FETCH_PRUNE
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
    options.update_fetchhead = 0
    let box = CredentialBox(credentials, host: Self.host(of: url))
    let unmanaged = Unmanaged.passRetained(box)
    defer { unmanaged.release() }
    options.callbacks.payload = unmanaged.toOpaque()
    options.callbacks.credentials = { out, asking, userFromURL, allowed, payload in
      guard let out, let payload else { return -1 }
      let box = Unmanaged<CredentialBox>.fromOpaque(payload).takeUnretainedValue()
      return box.answer(
        out, url: asking.map { String(cString: $0) },
        userFromURL: userFromURL.map { String(cString: $0) },
        allowed: allowed)
    }
    var status = Self.withStringArray(Self.mirrorRefspecs) { refspecs in
      git_remote_fetch(remote, refspecs, &options, "baseline fetch")
    }
    // What last arrived can stand in the way of what arrives now (`release/1.0` there, the
    // server now has `release`): the landing namespace is emptied and the fetch made again
    // (the mirror's own references are untouched, so nothing is lost).
    if status < 0, !box.refused,
      (git_error_last().map { String(cString: $0.pointee.message) } ?? "").contains(
        "cannot lock ref")
    {
      clearIncoming()
      status = Self.withStringArray(Self.mirrorRefspecs) { refspecs in
        git_remote_fetch(remote, refspecs, &options, "baseline fetch")
      }
    }
    if status < 0, box.refused {
      throw GitError(
        code: .other, function: "git_remote_fetch", path: path,
        message:
          "fetching \(Self.withoutCredentials(url) ?? "the repository's URL"): "
          + (box.redirected
            ? "the server sent the fetch to another host (a redirect); the credentials were not "
              + "handed to it: name the final URL in repository:"
            : "the server refused "
              + (box.asked ? "the credentials given" : "to serve without credentials (give some)")))
    }
    try checkFetch(status, "git_remote_fetch", url)
    // Given up meanwhile (its time limit): what arrived is not landed, and its moves are found
    // again by the next fetch.
    guard mayLand() else {
      throw GitError(
        code: .other, function: "git_remote_fetch", path: path,
        message: "fetching \(Self.withoutCredentials(url) ?? "the repository's URL"): given up")
    }
    let changes = try landIncoming()
    setHeadToDefaultBranch(of: remote)
    return changes
  }

  /// Empties ``incoming`` (its references and anything left in its folder).
  private func clearIncoming() {
    try? FileManager.default.removeItem(atPath: path + "/" + Self.incoming)
    for name in (try? references(under: Self.incoming).keys.sorted()) ?? [] {
      _ = git_reference_remove(handle, Self.incoming + name)
    }
  }

  /// Removes the lock files a killed fetch left under `refs/` and beside `packed-refs` (this
  /// process holds the mirror's lock: no one else is writing). What ``incoming`` holds stays:
  /// it is what last arrived, so an unchanged server writes nothing there.
  private func clearLocks() {
    if let walker = FileManager.default.enumerator(atPath: path + "/refs") {
      for case let name as String in walker where name.hasSuffix(".lock") {
        try? FileManager.default.removeItem(atPath: path + "/refs/" + name)
      }
    }
    try? FileManager.default.removeItem(atPath: path + "/packed-refs.lock")
  }

  /// Sets the mirror's branches and tags to what the fetch landed in ``incoming`` (which
  /// keeps it, for the next fetch to compare with). The tag changes are written to a journal first (`baseline-landing`), so that
  /// a landing cut short (killed, a lock in the way) loses none: the next landing reports them
  /// with its own. Deletions go first, so that `release` may replace `release/1.0`.
  /// - Returns: every tag added, moved or deleted, with the commits both ends peel to.
  private func landIncoming() throws(GitError) -> [TagChange] {
    let arrived = try references(under: Self.incoming)
    let journal = LandingJournal(mirror: path)
    let pending = journal.read()
    var plans: [(full: String, id: ObjectID?)] = []
    var changes: [TagChange] = []
    for kind in ["heads/", "tags/"] {
      let before = try references(under: "refs/" + kind)
      var after: [String: ObjectID] = [:]
      for (name, id) in arrived where name.hasPrefix(kind) {
        after[String(name.dropFirst(kind.count))] = id
      }
      for name in Set(before.keys).union(after.keys).sorted() where before[name] != after[name] {
        plans.append(("refs/" + kind + name, after[name]))
      }
      guard kind == "tags/" else { continue }
      for name in Set(before.keys).union(after.keys).union(pending.keys).sorted() {
        let old = pending[name].map { $0.old } ?? before[name]
        guard old != after[name] else { continue }
        changes.append(TagChange(name: name, old: old, new: after[name]))
      }
    }
    if !changes.isEmpty || !plans.isEmpty { try journal.write(changes) }
    for plan in plans where plan.id == nil {
      try check(git_reference_remove(handle, plan.full), "git_reference_remove", path: path)
    }
    for plan in plans {
      guard var id = plan.id?.oid else { continue }
      var made: OpaquePointer?
      try check(
        git_reference_create(&made, handle, plan.full, &id, 1, "baseline fetch"),
        "git_reference_create", path: path)
      git_reference_free(made)
    }
    journal.remove()
    return changes.map { change in
      TagChange(
        name: change.name, old: change.old, new: change.new, oldCommit: peeledCommit(change.old),
        newCommit: peeledCommit(change.new))
    }
  }

  /// The commit `id` peels to (the old objects of a moved tag are still in the mirror).
  private func peeledCommit(_ id: ObjectID?) -> ObjectID? {
    guard let id, case .commit(let found)? = try? resolveCommit(id.hex, accepting: .idOrBranch)
    else { return nil }
    return found
  }

  /// Points `HEAD` at the server's default branch, when the server names one and the mirror
  /// has it (so that "the repository's HEAD branch" means the server's).
  private func setHeadToDefaultBranch(of remote: OpaquePointer?) {
    var buffer = git_buf()
    defer { git_buf_dispose(&buffer) }
    guard git_remote_default_branch(&buffer, remote) == 0, let pointer = buffer.ptr else { return }
    let name = String(cString: pointer)
    guard name.hasPrefix("refs/heads/"), (try? references(under: name).isEmpty) != nil else {
      return
    }
    _ = git_repository_set_head(handle, name)
  }

  /// Each reference under `prefix` (`refs/tags/`), by the rest of its name, with its own
  /// target (`git_reference_list`, `git_reference_name_to_id`).
  func references(under prefix: String) throws(GitError) -> [String: ObjectID] {
    var names = git_strarray()
    try check(git_reference_list(&names, handle), "git_reference_list", path: path)
    defer { git_strarray_dispose(&names) }
    var result: [String: ObjectID] = [:]
    for index in 0..<names.count {
      guard let raw = names.strings[index] else { continue }
      let name = String(cString: raw)
      guard name.hasPrefix(prefix) else { continue }
      var oid = git_oid()
      guard git_reference_name_to_id(&oid, handle, raw) == 0 else { continue }
      result[String(name.dropFirst(prefix.count))] = ObjectID(oid)
    }
    return result
  }

  /// Each tag reference's own target (`git_reference_list`, `git_reference_name_to_id`), by
  /// name without `refs/tags/`.
  /// - Throws: ``GitError`` when the references cannot be read.
  public func tagTargets() throws(GitError) -> [String: ObjectID] {
    try references(under: "refs/tags/")
  }

  /// The host (and port) of a URL, lowercased: `git.example.org:8443`; for `user@host:path`,
  /// `host`; `nil` for a path.
  static func host(of url: String) -> String? {
    if let scheme = url.range(of: "://") {
      var authority = url[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
      if let at = authority.lastIndex(of: "@") {
        authority = authority[authority.index(after: at)...]
      }
      // A scheme's own port, written or not, is the same host.
      let defaults = ["http": ":80", "https": ":443", "ssh": ":22", "git": ":9418"]
      var host = authority.lowercased()
      if let port = defaults[url[..<scheme.lowerBound].lowercased()], host.hasSuffix(port) {
        host.removeLast(port.count)
      }
      return host
    }
    guard let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") else { return nil }
    let authority = url[..<colon]
    return String(
      authority[
        (authority.lastIndex(of: "@").map(authority.index(after:)) ?? authority.startIndex)...]
    ).lowercased()
  }

  /// A fetch failure as a ``GitError`` whose message holds no secret of `url`.
  private func checkFetch(_ status: Int32, _ function: String, _ url: String) throws(GitError) {
    guard status < 0 else { return }
    let error = lastError(status, function, path: path)
    let shown = Self.withoutCredentials(url) ?? "the repository's URL"
    var message = error.message
    if shown != url { message = message.replacingOccurrences(of: url, with: shown) }
    var hint = ""
    if message.contains("failed to parse signature") {
      // libgit2 1.5 refuses an author, committer or tagger line git itself tolerates.
      hint =
        " (an object on the server has an author, committer or tagger line libgit2 1.5 cannot "
        + "read, such as a date out of range; git may still fetch it: ask the server's owner "
        + "which tag or commit it is, or mirror that repository with git instead)"
    } else if message.contains("hostkey") {
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
  /// The host of the URL the estate names; credentials go to no other.
  let host: String?
  /// Whether credentials were handed over.
  private(set) var asked = false
  /// Whether the server asked again (refused them) or asked when there were none.
  private(set) var refused = false
  /// Whether another host (a redirect) asked for them.
  private(set) var redirected = false

  init(_ credentials: FetchCredentials, host: String?) {
    self.credentials = credentials
    self.host = host
  }

  /// Answers libgit2's credential callback: 0 with a credential, or an error that ends the
  /// fetch.
  func answer(
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, url: String?,
    userFromURL: String?, allowed: UInt32
  ) -> Int32 {
    if let url, let host, Repository.host(of: url) != host {
      redirected = true
      refused = true
      return -1
    }
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
