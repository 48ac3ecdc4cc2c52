/// The rule for a history address (`history:` in `components.yaml`, `--history`,
/// `BASELINE_HISTORY`) that holds a secret; one rule for the estate's reader and the store's.
public enum HistoryAddress {
  /// Whether `text` holds a password: a `:` in its user info (between `://` and the last
  /// `@`), or a `password` parameter. Such an address is refused everywhere and never shown.
  public static func holdsPassword(_ text: String) -> Bool {
    guard let scheme = text.range(of: "://") else { return false }
    let rest = text[scheme.upperBound...]
    if let at = rest.lastIndex(of: "@"), rest[..<at].contains(":") { return true }
    return text.lowercased().contains("password=")
  }
}
