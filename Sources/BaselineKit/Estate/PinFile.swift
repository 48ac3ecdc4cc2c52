public import Foundation
public import Git

/// The pins of one environment, `Baselines/<ENV>.pins.yaml`: for each baselined release, the
/// commit its tag named when `baseline pin` recorded it, so that a tag moved later is caught
/// (`moved_tag`). Builds are static: a release's tag must name the approved commit forever.
///
/// The file lives beside the baseline and is written only by `baseline pin`, so the baseline
/// the user writes (its comments, order and layout) is never rewritten. A pin holds for one
/// release: when the baseline moves a component to another release, the old pin no longer
/// applies (it is reported as stale) until `baseline pin` records the new one. Editing
/// anything else in the baseline keeps every pin.
///
/// ```yaml
/// schema: baseline.pins/1
/// environment: SIT-A
/// components:
///   dip-adapter:
///     release: 1.2.1.0
///     tag: dip-adapter/1.2.1.0
///     commit: 7a79116831d1ee5f0188943bdbd7063ea7d7c9d3
///     pinned_at: 2026-11-29T18:00:00Z
///     pinned_by: relman@build-01
/// ```
public struct PinFile: Sendable, Hashable {
  /// The schema name written into the file.
  public static let schema = "baseline.pins/1"

  /// The environment.
  public let environment: String
  /// The pins, by component name order.
  public let pins: [Pin]

  /// One component's pin.
  public struct Pin: Sendable, Hashable {
    /// The component.
    public let component: String
    /// The release pinned, as written.
    public let release: String
    /// The tag that named the commit.
    public let tag: String
    /// The commit the tag named when pinned.
    public let commit: ObjectID
    /// When it was pinned.
    public let pinnedAt: Date?
    /// Who pinned it (`user@host`).
    public let pinnedBy: String?
    /// The line of the component in the file, for messages.
    public let line: Int?
    /// The column of the component's name in the file, for messages.
    public let column: Int?

    /// Makes a pin.
    public init(
      component: String, release: String, tag: String, commit: ObjectID, pinnedAt: Date?,
      pinnedBy: String?, line: Int? = nil, column: Int? = nil
    ) {
      self.component = component
      self.release = release
      self.tag = tag
      self.commit = commit
      self.pinnedAt = pinnedAt
      self.pinnedBy = pinnedBy
      self.line = line
      self.column = column
    }
  }

  /// Makes a pin file value.
  public init(environment: String, pins: [Pin]) {
    self.environment = environment
    self.pins = pins.sorted { $0.component < $1.component }
  }

  /// The file of an environment's pins, relative to the estate root.
  public static func path(environment: String) -> String {
    "Baselines/\(environment).pins.yaml"
  }

  /// Reads an environment's pins, strictly; `nil` when it has no pin file (nothing at all is
  /// there: a dangling link, a folder or a file that cannot be read is an error, never "no
  /// pins").
  /// - Throws: ``InputError`` with file, line and column: an unknown key, a commit that is not
  ///   40 hex digits, another environment's name, a time that is not RFC 3339.
  public static func load(root: URL, environment: String) throws(InputError) -> PinFile? {
    try load(root: root, environment: environment, read: Estate.diskReader(root: root))
  }

  /// Reads an environment's pins through `read` (a file of the estate by its path from the
  /// root), as ``load(root:environment:)`` does from disk.
  static func load(root: URL, environment: String, read: EstateFileReader) throws(InputError)
    -> PinFile?
  {
    let shown = path(environment: environment)
    guard let file = try read(shown) else { return nil }
    let document = try YAMLNode.load(file)
    let top = try document.fields(
      ["schema", "environment", "components"], required: ["environment", "components"],
      expected: "schema:, environment:, components:")
    if let node = top["schema"] {
      let text = try node.text(expected: schema)
      guard text == schema else { throw node.error("expected \(schema), found \"\(text)\"") }
    }
    if let node = top["environment"] {
      let declared = try node.name(expected: "the environment's name")
      guard declared == environment else {
        throw node.error("expected \"\(environment)\" (the file's name), found \"\(declared)\"")
      }
    }
    var pins: [Pin] = []
    if let list = top["components"], !list.isNull {
      for (name, keyNode, value) in try list.entries(expected: "a mapping of component names") {
        _ = try keyNode.name(expected: "a component name")
        let fields = try value.fields(
          ["release", "tag", "commit", "pinned_at", "pinned_by"],
          required: ["release", "tag", "commit"],
          expected: "release:, tag:, commit:, pinned_at:, pinned_by:")
        guard let releaseNode = fields["release"], let tagNode = fields["tag"],
          let commitNode = fields["commit"]
        else { continue }
        let commitText = try commitNode.text(expected: "a full commit id (40 hex digits)")
        guard let commit = ObjectID(hex: commitText) else {
          throw commitNode.error(
            "expected a full commit id (40 hex digits), found \"\(commitText)\"")
        }
        var pinnedAt: Date?
        if let node = fields["pinned_at"] {
          let text = try node.text(expected: "a time like 2026-11-29T18:00:00Z")
          guard let date = Timestamp.parse(text) else {
            throw node.error("expected a time like 2026-11-29T18:00:00Z, found \"\(text)\"")
          }
          pinnedAt = date
        }
        pins.append(
          Pin(
            component: name, release: try releaseNode.text(expected: "a release"),
            tag: try tagNode.text(expected: "a tag name"), commit: commit, pinnedAt: pinnedAt,
            pinnedBy: try fields["pinned_by"]?.text(expected: "user@host"), line: keyNode.line,
            column: keyNode.column))
      }
    }
    return PinFile(environment: environment, pins: pins)
  }

  /// The file's text: a header that says what it is, then the pins in component order, every
  /// value quoted so that YAML reads it back as the text written.
  public func yaml() -> String {
    var out = """
      # Pins of Baselines/\(environment).yaml: the commit each baselined release's tag named
      # when it was pinned. Written by `baseline pin --env \(environment)`; keep it in version
      # control beside the baseline. A tag that later names another commit is a moved_tag.
      schema: \(Self.schema)
      environment: \(Self.quoted(environment))

      """
    if pins.isEmpty {
      out += "components: {}\n"
      return out
    }
    out += "components:\n"
    for pin in pins {
      out += "  \(Self.quoted(pin.component)):\n"
      out += "    release: \(Self.quoted(pin.release))\n"
      out += "    tag: \(Self.quoted(pin.tag))\n"
      out += "    commit: \(pin.commit.hex)\n"
      if let pinnedAt = pin.pinnedAt { out += "    pinned_at: \(Timestamp.string(pinnedAt))\n" }
      if let pinnedBy = pin.pinnedBy { out += "    pinned_by: \(Self.quoted(pinnedBy))\n" }
    }
    return out
  }

  /// The text as a YAML scalar: plain when it is letters, digits and `._/@-` starting with a
  /// letter or digit and YAML would read no boolean or null into it; otherwise double-quoted
  /// with backslash, quote and control characters escaped.
  static func quoted(_ text: String) -> String {
    let plain =
      !text.isEmpty && text.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } == true
      && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._/@-".contains($0)) }
      && !YAMLNode.booleanWords.contains(text) && !["null", "Null", "NULL"].contains(text)
    if plain { return text }
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case _
      where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value):
        out += "\\u" + String(format: "%04X", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
