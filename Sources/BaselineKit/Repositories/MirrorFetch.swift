public import Foundation
public import Git

/// What `baseline fetch` did for one URL: the components that name it, and the tags the fetch
/// added, moved or deleted, or why it failed.
public struct MirrorFetch: Sendable {
  /// The URL as the estate writes it (never with a secret: the estate refuses those).
  public let url: String
  /// The components that name it, by name.
  public let components: [String]
  /// The tags changed, by name; empty when nothing moved.
  public let changes: [TagChange]
  /// Why the fetch failed; `nil` when it did not.
  public let failure: String?

  /// Fetches the mirror of every URL the components name, once per URL
  /// (``Repository/fetchMirror(from:)`` under the repository time limit).
  /// - Parameter components: the components to fetch; those with a local path are skipped.
  /// - Returns: one outcome per URL, in URL order.
  public static func fetch(_ components: [Component]) -> [MirrorFetch] {
    let byURL = Dictionary(grouping: components.filter { $0.remote != nil }) { $0.remote ?? "" }
    return byURL.keys.sorted().map { url in
      let group = (byURL[url] ?? []).sorted { $0.name < $1.name }
      let mirror = group[0].repositoryURL
      let names = group.map(\.name)
      do {
        try FileManager.default.createDirectory(
          at: mirror.deletingLastPathComponent(), withIntermediateDirectories: true)
      } catch {
        return MirrorFetch(
          url: url, components: names, changes: [],
          failure: "cannot make the mirrors folder: \(error.localizedDescription)")
      }
      var credentials = FetchCredentials.none
      if let source = group.first(where: { $0.credentials != nil })?.credentials {
        switch source.resolve(user: Self.user(in: url)) {
        case .success(let found): credentials = found
        case .failure(let problem):
          return MirrorFetch(url: url, components: names, changes: [], failure: problem.message)
        }
      }
      do throws(GitError) {
        let changes = try RepositoryWatch.shared.during(url, "fetching it") {
          () throws(GitError) in
          try Repository.mirror(at: mirror.path).fetchMirror(from: url, credentials: credentials)
        }
        // When it was fetched, for the age reports give it.
        try? Data(Timestamp.string(Date()).utf8).write(
          to: mirror.appendingPathComponent(Self.stampName), options: .atomic)
        return MirrorFetch(url: url, components: names, changes: changes, failure: nil)
      } catch {
        return MirrorFetch(url: url, components: names, changes: [], failure: error.message)
      }
    }
  }

  /// The user a URL names (`ssh://git@host/x`, `git@host:x`), if any.
  static func user(in url: String) -> String? {
    let rest = url.range(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
    let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
    guard let at = rest[..<authorityEnd].firstIndex(of: "@"), at > rest.startIndex else {
      return nil
    }
    return String(rest[..<at])
  }

  /// The file in a mirror that says when `baseline fetch` last fetched it (UTC, ISO 8601).
  static let stampName = "baseline-fetched-at"

  /// What a report says of the mirrors it read, one line per URL: when each was last fetched,
  /// and how long ago, so that data as of an old fetch is never taken for today's.
  /// - Parameters:
  ///   - components: the components read (those with a local path are skipped).
  ///   - now: the report's time.
  /// - Returns: the lines, in URL order.
  public static func ages(of components: [Component], now: Date = Date()) -> [String] {
    let byURL = Dictionary(grouping: components.filter { $0.remote != nil }) { $0.remote ?? "" }
    return byURL.keys.sorted().compactMap { url in
      guard let mirror = byURL[url]?.first?.repositoryURL,
        FileManager.default.fileExists(atPath: mirror.path)
      else { return nil }
      let stamp = try? String(
        contentsOf: mirror.appendingPathComponent(stampName), encoding: .utf8)
      guard let stamp, let fetched = Timestamp.parse(stamp) else {
        return "the mirror of \(url) is read as it is; when it was last fetched is not known"
      }
      let hours = max(0, now.timeIntervalSince(fetched)) / 3600
      let age = hours < 1 ? "\(Int(hours * 60)) min" : String(format: "%.1f h", hours)
      return
        "the mirror of \(url) is as of its last fetch, \(Timestamp.human(fetched)) (\(age) ago)"
    }
  }

  /// The report lines for tags a fetch moved or deleted: a release tag moved on the server is
  /// never taken silently.
  public var warnings: [String] {
    changes.compactMap { change in
      switch (change.old, change.new) {
      case (let old?, let new?):
        return
          "fetching \(url): tag \(change.name) was MOVED on the server from \(old.hex) to \(new.hex)"
      case (let old?, nil):
        return "fetching \(url): tag \(change.name) was DELETED on the server (it named \(old.hex))"
      default:
        return nil
      }
    }
  }

  /// The outcome for people: one line per URL, then one per tag changed.
  public var text: String {
    var out = "\(Terminal.line(url)) (\(components.joined(separator: ", "))): "
    guard failure == nil else { return out + "FAILED: \(Terminal.line(failure ?? ""))\n" }
    out +=
      changes.isEmpty ? "fetched, no tag changed\n" : "fetched, \(changes.count) tag(s) changed\n"
    for change in changes {
      switch (change.old, change.new) {
      case (nil, let new?): out += "  added   \(Terminal.line(change.name)) \(new.short)\n"
      case (let old?, nil): out += "  DELETED \(Terminal.line(change.name)) (was \(old.short))\n"
      case (let old?, let new?):
        out += "  MOVED   \(Terminal.line(change.name)) \(old.short) -> \(new.short)\n"
      default: break
      }
    }
    return out
  }
}
