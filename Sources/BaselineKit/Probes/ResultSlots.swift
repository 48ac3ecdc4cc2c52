import Foundation

/// Fixed slots written once each from concurrent iterations, read after they all end.
package final class ResultSlots<Value: Sendable>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  package init(count: Int) { slots = Array(repeating: nil, count: count) }

  package subscript(index: Int) -> Value? {
    get { lock.withLock { slots[index] } }
    set { lock.withLock { slots[index] = newValue } }
  }

  package var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
