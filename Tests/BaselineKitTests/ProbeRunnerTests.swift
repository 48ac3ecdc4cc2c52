import BaselineKit
import BaselineTestSupport
import Foundation
import Testing

/// Real probe processes: small bash scripts written into a fresh estate's `Probes/`.
@Suite("ProbeRunner: the probe protocol with real processes")
struct ProbeRunnerTests {
  let estate = TemporaryDirectory("probes")

  /// An inventory printed by a probe for the environment in `$1`.
  static func inventoryScript(components: String = #"{"name": "alpha", "version": "1.0.0.0"}"#)
    -> String
  {
    """
    #!/usr/bin/env bash
    cat <<EOF
    {"environment": "$1", "collected_at": "2026-11-29T01:00:00Z", "components": [\(components)]}
    EOF

    """
  }

  func probe(_ name: String, _ script: String, executable: Bool = true) throws {
    try estate.write("Probes/\(name)", script, executable: executable)
  }

  @Test("a probe that prints an inventory and exits 0 is a run with that inventory")
  func validInventory() throws {
    try probe("inventory", Self.inventoryScript())
    let run = ProbeRunner(timeout: 10).runOne(
      probe: "inventory", environment: "SIT-A", root: estate.url)
    #expect(run.failure == nil)
    #expect(run.exitStatus == 0)
    #expect(run.probe == "inventory")
    #expect(run.environment == "SIT-A")
    let inventory = try #require(run.inventory)
    #expect(inventory.environment == "SIT-A")
    #expect(inventory.collectedAt == Date(timeIntervalSince1970: 1_795_914_000))
    #expect(inventory.components == [Inventory.Entry(name: "alpha", version: "1.0.0.0")])
  }

  @Test(
    "the probe gets its environment as argument and BASELINE_ENVIRONMENT, the estate root as working directory, empty input"
  )
  func protocolInputs() throws {
    try probe(
      "inventory",
      Self.inventoryScript(
        components: """
          {"name": "alpha", "settings": {"argc": "$#", "arg": "$1", \
          "variable": "$BASELINE_ENVIRONMENT", "cwd": "$(pwd -P)", "stdin": "$(cat)"}}
          """))
    let run = ProbeRunner(timeout: 10).runOne(
      probe: "inventory", environment: "UIT", root: estate.url)
    #expect(run.failure == nil)
    let settings = try #require(run.inventory?.components.first?.settings)
    #expect(settings["argc"] == "1")
    #expect(settings["arg"] == "UIT")
    #expect(settings["variable"] == "UIT")
    #expect(settings["cwd"] == estate.url.resolvingSymlinksInPath().path)
    #expect(settings["stdin"] == "")
  }

  @Test("a non-zero exit is a failure that keeps the last line of stderr")
  func nonZeroExit() throws {
    try probe(
      "broken",
      """
      #!/usr/bin/env bash
      echo "connecting to uit-db-01:5432" >&2
      echo "connection refused" >&2
      exit 3

      """)
    let run = ProbeRunner(timeout: 10).runOne(probe: "broken", environment: "UIT", root: estate.url)
    #expect(run.inventory == nil)
    #expect(run.failure == "exit 3: connection refused")
    #expect(run.exitStatus == 3)
    #expect(run.standardError == "connecting to uit-db-01:5432\nconnection refused\n")
  }

  @Test("a long stderr keeps its last 4 KiB, and the failure its last line")
  func longStandardError() throws {
    try probe(
      "noisy",
      """
      #!/usr/bin/env bash
      for i in $(seq 1 5000); do echo "debug line $i" >&2; done
      echo "fatal: no route to host" >&2
      exit 4

      """)
    let run = ProbeRunner(timeout: 10).runOne(probe: "noisy", environment: "UIT", root: estate.url)
    #expect(run.failure == "exit 4: fatal: no route to host")
    #expect(run.standardError.utf8.count == 4096)
    #expect(run.standardError.hasSuffix("debug line 5000\nfatal: no route to host\n"))
  }

  @Test("a non-zero exit without stderr says only the status")
  func nonZeroExitQuiet() throws {
    try probe("quiet", "#!/usr/bin/env bash\nexit 1\n")
    let run = ProbeRunner(timeout: 10).runOne(probe: "quiet", environment: "UIT", root: estate.url)
    #expect(run.failure == "exit 1")
    #expect(run.exitStatus == 1)
    #expect(run.standardError == "")
  }

  @Test("a probe killed by a signal is a failure")
  func killedBySignal() throws {
    try probe("suicide", "#!/usr/bin/env bash\nkill -9 $$\n")
    let run = ProbeRunner(timeout: 10).runOne(
      probe: "suicide", environment: "UIT", root: estate.url)
    #expect(run.inventory == nil)
    #expect(run.failure == "killed by signal 9")
    #expect(run.exitStatus == nil)
  }

  @Test("a probe that hangs is stopped at the time limit, with everything it started")
  func timeout() throws {
    try probe(
      "hangs",
      """
      #!/usr/bin/env bash
      sleep 30 &
      echo $! > child.pid
      echo "waiting for the agent" >&2
      wait

      """)
    let started = Date()
    let run = ProbeRunner(timeout: 1).runOne(probe: "hangs", environment: "UIT", root: estate.url)
    let elapsed = Date().timeIntervalSince(started)
    #expect(run.inventory == nil)
    #expect(run.failure == "timed out after 1 s")
    #expect(run.exitStatus == nil)
    #expect(run.standardError == "waiting for the agent\n")
    #expect(elapsed < 10, "the run waited \(elapsed) s")

    let pidText = try String(
      contentsOf: estate.url.appendingPathComponent("child.pid"), encoding: .utf8)
    let pid = try #require(pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(Self.waitUntilGone(pid), "the probe's child \(pid) still runs")
  }

  /// Whether process `pid` is gone (or a zombie waiting for its reaper) within five seconds.
  static func waitUntilGone(_ pid: pid_t) -> Bool {
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline {
      if kill(pid, 0) != 0 && errno == ESRCH { return true }
      let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
      if let close = stat.lastIndex(of: ")") {
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
        if state == "Z" || state == "X" { return true }
      }
      usleep(50_000)
    }
    return false
  }

  @Test("output over the cap is a failure, and a probe that keeps printing is stopped")
  func outputCap() throws {
    try probe("chatty", "#!/usr/bin/env bash\nhead -c 5000 /dev/zero | tr '\\0' x\n")
    try probe("endless", "#!/usr/bin/env bash\nexec yes\n")
    let runner = ProbeRunner(timeout: 10, outputLimit: 1000)
    for name in ["chatty", "endless"] {
      let started = Date()
      let run = runner.runOne(probe: name, environment: "UIT", root: estate.url)
      #expect(run.inventory == nil)
      #expect(run.failure?.hasPrefix("printed more than ") == true, "\(run.failure ?? "nil")")
      #expect(Date().timeIntervalSince(started) < 8)
    }
  }

  @Test("the cap message states the cap")
  func outputCapMessage() throws {
    try probe("chatty", "#!/usr/bin/env bash\nhead -c 5000 /dev/zero | tr '\\0' x\n")
    let run = ProbeRunner(timeout: 10, outputLimit: 1000).runOne(
      probe: "chatty", environment: "UIT", root: estate.url)
    #expect(run.failure == "printed more than 1000 bytes on standard output")
    let mebibyte = ProbeRunner(timeout: 10, outputLimit: 1 << 20)
    #expect(mebibyte.outputLimit == 1_048_576)
  }

  @Test("a probe still open for writing somewhere starts once it is closed, not 'Text file busy'")
  func busyProbe() throws {
    try probe(
      "busy",
      "#!/bin/sh\necho '{\"environment\": \"UIT\", \"collected_at\": \"2026-11-29T01:00:00Z\", \"components\": []}'\n"
    )
    // A writer's descriptor held for 300 ms, as a forked process can hold one for an instant.
    let writer = open(estate.url.appendingPathComponent("Probes/busy").path, O_WRONLY)
    #expect(writer >= 0)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { close(writer) }
    let run = ProbeRunner(timeout: 10).runOne(probe: "busy", environment: "UIT", root: estate.url)
    #expect(run.failure == nil)
    #expect(run.inventory?.environment == "UIT")
  }

  @Test("output that is no inventory is a failure that says why")
  func garbage() throws {
    try probe("garbage", "#!/usr/bin/env bash\necho hello\n")
    let run = ProbeRunner(timeout: 10).runOne(
      probe: "garbage", environment: "UIT", root: estate.url)
    #expect(run.inventory == nil)
    #expect(run.exitStatus == 0)
    #expect(
      run.failure
        == "printed no valid inventory: Probes/garbage UIT (stdout):1:1: not valid JSON: "
        + "the bare word hello; expected a value (strings are in double quotes)")
  }

  @Test("output that is not UTF-8 is a failure with the line, column and offset of the byte")
  func notUTF8() throws {
    try probe("latin1", "#!/usr/bin/env bash\nprintf '{\\n \"a\\xff\"}'\n")
    let run = ProbeRunner(timeout: 10).runOne(
      probe: "latin1", environment: "UIT", root: estate.url)
    #expect(run.inventory == nil)
    #expect(
      run.failure
        == "printed output that is not UTF-8 (standard output:2:4: is not UTF-8 text: invalid "
        + "UTF-8 at byte offset 5 (0xFF; offsets count from 0))")
  }

  @Test("empty output is a failure")
  func emptyOutput() throws {
    try probe("silent", "#!/usr/bin/env bash\ntrue\n")
    let run = ProbeRunner(timeout: 10).runOne(probe: "silent", environment: "UIT", root: estate.url)
    #expect(run.inventory == nil)
    #expect(
      run.failure == "printed no valid inventory: Probes/silent UIT (stdout):1:1: the file is empty"
    )
  }

  @Test("an inventory for another environment is a failure")
  func otherEnvironment() throws {
    try probe(
      "confused",
      """
      #!/usr/bin/env bash
      echo '{"environment": "SIT-B", "collected_at": "2026-11-29T01:00:00Z", "components": []}'

      """)
    let run = ProbeRunner(timeout: 10).runOne(
      probe: "confused", environment: "SIT-A", root: estate.url)
    #expect(run.inventory == nil)
    #expect(run.failure == "printed an inventory for \"SIT-B\", not \"SIT-A\"")
    #expect(run.exitStatus == 0)
  }

  @Test("a missing probe and a probe that is not executable are failures, not crashes")
  func missingAndNotExecutable() throws {
    try probe("plain", Self.inventoryScript(), executable: false)
    let runner = ProbeRunner(timeout: 10)
    let missing = runner.runOne(probe: "nope", environment: "UIT", root: estate.url)
    #expect(missing.inventory == nil)
    #expect(missing.failure == "Probes/nope does not exist")
    #expect(missing.exitStatus == nil)
    let plain = runner.runOne(probe: "plain", environment: "UIT", root: estate.url)
    #expect(plain.inventory == nil)
    #expect(plain.failure == "Probes/plain is not executable")
  }

  @Test("without probes:, every executable file in Probes/ runs, sorted by name")
  func probeDiscovery() throws {
    try probe("b-second", Self.inventoryScript())
    try probe("a-first", Self.inventoryScript())
    try probe("notes.txt", "not a probe\n", executable: false)
    try probe(".hidden", Self.inventoryScript())
    try FileManager.default.createDirectory(
      at: estate.url.appendingPathComponent("Probes/folder"), withIntermediateDirectories: true)
    let all = Baseline(environment: "UIT", components: [])
    #expect(
      ProbeRunner.probes(for: all, in: estate.url.appendingPathComponent("Probes")) == [
        "a-first", "b-second",
      ])
    let named = Baseline(environment: "UIT", probes: ["b-second"], components: [])
    #expect(
      ProbeRunner.probes(for: named, in: estate.url.appendingPathComponent("Probes")) == [
        "b-second"
      ])
  }

  @Test("the probes of several environments all run, in baseline and probe order")
  func severalEnvironments() throws {
    try probe("agent", Self.inventoryScript())
    try probe(
      "cmdb", Self.inventoryScript(components: #"{"name": "bravo", "version": "2.0.0.0"}"#))
    let baselines = [
      Baseline(environment: "SIT-A", components: []),
      Baseline(environment: "SIT-B", components: []),
      Baseline(environment: "UIT", probes: ["cmdb", "missing"], components: []),
    ]
    let runs = ProbeRunner(timeout: 10).run(baselines, root: estate.url)
    #expect(runs.map(\.environment) == ["SIT-A", "SIT-A", "SIT-B", "SIT-B", "UIT", "UIT"])
    #expect(runs.map(\.probe) == ["agent", "cmdb", "agent", "cmdb", "cmdb", "missing"])
    #expect(
      runs.map { $0.inventory?.environment } == ["SIT-A", "SIT-A", "SIT-B", "SIT-B", "UIT", nil])
    #expect(
      runs.map { $0.inventory?.components.first?.name } == [
        "alpha", "bravo", "alpha", "bravo", "bravo", nil,
      ])
    #expect(runs.last?.failure == "Probes/missing does not exist")
  }
}

@Suite("ProbeRunner: probes that leave processes behind")
struct ProbeLeftoverTests {
  let estate = TemporaryDirectory("probe-leftover")

  func probe(_ name: String, _ script: String) throws {
    try estate.write("Probes/\(name)", script, executable: true)
  }

  @Test("a probe that exits but leaves a child holding its output is done when it exits")
  func backgroundChildHoldsOutput() throws {
    try probe(
      "bg",
      """
      #!/usr/bin/env bash
      sleep 30 &
      echo $! > "$PWD/child.pid"
      echo '{"environment": "UIT", "collected_at": "2026-11-29T01:00:00Z", "components": []}'
      exit 0
      """)
    let started = Date()
    let run = ProbeRunner(timeout: 10).runOne(probe: "bg", environment: "UIT", root: estate.url)
    let elapsed = Date().timeIntervalSince(started)
    #expect(run.failure == nil)
    #expect(run.inventory?.environment == "UIT")
    #expect(run.exitStatus == 0)
    #expect(elapsed < 5, "waited \(elapsed) s for a child that holds the pipe")
    let pid = try String(
      contentsOf: estate.url.appendingPathComponent("child.pid"), encoding: .utf8)
    if let child = pid32(pid) { kill(child, SIGKILL) }
  }

  @Test("what a probe left in its process group is ended when the probe exits")
  func groupEndedAtExit() throws {
    try probe(
      "bg",
      """
      #!/usr/bin/env bash
      sleep 300 &
      echo $! > "$PWD/child.pid"
      sleep 300 >/dev/null 2>&1 &
      echo $! >> "$PWD/child.pid"
      echo '{"environment": "UIT", "collected_at": "2026-11-29T01:00:00Z", "components": []}'
      """)
    let run = ProbeRunner(timeout: 10).runOne(probe: "bg", environment: "UIT", root: estate.url)
    #expect(run.failure == nil)
    let text = try String(
      contentsOf: estate.url.appendingPathComponent("child.pid"), encoding: .utf8)
    let children = text.split(whereSeparator: \.isNewline).compactMap { pid32(String($0)) }
    defer { for child in children { kill(child, SIGKILL) } }
    #expect(children.count == 2)
    for child in children {
      #expect(ProbeRunnerTests.waitUntilGone(child), "the probe's child \(child) still runs")
    }
  }

  @Test("a probe that closes its output and runs on is still stopped at the time limit")
  func closedPipesStillTimed() throws {
    try probe(
      "quiet",
      """
      #!/usr/bin/env bash
      exec >&- 2>&-
      sleep 30
      """)
    let started = Date()
    let run = ProbeRunner(timeout: 1).runOne(probe: "quiet", environment: "UIT", root: estate.url)
    let elapsed = Date().timeIntervalSince(started)
    #expect(run.failure == "timed out after 1 s")
    #expect(elapsed < 10, "the run waited \(elapsed) s")
  }

  @Test("a detached child (setsid) does not hold the report up either")
  func detachedChild() throws {
    try probe(
      "detached",
      """
      #!/usr/bin/env bash
      setsid sleep 30 &
      echo '{"environment": "UIT", "collected_at": "2026-11-29T01:00:00Z", "components": []}'
      """)
    let started = Date()
    let run = ProbeRunner(timeout: 10).runOne(
      probe: "detached", environment: "UIT", root: estate.url)
    #expect(run.inventory != nil)
    #expect(Date().timeIntervalSince(started) < 5)
  }

  func pid32(_ text: String) -> pid_t? {
    pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
