import Foundation
import Git

/// A revision of the estate's own git repository, whose baseline files `baseline diff` reads
/// (`SIT-A@R3`, `SIT-A@<commit>`), through libgit2 (`git_revparse_single`,
/// `git_tree_entry_bypath`, `git_blob_rawcontent`), never from a checkout.
struct EstateRevision {
  /// The estate's repository.
  let repository: Repository
  /// The commit read.
  let commit: ObjectID
  /// How messages name the revision: `R3 (1a2b3c4)`.
  let label: String
  /// The estate root's path inside the repository (`""` or `estate/`).
  let prefix: String

  /// Finds the revision `text` names for `environment`'s baseline: any revision git can parse
  /// (a tag, a branch, a commit id); else the newest commit of the estate's history whose
  /// `Baselines/<ENV>.yaml` declares `release: <text>` (the last agreed form of a programme
  /// release's baseline).
  /// - Throws: ``InputError`` when the estate is in no repository, or nothing matches.
  static func resolve(
    _ text: String, environment: String, root: URL, repositories: ComponentRepositories
  ) throws -> EstateRevision {
    let shown = "\(environment)@\(text)"
    guard let repository = try repositories.openEstate(root: root),
      let work = repository.workDirectory
    else {
      throw InputError(
        file: shown,
        message: "the estate at \(root.path) is not in a git repository, so it has no revisions")
    }
    let workPath = URL(fileURLWithPath: work).standardizedFileURL.resolvingSymlinksInPath().path
    let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
    var prefix = rootPath == workPath ? "" : String(rootPath.dropFirst(workPath.count + 1)) + "/"
    if prefix == "/" { prefix = "" }
    switch try repository.resolveCommit(text, accepting: .anyRevision) {
    case .commit(let id):
      return EstateRevision(
        repository: repository, commit: id, label: "\(text) (\(id.short))", prefix: prefix)
    case .ambiguous(let candidates):
      throw InputError(
        file: shown, message: "\"\(text)\" is an ambiguous commit prefix (\(candidates) candidates)"
      )
    default:
      break
    }
    let path = prefix + "Baselines/\(environment).yaml"
    guard let head = repository.headCommit,
      let found = try declaring(release: text, at: path, from: head, in: repository)
    else {
      throw InputError(
        file: shown,
        message:
          "\"\(text)\" is no revision of the estate's repository, and no commit's "
          + "Baselines/\(environment).yaml declares release: \(text)")
    }
    return EstateRevision(
      repository: repository, commit: found, label: "\(text) (\(found.short))", prefix: prefix)
  }

  /// The newest commit reachable from `head` whose file at `path` declares `release:`
  /// `release` (a top-level `release:` line, quoted or not).
  private static func declaring(
    release: String, at path: String, from head: ObjectID, in repository: Repository
  ) throws(GitError) -> ObjectID? {
    var checked: Set<ObjectID> = []
    for id in try repository.commits(reachableFrom: head, excluding: []) {
      guard let entry = try repository.entry(at: path, of: id), checked.insert(entry.id).inserted,
        let data = try repository.contents(of: path, at: id)
      else { continue }
      let text = String(decoding: data, as: UTF8.self)
      for line in text.split(separator: "\n") where line.hasPrefix("release:") {
        var value = line.dropFirst("release:".count)
        if let hash = value.firstIndex(of: "#") { value = value[..<hash] }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
          .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        if trimmed == release { return id }
      }
    }
    return nil
  }

  /// Reads estate files as they were at the revision; messages name them `path@label`.
  func reader() -> EstateFileReader {
    { path throws(InputError) in
      let shown = "\(path)@\(label)"
      do {
        guard let data = try repository.contents(of: prefix + path, at: commit) else { return nil }
        if data.count > InputFile.limit {
          throw InputError(
            file: shown, message: "is over 64 MiB; estate files are read up to 64 MiB")
        }
        return InputFile(shown: shown, data: data)
      } catch let error as GitError {
        throw InputError(file: shown, message: "cannot be read from git: \(error.message)")
      } catch let error as InputError {
        throw error
      } catch {
        throw InputError(file: shown, message: "\(error)")
      }
    }
  }
}
