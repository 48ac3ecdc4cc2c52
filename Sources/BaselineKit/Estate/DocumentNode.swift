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
  ///
  /// Yams resolves each alias to the node it names, shared, not copied; converting copies. A
  /// file of nested aliases (each a list of ten aliases to the one before) doubles nothing in
  /// Yams yet would become 10⁹ nodes here: `budget` counts the nodes converted, and the
  /// caller gives a document at most one per byte of its text and 100,000 more for honest
  /// aliases.
  /// - Throws: ``Overflow`` at the node where the budget runs out.
  init(_ node: Node, budget: inout Int) throws(Overflow) {
    budget -= 1
    guard budget >= 0 else { throw Overflow(line: node.mark?.line, column: node.mark?.column) }
    switch node {
    case .scalar(let scalar):
      content = .scalar(scalar.string, quoted: scalar.style != .plain)
    case .mapping(let mapping):
      var entries: [(key: DocumentNode, value: DocumentNode)] = []
      for (key, value) in mapping {
        entries.append(
          (try DocumentNode(key, budget: &budget), try DocumentNode(value, budget: &budget)))
      }
      content = .mapping(entries)
    case .sequence(let sequence):
      var items: [DocumentNode] = []
      for item in sequence { items.append(try DocumentNode(item, budget: &budget)) }
      content = .sequence(items)
    case .alias:
      content = .alias
    }
    line = node.mark?.line
    column = node.mark?.column
  }

  /// A document whose aliases expand past its budget of nodes, with the place where they did.
  struct Overflow: Error {
    let line: Int?
    let column: Int?
  }
}
