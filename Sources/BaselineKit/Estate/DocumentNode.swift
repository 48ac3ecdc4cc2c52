import Yams

/// A node of a parsed YAML or JSON document: its content and the 1-based line and column (in
/// Unicode scalars) where it starts.
///
/// Both readers build it: YAML files through Yams (``YAMLNode/parse(_:file:)`` converts
/// Yams's nodes), JSON inventories through ``JSONReader``, which reads every string, number
/// and key exactly as written (Yams, through libyaml, dropped a U+FEFF inside a string and
/// folded U+0085 and U+2028; Foundation's parser rewrote `1.10` as `1.1`).
struct DocumentNode {
  /// What the node holds.
  enum Content {
    /// A scalar's text; `quoted` when it was written in quotes (every JSON string), so that
    /// `null`, `true` or `~` written in quotes are text and not null or a boolean.
    case scalar(String, quoted: Bool)
    /// A mapping's entries in document order; keys are nodes (YAML allows any node as a key).
    case mapping([(key: DocumentNode, value: DocumentNode)])
    /// A list's items in document order.
    case sequence([DocumentNode])
    /// An alias Yams left unresolved.
    case alias
  }

  var content: Content
  /// The 1-based line of the node's first character, when the reader knows it.
  var line: Int?
  /// The 1-based column, in Unicode scalars, of the node's first character.
  var column: Int?
}

extension DocumentNode {
  /// Converts a node that `Yams.compose` built, keeping each node's mark.
  init(_ node: Node) {
    switch node {
    case .scalar(let scalar):
      content = .scalar(scalar.string, quoted: scalar.style != .plain)
    case .mapping(let mapping):
      content = .mapping(mapping.map { (key: DocumentNode($0.key), value: DocumentNode($0.value)) })
    case .sequence(let sequence):
      content = .sequence(sequence.map(DocumentNode.init))
    case .alias:
      content = .alias
    }
    line = node.mark?.line
    column = node.mark?.column
  }
}
