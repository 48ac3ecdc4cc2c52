public import Git

extension Dictionary where Key == String {
  /// The value whose key has exactly `key`'s bytes (``Git/StringProtocol/hasSameBytes(as:)``);
  /// `nil` when the dictionary holds none, or holds it under a key that only Unicode calls
  /// equal (`café` composed where `café` decomposed was asked for): a program reading its
  /// configuration, and the file system, tell such keys apart, so a reported setting or
  /// file under the other spelling is not the declared one.
  public func value(exactlyAt key: String) -> Value? {
    guard let index = index(forKey: key), self[index].key.hasSameBytes(as: key) else {
      return nil
    }
    return self[index].value
  }
}
