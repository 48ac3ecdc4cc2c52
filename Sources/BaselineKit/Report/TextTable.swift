import Foundation

/// A plain-text table for people.
public enum TextTable {
  /// Left-aligned columns two spaces apart; the last column is not padded. Each cell is cut by
  /// ``InputError/shortened(_:)`` (a long value, never a sentence) and is one line (``Terminal/line(_:)``): a line feed in a reported value, a component's name or a
  /// verdict cannot start a line of its own.
  public static func render(_ rows: [[String]], indent: String) -> String {
    // A cell quotes at most a few hundred characters of a reported value (a 2 MB commit);
    // a sentence (a finding's message) stays whole.
    let rows = rows.map { $0.map { Terminal.line(InputError.shortened($0)) } }
    guard let columns = rows.map(\.count).max() else { return "" }
    var widths = Array(repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    return rows.map { row in
      indent
        + row.enumerated().map { index, cell in
          index == row.count - 1
            ? cell : cell + String(repeating: " ", count: widths[index] + 2 - cell.count)
        }.joined()
    }.joined(separator: "\n") + "\n"
  }
}
