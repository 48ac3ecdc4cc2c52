import BaselineTestSupport
import Foundation
import Testing

/// Issue 9 ("nothing lost, nothing hung, nothing passed unread"), end to end with the built
/// binary: an input that is there but cannot be read stops the run (exit 2) and says why.
@Suite("baseline, inputs that cannot be read are never passed over")
struct NothingPassedUnreadTests {
  @Test(
    "verify: a pin file that is a link loop or dangling is exit 2, not a GO on a moved tag",
    arguments: ["loop", "dangling"])
  func unreadablePinFile(kind: String) throws {
    let estate = try exampleEstate()
    #expect(try CommandRun.baseline(["pin", "--env", "SIT-A"], in: estate.url).status == 0)
    try GitScript.git(
      ["tag", "-f", "-a", "-m", "rebuilt", "v1.2.0.0", "080a1e1d574ed3a54810df05a787b1699ae5fd4b"],
      in: estate.url.appendingPathComponent("repos/load-shaping-service"))
    let pins = estate.path("Baselines/SIT-A.pins.yaml")
    try FileManager.default.removeItem(atPath: pins)
    try FileManager.default.createSymbolicLink(
      atPath: pins, withDestinationPath: kind == "loop" ? pins : pins + ".gone")
    let run = try CommandRun.baseline(["verify", "--env", "SIT-A"], in: estate.url)
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    let why =
      kind == "loop" ? "is a symbolic link loop" : "is a symbolic link to nothing (dangling)"
    #expect(run.stderr == "baseline: error: Baselines/SIT-A.pins.yaml: \(why)\n")
  }

  @Test(
    "--inventory that is a device, a folder or a FIFO says so and never hangs",
    arguments: ["/dev/zero", "folder", "fifo"])
  func inventoryThatIsNoFile(given: String) throws {
    let estate = try exampleEstate()
    var path = given
    var says = "is a device, not a file"
    if given == "folder" {
      path = estate.path("Probes")
      says = "is a folder, not a file"
    } else if given == "fifo" {
      path = estate.path("inventory.fifo")
      #expect(mkfifo(path, 0o644) == 0)
      says = "is a FIFO, not a file"
    }
    let run = try CommandRun.baseline(
      ["verify", "--env", "SIT-A", "--inventory", path], in: estate.url)
    #expect(run.status == 2)
    #expect(run.stderr == "baseline: error: \(path): \(says)\n")
  }
}
