internal import CLibGit2

/// A full object id (SHA-1), as a value: 20 bytes, compared and hashed as three integers, and
/// written as 40 lowercase hex digits (``hex``).
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
  // The 20 bytes, big-endian, so that integer order is the order of the hex text.
  private let high: UInt64
  private let middle: UInt64
  private let low: UInt32

  /// Makes an id from 40 hex digits (either case); `nil` for anything else.
  public init?(hex: String) {
    self.init(hexDigits: hex.utf8)
  }

  /// Makes an id from 40 hex digits as UTF-8 bytes (either case), read where they lie (a raw
  /// object's `tree` line); `nil` for anything else.
  init?(hexDigits: some Collection<UInt8>) {
    guard hexDigits.count == 40 else { return nil }
    var numbers: (UInt64, UInt64, UInt64) = (0, 0, 0)
    for (index, digit) in hexDigits.enumerated() {
      guard let value = Self.value(of: digit) else { return nil }
      switch index {
      case 0..<16: numbers.0 = numbers.0 << 4 | UInt64(value)
      case 16..<32: numbers.1 = numbers.1 << 4 | UInt64(value)
      default: numbers.2 = numbers.2 << 4 | UInt64(value)
      }
    }
    (high, middle, low) = (numbers.0, numbers.1, UInt32(numbers.2))
  }

  init(_ oid: UnsafePointer<git_oid>) {
    (high, middle, low) = withUnsafeBytes(of: oid.pointee.id) { raw in
      (
        UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
        UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
        UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
      )
    }
  }

  init(_ oid: git_oid) {
    var copy = oid
    self.init(&copy)
  }

  /// Makes an id from its 20 raw bytes (as stored on disk); `nil` for any other count.
  public init?(bytes: some Collection<UInt8>) {
    guard bytes.count == 20 else { return nil }
    let values = Array(bytes)
    func number(_ range: Range<Int>) -> UInt64 { values[range].reduce(0) { $0 << 8 | UInt64($1) } }
    high = number(0..<8)
    middle = number(8..<16)
    low = UInt32(number(16..<20))
  }

  /// The 20 raw bytes, in order.
  public var bytes: [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(20)
    for shift in stride(from: 56, through: 0, by: -8) {
      result.append(UInt8(truncatingIfNeeded: high >> shift))
    }
    for shift in stride(from: 56, through: 0, by: -8) {
      result.append(UInt8(truncatingIfNeeded: middle >> shift))
    }
    for shift in stride(from: 24, through: 0, by: -8) {
      result.append(UInt8(truncatingIfNeeded: low >> shift))
    }
    return result
  }

  var oid: git_oid {
    var result = git_oid()
    withUnsafeMutableBytes(of: &result.id) { raw in
      raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
      raw.storeBytes(of: middle.bigEndian, toByteOffset: 8, as: UInt64.self)
      raw.storeBytes(of: low.bigEndian, toByteOffset: 16, as: UInt32.self)
    }
    return result
  }

  /// The 40 hex digits, lower case.
  public var hex: String {
    String(unsafeUninitializedCapacity: 40) { buffer in
      let digits: StaticString = "0123456789abcdef"
      func write(_ value: UInt64, count: Int, at start: Int) {
        for index in 0..<count {
          let nibble = Int(truncatingIfNeeded: value >> (4 * (count - 1 - index))) & 0x0F
          buffer[start + index] = digits.utf8Start[nibble]
        }
      }
      write(high, count: 16, at: 0)
      write(middle, count: 16, at: 16)
      write(UInt64(low), count: 8, at: 32)
      return 40
    }
  }

  /// The first seven digits, for tables; reports always carry the full id as well.
  public var short: String { String(hex.prefix(7)) }

  /// Whether `text` is spelled as an object id, full or abbreviated: 4 to 40 ASCII hex
  /// digits (as `git_oid_fromstrn` reads them). Anything else names a branch or nothing.
  public static func isSpelledAsID(_ text: String) -> Bool {
    (4...40).contains(text.utf8.count) && text.utf8.allSatisfy(\.isHexDigit)
  }
  public var description: String { hex }

  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
    (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
  }

  private static func value(of digit: UInt8) -> UInt8? {
    switch digit {
    case 0x30...0x39: return digit - 0x30
    case 0x61...0x66: return digit - 0x61 + 10
    case 0x41...0x46: return digit - 0x41 + 10
    default: return nil
    }
  }
}

extension UInt8 {
  var isHexDigit: Bool {
    (0x30...0x39).contains(self) || (0x61...0x66).contains(self) || (0x41...0x46).contains(self)
  }
}

extension ObjectID: Codable {
  /// Reads 40 hex digits.
  /// - Throws: `DecodingError.dataCorrupted` for anything else.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let id = ObjectID(hex: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "not a 40-digit object id: \(text.prefix(48))")
    }
    self = id
  }

  /// Writes the 40 hex digits.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(hex)
  }
}
