import Git

/// Commit ids as tables show them.
enum ObjectIDText {
  /// The first seven digits of a full id; other text as it is.
  static func short(_ text: String) -> String {
    ObjectID(hex: text) == nil ? text : String(text.prefix(7))
  }
}
