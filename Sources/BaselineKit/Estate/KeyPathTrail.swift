/// Where a node is in its document, as messages spell it (`components[3].settings.k`): a chain
/// from the node up to the root, spelled only when a message needs it.
///
/// A nightly report of 100,000 cells reads every entry of every inventory and baseline, and
/// no message shows the path of one that reads well; building each path's text as the reader
/// went down was a tenth of reading an inventory.
final class KeyPathTrail: Sendable {
  /// One step down from the parent.
  enum Step: Sendable {
    /// A mapping's key.
    case key(String)
    /// A list's item, by its 0-based position.
    case item(Int)
  }

  let parent: KeyPathTrail?
  let step: Step

  init(parent: KeyPathTrail?, step: Step) {
    self.parent = parent
    self.step = step
  }

  /// The path's text: keys joined by `.`, items as `[N]` (`components[3].settings.k`).
  var text: String {
    var steps: [Step] = []
    var current: KeyPathTrail? = self
    while let trail = current {
      steps.append(trail.step)
      current = trail.parent
    }
    var result = ""
    for step in steps.reversed() {
      switch step {
      case .key(let key):
        result += (result.isEmpty || key.hasPrefix("[") ? "" : ".") + key
      case .item(let index):
        result += "[\(index)]"
      }
    }
    return result
  }
}
