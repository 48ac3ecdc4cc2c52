import BaselineTestSupport
import Foundation
import Testing

@testable import BaselineKit

/// Issue 9, item 2: an estate file or saved inventory that is there but cannot be read (a
/// link loop, a dangling link, a folder, a FIFO, a device, no permission) is an input error
/// that says what it is, never "absent"; reading never blocks.
@Suite("InputFile: unreadable estate files and inventories")
struct UnreadableInputFileTests {
  static let components = "components:\n  alpha:\n    repository: ../repos/alpha\n"
  static let baseline = "environment: SIT-A\ncomponents:\n  alpha:\n    version: 1.2.0.0\n"

  /// The things that can stand where a file belongs, each with what the message must say.
  enum Kind: String, CaseIterable, CustomTestStringConvertible {
    case loop, dangling, folder, fifo, device
    var testDescription: String { rawValue }

    var says: String {
      switch self {
      case .loop: return "is a symbolic link loop"
      case .dangling: return "is a symbolic link to nothing (dangling)"
      case .folder: return "is a folder, not a file"
      case .fifo: return "is a FIFO, not a file"
      case .device: return "is a device, not a file"
      }
    }

    /// Puts one at `path`.
    func make(at path: String) throws {
      let manager = FileManager.default
      switch self {
      case .loop: try manager.createSymbolicLink(atPath: path, withDestinationPath: path)
      case .dangling:
        try manager.createSymbolicLink(atPath: path, withDestinationPath: path + ".gone")
      case .folder: try manager.createDirectory(atPath: path, withIntermediateDirectories: false)
      case .fifo: #expect(mkfifo(path, 0o644) == 0)
      case .device: try manager.createSymbolicLink(atPath: path, withDestinationPath: "/dev/null")
      }
    }
  }

  static func estate() throws -> TemporaryDirectory {
    let folder = TemporaryDirectory("unreadable")
    try folder.write("Baselines/components.yaml", components)
    try folder.write("Baselines/SIT-A.yaml", baseline)
    return folder
  }

  @Test(
    "a pin file that cannot be read is an error naming it, not \"no pins\"",
    arguments: Kind.allCases)
  func pinFile(kind: Kind) throws {
    let folder = try Self.estate()
    try kind.make(at: folder.path("Baselines/SIT-A.pins.yaml"))
    let error = #expect(throws: InputError.self) { try Estate.load(root: folder.url) }
    #expect(error?.description == "Baselines/SIT-A.pins.yaml: \(kind.says)")
  }

  @Test(
    "components.yaml or a baseline that cannot be read says what it is", arguments: Kind.allCases)
  func estateFiles(kind: Kind) throws {
    for file in ["Baselines/components.yaml", "Baselines/SIT-A.yaml"] {
      let folder = try Self.estate()
      try FileManager.default.removeItem(atPath: folder.path(file))
      try kind.make(at: folder.path(file))
      let error = #expect(throws: InputError.self) {
        try Estate.load(root: folder.url, environments: ["SIT-A"])
      }
      #expect(error?.description == "\(file): \(kind.says)")
    }
  }

  @Test(
    "a saved inventory that is no file says what it is, and a FIFO does not hang",
    arguments: Kind.allCases)
  func savedInventory(kind: Kind) throws {
    let folder = TemporaryDirectory("unreadable")
    let path = folder.path("inventory.json")
    try kind.make(at: path)
    let error = #expect(throws: InputError.self) {
      try SavedInventory.read(URL(fileURLWithPath: path))
    }
    #expect(error?.description == "\(path): \(kind.says)")
  }

  @Test("/dev/zero as --inventory is a device, not a permission problem")
  func devZero() {
    let error = #expect(throws: InputError.self) {
      try SavedInventory.read(URL(fileURLWithPath: "/dev/zero"))
    }
    #expect(error?.description == "/dev/zero: is a device, not a file")
  }

  @Test("a link to a regular file reads it; nothing at all is absent")
  func linkAndAbsent() throws {
    let folder = try Self.estate()
    try folder.write("elsewhere/pins.yaml", "environment: SIT-A\ncomponents: {}\n")
    try FileManager.default.createSymbolicLink(
      atPath: folder.path("Baselines/SIT-A.pins.yaml"),
      withDestinationPath: folder.path("elsewhere/pins.yaml"))
    #expect(try PinFile.load(root: folder.url, environment: "SIT-A")?.pins == [])
    #expect(try PinFile.load(root: folder.url, environment: "SIT-B") == nil)
  }

  @Test("errors of stat and open are named, not Foundation's text")
  func errnoMessages() {
    #expect(InputFile.refusal(errno: EACCES, path: "") == "cannot be read: permission denied")
    #expect(InputFile.refusal(errno: ELOOP, path: "") == "is a symbolic link loop")
    #expect(
      InputFile.refusal(errno: ENOTDIR, path: "")
        == "cannot be read: a part of its path is not a folder")
  }

  @Test("a file that is not UTF-8 is refused at the line and column of the first bad byte")
  func notUTF8() throws {
    let folder = TemporaryDirectory("unreadable")
    let file = folder.url.appendingPathComponent("inventory.json")
    try Data("{\n  \"environment\": \"SIT-\u{e9}".utf8 + [0xFF, 0x41]).write(to: file)
    let error = #expect(throws: InputError.self) { try SavedInventory.read(file) }
    #expect(error?.line == 2)
    #expect(error?.column == 24)
    #expect(
      error?.message
        == "is not UTF-8 text: invalid UTF-8 at byte offset 26 (0xFF; offsets count from 0)")
  }
}
