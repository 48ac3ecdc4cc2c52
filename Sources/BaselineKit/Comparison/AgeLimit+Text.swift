import Foundation

extension AgeLimit {
  /// An age for people: `50 min`, `31 h`, `4 d 3 h`.
  static func age(_ seconds: TimeInterval) -> String {
    let minutes = Int(seconds / 60)
    if minutes < 120 { return "\(minutes) min" }
    let hours = minutes / 60
    if hours < 48 { return "\(hours) h" }
    return "\(hours / 24) d \(hours % 24) h"
  }

  static func text(_ seconds: TimeInterval) -> String {
    let whole = Int(seconds)
    if whole % 86400 == 0 { return "\(whole / 86400)d" }
    if whole % 3600 == 0 { return "\(whole / 3600)h" }
    if whole % 60 == 0 { return "\(whole / 60)m" }
    return "\(whole)s"
  }
}
