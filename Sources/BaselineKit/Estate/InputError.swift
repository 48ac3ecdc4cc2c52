/// Input that Baseline cannot use: an estate file, an inventory or an argument that is wrong.
///
/// Its ``description`` is the line a person reads: the file, line and column, the key path,
/// what was found and what was expected, e.g.
/// `Baselines/SIT-A.yaml:7:14: components.alpha.version: expected a release like 1.2.0.0
/// (mhhs), found "1.2"`. The command line turns it into exit code 2.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file, as the user would name it (relative to the estate root where possible).
  public let file: String
  /// 1-based line, when known.
  public let line: Int?
  /// 1-based column (in Unicode scalars), when known.
  public let column: Int?
  /// The dotted key path inside the file, e.g. `components.alpha.version`; empty for the file.
  public let keyPath: String
  /// What is wrong and what was expected.
  public let message: String

  /// Makes an input error.
  public init(
    file: String, line: Int? = nil, column: Int? = nil, keyPath: String = "", message: String
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.keyPath = keyPath
    self.message = message
  }

  /// The line a person reads, `file:line:column: keypath: message`, as ``shownFile``,
  /// ``shownKeyPath`` and ``shownMessage`` show each part: control characters from the input
  /// escaped, never obeyed, and at most a few hundred characters of any value.
  public var description: String {
    var location = shownFile
    if let line { location += ":\(line)" }
    if let column { location += ":\(column)" }
    let message = shownMessage
    return keyPath.isEmpty
      ? "\(location): \(message)" : "\(location): \(shownKeyPath): \(message)"
  }
}
