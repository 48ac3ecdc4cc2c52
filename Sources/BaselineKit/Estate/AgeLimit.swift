import Foundation

/// Reads `max_age:` values: a whole number followed by a unit, `s`, `m`, `h` or `d`, possibly
/// several in a row (`1d12h`).
enum AgeLimit {
  static func seconds(_ text: String) -> TimeInterval? {
    var total: TimeInterval = 0
    var digits = ""
    var sawUnit = false
    for character in text {
      if character.isASCIIDigit {
        digits.append(character)
        continue
      }
      let unit: TimeInterval
      switch character {
      case "s": unit = 1
      case "m": unit = 60
      case "h": unit = 3600
      case "d": unit = 86400
      default: return nil
      }
      guard let value = Double(digits), !digits.isEmpty else { return nil }
      total += value * unit
      digits = ""
      sawUnit = true
    }
    return digits.isEmpty && sawUnit && total > 0 ? total : nil
  }
}
