extension InputError {
  /// The most characters of one quoted value, file path or key path that a message shows.
  public static let quoteLimit = 200
  /// The most characters of a whole message, after each quoted value is cut.
  public static let messageLimit = 2_000

  /// The file as a message shows it: on one line, control characters escaped, at most
  /// ``quoteLimit`` characters.
  public var shownFile: String { Self.shown(file) }

  /// The key path as a message shows it, like ``shownFile``.
  public var shownKeyPath: String { Self.shown(keyPath) }

  /// The message as shown: each quoted value (between `"`) cut to ``quoteLimit`` characters,
  /// the whole to ``messageLimit``, on one line with control characters escaped.
  public var shownMessage: String {
    let parts = message.split(separator: "\"", omittingEmptySubsequences: false)
    let cut = parts.enumerated().map { index, part in
      index % 2 == 1 ? Self.cut(String(part), to: Self.quoteLimit) : String(part)
    }
    return Terminal.line(Self.cut(cut.joined(separator: "\""), to: Self.messageLimit))
  }

  /// `text` on one line with control characters escaped, cut to ``quoteLimit`` characters.
  static func shown(_ text: String) -> String {
    Terminal.line(cut(text, to: quoteLimit))
  }

  /// `text` cut to `limit` characters, saying how many more there were: the one rule by
  /// which an input error quotes at most a few hundred characters of any input.
  /// - Parameters:
  ///   - text: a value from outside (a path, a key, a value found).
  ///   - limit: the most characters kept.
  /// - Returns: `text`, or its first `limit` characters and `…(N more characters)`.
  static func cut(_ text: String, to limit: Int) -> String {
    guard text.utf8.count > limit else { return text }
    let kept = text.prefix(limit)
    let more = text.count - kept.count
    return more == 0 ? text : kept + "…(\(more) more characters)"
  }

  /// Text that quotes values (a finding's message, a table cell): each run without a space (a
  /// reported commit, a value, a path) cut to ``quoteLimit`` characters and the whole to
  /// ``messageLimit``, saying how many more there were. Sentences are left whole (their words
  /// are short); only a long value is cut (a 2 MB commit made a 2 MB message).
  /// - Parameter text: the text.
  /// - Returns: `text`, or `text` with its long runs cut.
  public static func shortened(_ text: String) -> String {
    guard text.utf8.count > quoteLimit else { return text }
    let words = text.split(separator: " ", omittingEmptySubsequences: false).map { word in
      // Punctuation after the value belongs to the sentence: kept after the cut.
      let value = word.reversed().drop { ",.;:)".contains($0) }.reversed()
      let punctuation = word.dropFirst(value.count)
      return cut(String(value), to: quoteLimit) + punctuation
    }
    return cut(words.joined(separator: " "), to: messageLimit)
  }
}
