public import Foundation

/// The estate's own folder for what Baseline keeps: `.baseline/` under the estate root,
/// with a `.gitignore` so that the history is never committed by accident.
public enum HistoryLocation {
  /// The default history of the estate at `root`: `.baseline/history.sqlite`.
  public static func defaultFile(root: URL) -> URL {
    root.appendingPathComponent(".baseline/history.sqlite")
  }

  /// Makes `folder` (and its `.gitignore`, holding `*`) when absent.
  /// - Throws: the file system's error when it cannot be made.
  public static func prepare(_ folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let ignore = folder.appendingPathComponent(".gitignore")
    if !FileManager.default.fileExists(atPath: ignore.path) {
      try Data("# Baseline's run history and caches: never committed.\n*\n".utf8).write(
        to: ignore, options: .atomic)
    }
  }
}
