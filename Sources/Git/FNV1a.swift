/// FNV-1a, 64 bits: the one non-cryptographic hash Baseline keeps in files and keys (paths
/// keys, the attributes fingerprint, the patch-id cache's checksum). Stable across runs and
/// machines, unlike `Hasher`; not a defence against a forger.
public struct FNV1a: Sendable, Hashable {
  /// The hash so far (the offset basis before any byte).
  public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  /// An empty hash.
  public init() {}

  /// Adds one byte.
  public mutating func add(_ byte: UInt8) {
    value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
  }

  /// Adds every byte of `bytes`, in order.
  public mutating func add(contentsOf bytes: some Sequence<UInt8>) {
    // Through contiguous storage where there is one: a generic iterator costs several times
    // the hashing on a cache file of megabytes.
    let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      var value = self.value
      for byte in buffer { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
      self.value = value
    }
    if done != nil { return }
    for byte in bytes { add(byte) }
  }

  /// The hash of `bytes`.
  public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var hash = FNV1a()
    hash.add(contentsOf: bytes)
    return hash.value
  }
}
