internal import CLibGit2

/// A full object id (SHA-1, 40 lowercase hex digits), as a value.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The 40 hex digits.
  public let hex: String

  /// Makes an id from 40 hex digits; `nil` for anything else.
  public init?(hex: String) {
    let lower = hex.lowercased()
    guard lower.utf8.count == 40, lower.utf8.allSatisfy(\.isHexDigit) else { return nil }
    self.hex = lower
  }

  init(_ oid: UnsafePointer<git_oid>) {
    var buffer = [CChar](repeating: 0, count: 41)
    git_oid_tostr(&buffer, 41, oid)
    self.hex = String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  init(_ oid: git_oid) {
    var copy = oid
    self.init(&copy)
  }

  var oid: git_oid {
    var result = git_oid()
    _ = git_oid_fromstr(&result, hex)
    return result
  }

  /// The first seven digits, for tables; reports always carry the full id as well.
  public var short: String { String(hex.prefix(7)) }
  public var description: String { hex }
  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }
}

extension UInt8 {
  var isHexDigit: Bool {
    (0x30...0x39).contains(self) || (0x61...0x66).contains(self) || (0x41...0x46).contains(self)
  }
}
