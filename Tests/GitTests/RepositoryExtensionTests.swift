import BaselineTestSupport
import Foundation
import Git
import Testing

/// libgit2 1.5.1 knows no repository extension but `noop`: such repositories must fail to
/// open with a code of their own and a message that says what to do.
@Suite("Repositories with extensions libgit2 1.5.1 cannot read")
struct RepositoryExtensionTests {
  /// Makes a repository with one commit and `core.repositoryformatversion 1`, then sets
  /// `extensions.<name>`.
  private func repository(
    in folder: TemporaryDirectory, extension name: String, value: String
  ) throws -> String {
    var script = try GitScript(at: folder.url.appendingPathComponent("repo"))
    try script.commit("first")
    try script.run(["config", "core.repositoryformatversion", "1"])
    try script.run(["config", "extensions.\(name)", value])
    return script.directory.path
  }

  @Test(
    "an extension is unsupportedExtension, naming the path, the extension and the remedy",
    arguments: [("worktreeConfig", "true"), ("partialclone", "origin")])
  func unsupported(name: String, value: String) throws {
    let folder = TemporaryDirectory()
    let path = try repository(in: folder, extension: name, value: value)

    let error = try #require(throws: GitError.self) { try Repository(path: path) }

    #expect(error.code == .unsupportedExtension)
    #expect(error.path == path)
    #expect(error.function == "git_repository_open_ext")
    #expect(error.message.lowercased().contains("extensions.\(name.lowercased())"))
    #expect(error.message.contains("libgit2 \(GitLibrary.version) cannot read this repository"))
    #expect(error.message.contains("use a full SHA-1 clone"))
  }

  @Test("a SHA-256 repository made by git is unsupportedExtension")
  func sha256() throws {
    let folder = TemporaryDirectory()
    let path = folder.path("sha256")
    try GitScript.git(["init", "-q", "--object-format=sha256", path], in: folder.url)

    let error = try #require(throws: GitError.self) { try Repository(path: path) }

    #expect(error.code == .unsupportedExtension)
    #expect(error.message.lowercased().contains("extensions.objectformat"))
  }

  @Test("the unknown-extension check is libgit2's: the `noop` extension opens")
  func noopOpens() throws {
    let folder = TemporaryDirectory()
    let path = try repository(in: folder, extension: "noop", value: "true")

    let repository = try Repository(path: path)

    #expect(repository.headBranch == "main")
  }

  @Test(
    "GitLibrary.version is the libgit2 that pkg-config finds",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pkg-config")))
  func version() throws {
    let installed = try Command.run("/usr/bin/pkg-config", ["--modversion", "libgit2"])
    try #require(installed.status == 0)

    #expect(GitLibrary.version == installed.output.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
