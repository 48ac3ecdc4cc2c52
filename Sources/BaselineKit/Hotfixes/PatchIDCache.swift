import Foundation
import Git

/// Patch-ids by commit, computed once and shared by the threads of one analysis (a lock
/// guards the table; a patch-id is a value, so two threads that race compute the same one).
final class PatchIDCache: @unchecked Sendable {
  private let lock = NSLock()
  private var table: [ObjectID: String?] = [:]

  subscript(id: ObjectID) -> String?? {
    get { lock.withLock { table[id] } }
    set {
      // `nil` (a merge, or no change) is a value worth keeping, not a removal.
      guard let value = newValue else { return }
      lock.withLock { _ = table.updateValue(value, forKey: id) }
    }
  }
}
