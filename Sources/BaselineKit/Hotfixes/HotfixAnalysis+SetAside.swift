import Foundation
import Git

extension HotfixAnalysis.Run {
  /// What a hotfix commit with no equal patch-id in the target is instead, tried in order:
  /// named by a target commit's `(cherry picked from commit …)` trailer; the same added and
  /// removed lines as a candidate (`same_changes`); a candidate a person reviewed
  /// (`reviewed:`); a candidate with the same subject (`same_subject`, for a person to
  /// decide). `nil`: the commit is missing. (Bookkeeping was set aside before any of this.)
  /// - Parameters:
  ///   - commit: the hotfix's commit.
  ///   - candidates: the target's commits that change the same paths (same paths key).
  ///   - nearest: those of them compared line by line (the nearest in time).
  ///   - picker: the target commit whose trailer names `commit`, if any.
  ///   - targetSide: the target's commits (reachable from it and not from the hotfix), where
  ///     a `reviewed:` entry's equivalent must be; empty when the component has no reviews.
  /// - Returns: the entry for `set_aside`, or `nil` when the commit is missing.
  /// - Throws: ``GitError`` when a commit or its diff cannot be read.
  func settle(
    _ commit: Commit, candidates: [ObjectID], nearest: [ObjectID], pickedBy picker: ObjectID?,
    targetSide: Set<ObjectID>
  ) throws(GitError) -> SetAsideCommit? {
    func entry(_ reason: SetAsideCommit.Reason, _ match: ObjectID?, _ detail: String)
      -> SetAsideCommit
    {
      SetAsideCommit(
        commit: commit.id, summary: commit.summary, reason: reason, match: match, detail: detail)
    }
    if let picker {
      return entry(
        .trailer, picker, "\(picker.short)'s (cherry picked from commit …) trailer names it")
    }
    if !nearest.isEmpty, let mine = try linesID(commit.id) {
      for candidate in nearest where try linesID(candidate) == mine {
        return entry(
          .sameChanges, candidate,
          "\(candidate.short) adds and removes the same lines in the same files "
            + "(only context lines or positions differ)")
      }
    }
    // A person's review names any target commit, whatever its subject or files.
    if let review = component.reviews.first(where: {
      $0.commit == commit.id && targetSide.contains($0.equivalent)
    }) {
      return entry(
        .reviewed, review.equivalent,
        "reviewed as carried by \(review.equivalent.short): \(review.reason) (\(review.reference))")
    }
    var sameSubject: [ObjectID] = []
    for candidate in candidates where try repository.commit(candidate).summary == commit.summary {
      sameSubject.append(candidate)
    }
    if let candidate = sameSubject.first {
      return entry(
        .sameSubject, candidate,
        "\(candidate.short) has the same subject and changes the same files with another "
          + "patch: a person must decide (record it under reviewed:)")
    }
    return nil
  }

  /// The bookkeeping rule that `commit` falls under, as text for people, or `nil`.
  func bookkeepingRule(for commit: Commit) throws(GitError) -> String? {
    try patches.bookkeepingRule(of: commit.id) { () throws(GitError) in
      try readBookkeepingRule(for: commit)
    }
  }

  private func readBookkeepingRule(for commit: Commit) throws(GitError) -> String? {
    let rules = component.bookkeeping
    for (pattern, regex) in subjectPatterns {
      // A pattern can backtrack for ever on one subject: the time limit then names it.
      let cause =
        "the bookkeeping subject \"\(InputError.shortened(pattern))\" did not finish matching "
        + "the subject of \(commit.id.short); simplify the pattern (nested repetition such as "
        + "(a+)+ can take exponential time)"
      let matches = RepositoryWatch.shared.during(
        component.repository, "matching bookkeeping subjects", cause: cause
      ) { commit.summary.contains(regex) }
      if matches { return "its subject matches the bookkeeping subject \"\(pattern)\"" }
    }
    guard !rules.paths.isEmpty, let paths = try repository.changedPaths(of: commit.id),
      !paths.isEmpty
    else { return nil }
    var used: [String] = []
    for path in paths {
      guard let pattern = rules.paths.first(where: { $0.matches(path) }) else { return nil }
      if !used.contains(pattern.text) { used.append(pattern.text) }
    }
    return "it changes only bookkeeping paths (\(used.joined(separator: ", ")))"
  }
}
