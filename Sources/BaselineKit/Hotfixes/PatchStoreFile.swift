import Git

/// The on-disk form of a ``PatchStore``: `BLPATCH3` (the form and the meaning of its ids:
/// `BLPATCH1` files, whose keys kept whitespace, and `BLPATCH2` files, without root keys, are
/// not read), then the repository's attributes fingerprint (8 bytes little-endian: the ids
/// depend on `.gitattributes`, see ``Git/Repository/attributesFingerprint()``), then one
/// 77-byte record per commit (its id, 20 bytes; flags, 1 byte: 1 has a root key, 2 names a
/// pick source, 4 has a patch-id, 8 has a lines id, 16 has a paths key; the root key and the
/// paths key, 8 bytes little-endian each; the patch-id and the lines id, 20 bytes each, zero
/// when absent), then an FNV-1a 64-bit checksum of everything before it, little-endian.
///
/// A file that is short, foreign or fails its checksum decodes to nothing: a cache that
/// cannot be trusted is not used, and the next save replaces it.
enum PatchStoreFile {
  static let magic = Array("BLPATCH3".utf8)
  static let recordSize = 77
  /// The largest file read: 16 million commits (a file claiming more is not trusted, and is
  /// not read into memory).
  static let largest = 24 + 16_000_000 * recordSize

  /// Whether a file of `size` bytes can be one of this form, before it is read.
  static func plausible(size: Int) -> Bool {
    size >= 24 && size <= largest && (size - 24) % recordSize == 0
  }

  /// The records of `bytes`; `nil` when `bytes` is no intact file of this form, or one made
  /// under other attributes than `fingerprint`.
  static func decode(_ bytes: [UInt8], fingerprint: UInt64) -> [ObjectID: CommitPatch]? {
    let body = bytes.count - magic.count - 16
    guard body >= 0, body % recordSize == 0, Array(bytes.prefix(magic.count)) == magic,
      readInteger(bytes, at: bytes.count - 8) == checksum(bytes[..<(bytes.count - 8)]),
      readInteger(bytes, at: magic.count) == fingerprint
    else { return nil }
    var table: [ObjectID: CommitPatch] = [:]
    table.reserveCapacity(body / recordSize)
    var offset = magic.count + 8
    while offset < bytes.count - 8 {
      guard let id = ObjectID(bytes: bytes[offset..<(offset + 20)]) else { return nil }
      let flags = bytes[offset + 20]
      let root = readInteger(bytes, at: offset + 21)
      let paths = readInteger(bytes, at: offset + 29)
      let patch = ObjectID(bytes: bytes[(offset + 37)..<(offset + 57)])
      let lines = ObjectID(bytes: bytes[(offset + 57)..<(offset + 77)])
      table[id] = CommitPatch(
        rootKey: flags & 1 != 0 ? root : nil, pathsKey: flags & 16 != 0 ? paths : nil,
        namesPickSource: flags & 2 != 0, patchID: flags & 4 != 0 ? patch : nil,
        linesID: flags & 8 != 0 ? lines : nil)
      offset += recordSize
    }
    return table
  }

  /// The file holding `table`, records in commit order (so equal tables give equal files).
  static func encode(_ table: [ObjectID: CommitPatch], fingerprint: UInt64) -> [UInt8] {
    var bytes = magic
    bytes.reserveCapacity(magic.count + table.count * recordSize + 16)
    appendInteger(fingerprint, to: &bytes)
    for (id, patch) in table.sorted(by: { $0.key < $1.key }) {
      bytes += id.bytes
      var flags: UInt8 = 0
      if patch.rootKey != nil { flags |= 1 }
      if patch.namesPickSource { flags |= 2 }
      if patch.patchID != nil { flags |= 4 }
      if patch.linesID != nil { flags |= 8 }
      if patch.pathsKey != nil { flags |= 16 }
      bytes.append(flags)
      appendInteger(patch.rootKey ?? 0, to: &bytes)
      appendInteger(patch.pathsKey ?? 0, to: &bytes)
      bytes += patch.patchID?.bytes ?? Array(repeating: 0, count: 20)
      bytes += patch.linesID?.bytes ?? Array(repeating: 0, count: 20)
    }
    appendInteger(checksum(bytes[...]), to: &bytes)
    return bytes
  }

  static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    FNV1a.hash(bytes)
  }

  static func readInteger(_ bytes: [UInt8], at offset: Int) -> UInt64 {
    (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
  }

  static func appendInteger(_ value: UInt64, to bytes: inout [UInt8]) {
    for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
  }
}
