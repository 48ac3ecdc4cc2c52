import Foundation

/// An exclusive lock on one mirror (`flock` on `baseline-fetch.lock` inside it), held by a
/// fetch from before it clears the landing namespace until it has landed: two fetches of one
/// mirror, in one process or two, take turns. Released on ``release()`` or when the process
/// ends.
final class MirrorLock {
  private let descriptor: Int32

  /// Waits for the lock.
  /// - Throws: ``GitError`` when the lock file cannot be opened.
  init(mirror: String) throws(GitError) {
    descriptor = open(mirror + "/baseline-fetch.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw GitError(
        code: .other, function: "open", path: mirror,
        message: "cannot lock the mirror \(mirror): \(String(cString: strerror(errno)))")
    }
    while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
  }

  /// Lets the next fetch of the mirror go on.
  func release() {
    _ = flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
