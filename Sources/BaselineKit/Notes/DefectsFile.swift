public import Foundation

/// Reads the defects file a release note is given (`--defects FILE`): an export of the
/// tracker as CSV or JSON, giving each defect's severity, summary and status.
///
/// - CSV (RFC 4180: commas, double quotes around fields that hold commas, quotes or line
///   breaks, `""` for a quote): a header row naming the columns, case-insensitive; `id` is
///   required (`key` and `issue key` are read as `id`); `severity`, `summary` (or `title`) and
///   `status` are read when present; other columns are ignored.
/// - JSON: an array of objects with `id` (a string or a whole number) and optionally
///   `severity`, `summary`, `status` (strings).
///
/// The form is chosen by the first character that is not white space: `[` is JSON.
public enum DefectsFile {
  /// Reads and parses the file.
  /// - Parameters:
  ///   - url: the file.
  ///   - shown: how messages name it.
  /// - Returns: the defects in the file's order.
  /// - Throws: ``InputError`` with the line and column (CSV, JSON syntax) or the entry (JSON)
  ///   of the first problem: no such file, no `id` column, an entry without an id, an id
  ///   given twice, a quote left open.
  public static func load(_ url: URL, shownAs shown: String) throws(InputError) -> [TrackerDefect] {
    guard let file = try InputFile.read(url, shownAs: shown) else {
      throw InputError(file: shown, message: "no such file")
    }
    var text = try file.text()
    // A spreadsheet's export often begins with a byte order mark.
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let start = text.first { !$0.isWhitespace }
    return try start == "[" || start == "{" ? json(text, shown: shown) : csv(text, shown: shown)
  }

  /// The CSV form.
  static func csv(_ text: String, shown: String) throws(InputError) -> [TrackerDefect] {
    let rows = try CSVRows.parse(text, shown: shown)
    guard let header = rows.first else {
      throw InputError(
        file: shown, line: 1, column: 1, message: "empty: expected a header row with an id column")
    }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    func column(_ candidates: String...) -> Int? { names.firstIndex { candidates.contains($0) } }
    guard let idColumn = column("id", "key", "issue key", "issue id") else {
      let found = header.fields.joined(separator: ", ")
      let hint =
        header.fields.count == 1 && found.contains(";")
        ? " (the file seems to use ; between fields: export it with commas)" : ""
      throw InputError(
        file: shown, line: header.line, column: 1,
        message:
          "expected a header row with an id column (id, key, issue key or issue id; also read: "
          + "severity or priority, summary or title, status or state, issue type or type), "
          + "found \(found)\(hint)")
    }
    let severity = column("severity", "priority")
    let summary = column("summary", "title")
    let status = column("status", "state")
    let type = column("issue type", "type", "issuetype", "work item type")
    var result: [TrackerDefect] = []
    var seen: [String: Int] = [:]
    for row in rows.dropFirst() where !(row.fields.count == 1 && row.fields[0].isEmpty) {
      func field(_ index: Int?) -> String? {
        guard let index, index < row.fields.count else { return nil }
        let value = row.fields[index].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
      }
      guard let id = field(idColumn) else {
        throw InputError(
          file: shown, line: row.line, column: 1,
          message: "expected an id in column \(idColumn + 1)")
      }
      if let first = seen[id] {
        throw InputError(
          file: shown, line: row.line, column: 1,
          message: "\(id) is listed twice (first on line \(first))")
      }
      seen[id] = row.line
      var defect = TrackerDefect(
        id: id, severity: field(severity), summary: field(summary), status: field(status))
      defect.type = field(type)
      result.append(defect)
    }
    return result
  }

  /// The JSON form.
  static func json(_ text: String, shown: String) throws(InputError) -> [TrackerDefect] {
    try JSONReader.check(text, source: shown)
    guard let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else {
      throw InputError(
        file: shown, line: 1, column: 1,
        message: "expected an array of objects with an id, found another JSON value")
    }
    var result: [TrackerDefect] = []
    var seen: [String: Int] = [:]
    for (index, element) in array.enumerated() {
      guard let object = element as? [String: Any] else {
        throw InputError(
          file: shown, keyPath: "[\(index)]", message: "expected an object with an id")
      }
      let id: String
      switch object["id"] {
      case let text as String where !text.trimmingCharacters(in: .whitespaces).isEmpty:
        id = text.trimmingCharacters(in: .whitespaces)
      // A whole number written as one (`7`, not `7.0`, `1e2` or `true`).
      case let number as NSNumber
      where !"cdf".contains(String(cString: number.objCType))
        && number.doubleValue == number.doubleValue.rounded():
        id = number.stringValue
      default:
        throw InputError(
          file: shown, keyPath: "[\(index)].id",
          message: "expected an id (a string or a whole number)")
      }
      func text(_ key: String) throws(InputError) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let string = value as? String else {
          throw InputError(file: shown, keyPath: "[\(index)].\(key)", message: "expected a string")
        }
        return string
      }
      if let first = seen[id] {
        throw InputError(
          file: shown, keyPath: "[\(index)].id",
          message: "\(id) is listed twice (first as entry [\(first)])")
      }
      seen[id] = index
      var defect = TrackerDefect(
        id: id, severity: try text("severity"), summary: try text("summary"),
        status: try text("status"))
      defect.type = try text("type")
      result.append(defect)
    }
    return result
  }
}
