import Foundation
import Git
import Synchronization

/// What the analysis reads of a commit; each is computed once and kept in the ``PatchStore``.
enum CommitFact: Sendable {
  /// The root key and whether the message names a pick source (the root trees alone).
  case rootKey
  /// The paths key (every tree on a changed path, no content read).
  case pathsKey
  /// The full patch-id (a diff of every file the commit changes).
  case patchID
  /// The id of the added and removed lines without context (another such diff).
  case linesID
}

extension HotfixAnalysis.Run {
  /// A commit's root key and whether it names a pick source, from the store or read now.
  func facts(_ id: ObjectID) throws(GitError) -> CommitPatch {
    try Self.read(.rootKey, of: id, in: repository, into: patches)
  }

  /// A commit's paths key; `nil` for a merge or a commit that changes nothing.
  func pathsKey(_ id: ObjectID) throws(GitError) -> UInt64? {
    try Self.read(.pathsKey, of: id, in: repository, into: patches).pathsKey
  }

  /// A commit's full patch-id; `nil` for a merge or a commit that changes nothing.
  func patchID(_ id: ObjectID) throws(GitError) -> ObjectID? {
    try Self.read(.patchID, of: id, in: repository, into: patches).patchID
  }

  /// The id of a commit's added and removed lines without context; `nil` for a merge or a
  /// commit that changes nothing.
  func linesID(_ id: ObjectID) throws(GitError) -> ObjectID? {
    try Self.read(.linesID, of: id, in: repository, into: patches).linesID
  }

  /// `fact` of commit `id`, from `store` or read from `repository` now (and kept): the root
  /// key with `Repository.rootKey(of:)` and the message only when the commit changes
  /// something; the paths key with `pathsKey(of:)`; the ids with `patchID(of:)` and
  /// `changedLinesID(of:)`.
  /// - Returns: what is known of the commit, with `fact` among it.
  /// - Throws: ``GitError`` when the commit cannot be read.
  static func read(
    _ fact: CommitFact, of id: ObjectID, in repository: Repository, into store: PatchStore
  ) throws(GitError) -> CommitPatch {
    var known: CommitPatch
    if let stored = store[id] {
      known = stored
    } else {
      let key = try repository.rootKey(of: id)
      var names = false
      if key != nil {
        names = try repository.message(of: id, contains: HotfixAnalysis.pickMarker)
      }
      known = CommitPatch(rootKey: key, pathsKey: nil, namesPickSource: names, patchID: nil)
      store[id] = known
    }
    guard known.changes else { return known }
    switch fact {
    case .rootKey:
      return known
    case .pathsKey where known.pathsKey == nil:
      known.pathsKey = try repository.pathsKey(of: id)
      // Root trees that differ only in how a subtree is written change no path.
      if known.pathsKey == nil { known.rootKey = nil }
    case .patchID where known.patchID == nil:
      known.patchID = try repository.patchID(of: id)
    case .linesID where known.linesID == nil:
      known.linesID = try repository.changedLinesID(of: id)
    default:
      return known
    }
    store[id] = known
    return known
  }

  /// Reads `fact` of every commit in `ids` on every core, each worker with a repository
  /// handle of its own, when there are at least `minimum` commits per worker to pay for the
  /// handles (the target side of an old hotfix is most of a long history; full diffs of a
  /// release branch's translation updates take seconds each). Otherwise nothing is done here
  /// and each is read when it is asked for.
  /// - Throws: ``GitError`` when a handle cannot be opened or a commit cannot be read.
  func prefetch(_ fact: CommitFact, of ids: [ObjectID], minimum: Int) throws(GitError) {
    // In the order given (the walk's, by date): neighbours share trees and delta bases, so
    // libgit2's caches serve them; a shuffled order read 2 to 4 times the objects.
    var seen: Set<ObjectID> = []
    let wanted = ids.filter { id in
      guard seen.insert(id).inserted else { return false }
      guard let known = patches[id] else { return true }
      switch fact {
      case .rootKey: return false
      case .pathsKey: return known.changes && known.pathsKey == nil
      case .patchID: return known.changes && known.patchID == nil
      case .linesID: return known.changes && known.linesID == nil
      }
    }
    let workers = min(ProcessInfo.processInfo.activeProcessorCount, wanted.count / minimum)
    guard workers > 1 else { return }
    let store = patches
    // Contiguous runs, so that each worker's neighbours share trees; more runs than workers,
    // taken in turn, because commits cost unequally (a recent commit's trees are larger): two
    // halves left one worker idle for a third of the time.
    let runs = min(wanted.count, workers * 8)
    let next = Atomic<Int>(0)
    try onEveryCore(workers) { _, handle throws(GitError) in
      while true {
        let run = next.add(1, ordering: .relaxed).oldValue
        guard run < runs else { return }
        for index in (wanted.count * run / runs)..<(wanted.count * (run + 1) / runs) {
          _ = try Self.read(fact, of: wanted[index], in: handle, into: store)
        }
      }
    }
  }

  /// Runs `body` on `workers` threads at once, each with its worker number and a repository
  /// handle of its own (a `Repository` is used from one thread only).
  /// - Throws: the first worker's ``GitError`` (by worker number), after all have ended.
  func onEveryCore(
    _ workers: Int, _ body: @Sendable (Int, Repository) throws(GitError) -> Void
  ) throws(GitError) {
    let failures = ResultSlots<GitError>(count: workers)
    let (seam, component) = (repositories, component)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      do throws(GitError) {
        try body(worker, try seam.handle(component))
      } catch {
        failures[worker] = error
      }
    }
    if let failure = failures.values.first { throw failure }
  }
}
