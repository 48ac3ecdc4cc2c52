import Foundation

/// How a file of the estate is read, by its path from the estate root (`Baselines/SIT-A.yaml`):
/// `nil` when it is absent. From disk (``Estate/diskReader(root:)``), or from an estate
/// revision in git (``EstateRevision``).
typealias EstateFileReader = (String) throws(InputError) -> InputFile?

extension Estate {
  /// Reads estate files from disk under `root` (``InputFile/read(_:shownAs:)``).
  static func diskReader(root: URL) -> EstateFileReader {
    { path throws(InputError) in
      try InputFile.read(root.appendingPathComponent(path), shownAs: path)
    }
  }
}
