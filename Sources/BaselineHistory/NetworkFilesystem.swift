import Foundation

/// Tells whether a path lies on a network filesystem, where SQLite's file locking is not
/// reliable: the filesystem type of the longest mount point above it in `/proc/self/mounts`.
public enum NetworkFilesystem {
  /// Filesystem types (as `/proc/self/mounts` names them) whose locking SQLite cannot trust.
  public static let types: Set<String> = [
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph", "glusterfs", "fuse.sshfs",
    "fuse.glusterfs", "afs", "lustre", "gfs2", "ocfs2", "coda", "davfs", "fuse.rclone",
  ]

  /// The filesystem's type when `path` (or, when it does not exist yet, its folder) is on a
  /// network filesystem; `nil` otherwise or when it cannot be told. `mounts`: the text of a
  /// mounts table to read instead of `/proc/self/mounts` (tests).
  public static func name(of path: String, mounts: String? = nil) -> String? {
    let url = URL(fileURLWithPath: path)
    let existing =
      FileManager.default.fileExists(atPath: path) ? url : url.deletingLastPathComponent()
    let real = existing.resolvingSymlinksInPath().path
    guard let table = mounts ?? (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8))
    else { return nil }
    var best: (point: String, type: String)?
    for line in table.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count >= 3 else { continue }
      // Spaces in mount points are written \040.
      let point = String(fields[1]).replacingOccurrences(of: "\\040", with: " ")
      let inside = point == "/" || real == point || real.hasPrefix(point + "/")
      if inside, point.count >= (best?.point.count ?? -1) { best = (point, String(fields[2])) }
    }
    guard let best, types.contains(best.type) else { return nil }
    return best.type
  }
}
