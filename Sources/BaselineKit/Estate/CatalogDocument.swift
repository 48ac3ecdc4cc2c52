import Foundation

/// `Baselines/components.yaml`, parsed once per process for the same bytes.
///
/// One run reads the catalogue up to three times: the history options look for `history:`
/// while checking the arguments and again when opening the store, then the estate loads it.
/// At 2,000 components each parse took about 60 ms. The last document parsed is kept with
/// its text; a read whose text (and shown name) is byte for byte the same gets the same
/// nodes, any other is parsed afresh. A file that does not parse is never kept.
enum CatalogDocument {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var last: (shown: String, text: String, node: YAMLNode)?

  /// The root node of `file`, a catalogue read by ``InputFile``.
  /// - Throws: ``InputError`` when it is not UTF-8 or not valid YAML.
  static func load(_ file: InputFile) throws(InputError) -> YAMLNode {
    let text = try file.text()
    if let kept = lock.withLock({ last }), kept.shown == file.shown,
      kept.text.utf8.elementsEqual(text.utf8)
    {
      return kept.node
    }
    let node = try YAMLNode.parse(text, file: file.shown)
    lock.withLock { last = (file.shown, text, node) }
    return node
  }
}
