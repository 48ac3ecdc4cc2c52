import ArgumentParser
import BaselineKit
import Foundation

/// Where a command writes what it prints: standard output, `--output FILE` (atomically), or,
/// repeated, `--output FORMAT=FILE` for each form wanted, so that one run (one probing) writes
/// several (`--output json=r.json --output junit=r.xml`).
struct OutputOptions: ParsableArguments {
  @Option(
    name: .long,
    help: """
      Write to this file (atomically) instead of standard output; FORMAT=FILE writes that \
      form there (repeatable: one run, several files).
      """)
  var output: [String] = []

  /// One place to write: a form (`nil`: the one `--format` names) and a file.
  struct Destination: Equatable {
    let format: String?
    let path: String
  }

  /// The destinations, in the order given. `FORMAT=FILE` is read as such only when FORMAT is
  /// a lower-case word (a file name with `=` in it stays a file name).
  var destinations: [Destination] {
    output.map { text in
      if let equals = text.firstIndex(of: "="), equals != text.startIndex,
        text[..<equals].allSatisfy({ $0.isASCII && $0.isLowercase })
      {
        return Destination(
          format: String(text[..<equals]), path: String(text[text.index(after: equals)...]))
      }
      return Destination(format: nil, path: text)
    }
  }

  /// Checks each file's folder before any probe runs, so that a bad path costs nothing, and
  /// that at most one file takes `--format`'s form and no file is named twice.
  func validate() throws {
    let all = destinations
    if all.filter({ $0.format == nil }).count > 1 {
      throw ValidationError(
        "--output FILE is given twice; name each file's form (--output json=r.json)")
    }
    var seen: Set<String> = []
    for destination in all {
      if destination.path.isEmpty {
        throw ValidationError("--output \(destination.format ?? "")= needs a file after =")
      }
      // One file under two spellings (./a, a link to a) is one file.
      let real = URL(fileURLWithPath: destination.path).resolvingSymlinksInPath().path
      guard seen.insert(real).inserted else {
        throw ValidationError("--output names \(destination.path) twice")
      }
      if let problem = AtomicFile.problem(writing: URL(fileURLWithPath: destination.path)) {
        throw ValidationError("--output \(destination.path): \(problem)")
      }
    }
  }

  /// Refuses a `FORMAT=` that the command cannot write.
  func check<Format: CaseIterable & RawRepresentable>(_: Format.Type) throws
  where Format.RawValue == String {
    for destination in destinations {
      guard let name = destination.format, Format(rawValue: name) == nil else { continue }
      let forms = Format.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError(
        "--output \(name)=\(destination.path): this command writes no \(name); it writes \(forms)")
    }
  }

  /// Refuses any `FORMAT=` for a command that writes one form only (`probe`'s inventory).
  func refuseForms(writing form: String) throws {
    guard let named = destinations.first(where: { $0.format != nil }) else { return }
    throw ValidationError(
      "--output \(named.format ?? "")=\(named.path): this command writes \(form) only; "
        + "give --output FILE")
  }

  /// Refuses an output file that is the run history (or its `-wal`/`-shm` companions), by path
  /// or through a link: writing it would destroy the history.
  func refuseOverwriting(history path: String?) throws {
    guard let path else { return }
    let history = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    for destination in destinations {
      let target = URL(fileURLWithPath: destination.path).resolvingSymlinksInPath().path
      if [history, history + "-wal", history + "-shm", history + "-journal"].contains(target) {
        throw ValidationError(
          "--output \(destination.path) is the run history \(path): writing it would destroy "
            + "the history; write the output elsewhere")
      }
    }
  }

  /// Refuses an output file that is one of the command's input files (`--inventory`), by
  /// path or through a link: writing it would replace the saved inventory the report or the
  /// evidence cites by its sha256.
  func refuseOverwriting(_ inputs: [String]) throws {
    for destination in destinations {
      guard let target = Self.identity(destination.path) else { continue }
      for input in inputs where Self.identity(input) == target {
        throw ValidationError(
          "--output \(destination.path) is the file --inventory \(input) reads: writing it "
            + "would replace the saved inventory; write the output elsewhere")
      }
    }
  }

  /// The device and inode a path names, following links; `nil` when it does not exist.
  private static func identity(_ path: String) -> [UInt64]? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return [UInt64(info.st_dev), UInt64(info.st_ino)]
  }

  /// A line on standard error per file written, for logs of jobs that write files; nothing
  /// once a signal has closed the output gate (what was cut short is not announced).
  func announce(_ summary: String) {
    guard OutputGate.shared.isOpen else { return }
    for destination in destinations {
      Console.error("baseline: wrote \(destination.path): \(summary)\n")
    }
  }

  /// Writes `text` to the output file, or to standard output (a command with one form).
  /// - Throws: ``OutputError`` when it cannot be written, or when a signal has closed the
  ///   output gate (then nothing is written and the previous file stays).
  func emit(_ text: String) throws(OutputError) {
    guard !destinations.isEmpty else { return try Console.output(text) }
    for destination in destinations {
      try AtomicFile.write(
        text, to: URL(fileURLWithPath: destination.path), named: destination.path)
    }
  }

  /// Writes `render(format)` to standard output when no file is named, else each file's
  /// form to it (a plain `--output FILE` takes `format`).
  /// - Throws: ``OutputError`` as ``emit(_:)``.
  func emit<Format: RawRepresentable>(_ format: Format, _ render: (Format) -> String)
    throws(OutputError) where Format.RawValue == String
  {
    guard !destinations.isEmpty else { return try Console.output(render(format)) }
    for destination in destinations {
      let form = destination.format.flatMap(Format.init(rawValue:)) ?? format
      try AtomicFile.write(
        render(form), to: URL(fileURLWithPath: destination.path), named: destination.path)
    }
  }

  /// Colour only for text on a terminal, never in a file, and not when NO_COLOR is set.
  var colour: Bool {
    output.isEmpty && isatty(STDOUT_FILENO) == 1
      && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }
}
