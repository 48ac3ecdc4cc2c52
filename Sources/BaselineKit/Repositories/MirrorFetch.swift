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
  /// The mirror fetched into (``Component/repositoryURL``).
  public let mirror: URL
  /// Why the fetch failed; `nil` when it did not.
  public let failure: String?

  /// How many fetches run at once by default: network-bound, so more than the cores.
  public static let defaultWidth = 8

  /// Seconds one fetch may take by default (`--fetch-timeout`).
  public static let defaultLimit: TimeInterval = 300

  /// Fetches the mirror of every URL the components name, once per URL
  /// (``Repository/fetchMirror(from:credentials:)``), `width` at once, each given up after
  /// `limit` seconds (a server that accepts and never answers).
  /// - Parameters:
  ///   - components: the components to fetch; those with a local path are skipped.
  ///   - width: how many fetches run at once.
  ///   - limit: seconds one fetch may take.
  /// - Returns: one outcome per URL, in URL order.
  public static func fetch(
    _ components: [Component], width: Int = defaultWidth, limit: TimeInterval = defaultLimit
  ) -> [MirrorFetch] {
    let byURL = Dictionary(grouping: components.filter { $0.remote != nil }) { $0.remote ?? "" }
    let groups = byURL.keys.sorted().map { url in
      (url, (byURL[url] ?? []).sorted { $0.name < $1.name })
    }
    let turns = groups.map { _ in FetchTurn() }
    return BoundedJobs<MirrorFetch>(width: width, limit: limit).run(
      groups.indices.map { index in
        { fetch(groups[index].0, for: groups[index].1, turn: turns[index]) }
      },
      late: { index in
        // Past its limit but already landing (a local step): waited for, never half done.
        guard turns[index].giveUp() else { return nil }
        return MirrorFetch(
          url: groups[index].0, components: groups[index].1.map(\.name), changes: [],
          mirror: groups[index].1[0].repositoryURL,
          failure:
            "no answer within \(RepositoryWatch.seconds(limit)) (--fetch-timeout); the server "
            + "accepted the connection but sent nothing, or the transfer is too slow")
      })
  }

  /// Fetches `url` into the mirror the components in `group` share.
  private static func fetch(_ url: String, for group: [Component], turn: FetchTurn)
    -> MirrorFetch
  {
    let mirror = group[0].repositoryURL
    let names = group.map(\.name)
    do {
      try FileManager.default.createDirectory(
        at: mirror.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      return MirrorFetch(
        url: url, components: names, changes: [], mirror: mirror,
        failure: "cannot make the mirrors folder: \(error.localizedDescription)")
    }
    var credentials = FetchCredentials.none
    if let source = group.first(where: { $0.credentials != nil })?.credentials {
      switch source.resolve(user: Self.user(in: url)) {
      case .success(let found): credentials = found
      case .failure(let problem):
        return MirrorFetch(
          url: url, components: names, changes: [], mirror: mirror, failure: problem.message)
      }
    } else if let found = GitCredentialHelper.fill(url) {
      // No credentials: named: the user's git credential helpers, as git would ask them (the
      // credentials are handed over only if the server asks).
      credentials = found
    }
    do throws(GitError) {
      let changes = try Repository.mirror(at: mirror.path).fetchMirror(
        from: url, credentials: credentials, mayLand: { turn.land() })
      // When it was fetched, for the age reports give it.
      try? Data(Timestamp.string(Date()).utf8).write(
        to: mirror.appendingPathComponent(Self.stampName), options: .atomic)
      return MirrorFetch(
        url: url, components: names, changes: changes, mirror: mirror, failure: nil)
    } catch {
      return MirrorFetch(
        url: url, components: names, changes: [], mirror: mirror, failure: error.message)
    }
  }

  /// A failure's message without the `fetching URL: ` that the Git layer puts first.
  static func withoutURL(_ message: String, _ url: String) -> String {
    guard message.hasPrefix("fetching "), let colon = message.range(of: ": ") else {
      return message
    }
    return String(message[colon.upperBound...])
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

  /// Whether a failed fetch left a mirror to read as it is (`--offline-ok`): one that an
  /// earlier fetch completed (it holds the stamp each completed fetch writes).
  public var mirrorIsUsable: Bool { Self.wasFetched(mirror) }

  /// Whether a fetch of the mirror at `mirror` ever completed (it holds the stamp each
  /// completed fetch writes); one without is no mirror to read.
  public static func wasFetched(_ mirror: URL) -> Bool {
    FileManager.default.fileExists(atPath: mirror.appendingPathComponent(stampName).path)
  }

  /// The report lines for tags a fetch moved or deleted: a release tag moved on the server is
  /// never taken silently.
  public var warnings: [String] {
    if let failure {
      return [
        "fetching \(url) failed (\(Self.withoutURL(failure, url))); its mirror is read as it "
          + "is (--offline-ok)"
      ]
    }
    return changes.compactMap { change in
      switch (change.old, change.new) {
      case (let old?, let new?):
        return
          "fetching \(url): tag \(change.name) was MOVED on the server from \(old.hex) to \(new.hex)"
          + Self.commits(change.oldCommit, change.newCommit, tagObjects: (old, new))
      case (let old?, nil):
        return "fetching \(url): tag \(change.name) was DELETED on the server (it named \(old.hex)"
          + (change.oldCommit.map { $0 == old ? "" : ", commit \($0.hex)" } ?? "") + ")"
      default:
        return nil
      }
    }
  }

  /// ` (commits A -> B)` when the tag objects are not the commits themselves (annotated tags);
  /// nothing otherwise.
  static func commits(
    _ old: ObjectID?, _ new: ObjectID?, tagObjects: (ObjectID, ObjectID), short: Bool = false
  ) -> String {
    guard let old, let new, (old, new) != tagObjects else { return "" }
    return " (commits \(short ? old.short : old.hex) -> \(short ? new.short : new.hex))"
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
        out +=
          "  MOVED   \(Terminal.line(change.name)) \(old.short) -> \(new.short)"
          + Self.commits(change.oldCommit, change.newCommit, tagObjects: (old, new), short: true)
          + "\n"
      default: break
      }
    }
    return out
  }
}
