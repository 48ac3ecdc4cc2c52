import Foundation

/// The words every renderer uses for what the run history says of findings.
enum HistoryText {
  /// `NEW `, `REOPENED (first seen 2026-11-02) `, or nothing for a known finding.
  static func mark(_ history: FindingHistory) -> String {
    switch history.state {
    case .new: return "NEW "
    case .reopened: return "REOPENED (first seen \(day(history.firstSeen))) "
    case .known: return ""
    }
  }

  /// ` (since 2026-11-02, 12 days)` for a finding that stood before this run; nothing for a
  /// new one.
  static func age(_ history: FindingHistory) -> String {
    guard history.state == .known else { return "" }
    let days = calendarDays(from: history.since, to: history.seenAt)
    return " (since \(day(history.since)), \(days) day\(days == 1 ? "" : "s"))"
  }

  /// `2 new, 5 known, 1 reopened; 1 resolved since the previous run (2026-11-30 01:00 UTC)`,
  /// with `(1 of them accepted)` after the states when `accepted` of the findings are
  /// accepted deviations (the status line counts those apart).
  static func counts(_ history: EnvironmentHistory, accepted: Int = 0) -> String {
    let states = history.findings.map(\.state)
    let parts = FindingHistory.State.allCases.map { state in
      "\(states.filter { $0 == state }.count) \(state.rawValue)"
    }
    let previous = history.previousRun.map { "the previous run (\(Timestamp.human($0)))" }
    let unchecked =
      history.unchecked.isEmpty
      ? "" : "; \(history.unchecked.count) not checked (their state is unknown this run)"
    let acceptedNote = accepted == 0 ? "" : " (\(accepted) of them accepted)"
    return parts.joined(separator: ", ") + acceptedNote + "; \(history.resolved.count) resolved"
      + (previous.map { " since \($0)" } ?? " (the first recorded run)") + unchecked
  }

  /// `setting_drift alpha log.level (stood since 2026-11-02): message`.
  static func resolved(_ resolved: ResolvedFinding) -> String {
    let subject = [resolved.component, resolved.key].compactMap { $0 }.joined(separator: " ")
    let named = subject.isEmpty ? "" : " " + subject
    return "\(resolved.kind.rawValue)\(named)"
      + " (stood since \(day(resolved.firstSeen))): \(resolved.message)"
  }

  /// UTC calendar days from one time to another (a nightly run a second earlier than the
  /// night before still counts the day).
  static func calendarDays(from start: Date, to end: Date) -> Int {
    func day(_ date: Date) -> Int {
      let seconds = Timestamp.wholeSeconds(date.timeIntervalSince1970)
      return seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }
    return max(0, day(end) - day(start))
  }

  /// `2026-11-02`.
  static func day(_ date: Date) -> String { String(Timestamp.string(date).prefix(10)) }
}
