public import Foundation
import Git

/// Runs probes as DESIGN.md's protocol says: `Probes/<name> <ENV>`, working directory the
/// estate root, `BASELINE_ENVIRONMENT=<ENV>` set, standard input empty, under a time limit,
/// standard output capped and read as an inventory.
///
/// Each probe is spawned (``ProbeProcess``) as the leader of its own process group, so a
/// probe that times out is stopped with everything it started (SIGTERM to the group, then
/// SIGKILL two seconds later), and a probe is done when it exits: what it left in its group
/// gets SIGTERM then, and SIGKILL once its output is read. What left the group (`setsid`) is
/// ended by ``ProbeOrphans/endAll()`` once all probes are done, when the caller has adopted
/// orphans (``ProbeOrphans/adopt()``, as the command line does). Probes run concurrently, at
/// most ``jobs`` at once (`--jobs`, default the core count), so that a 50-environment estate
/// does not start 200 probes at once on a small runner.
public struct ProbeRunner: Sendable {
  /// How long a probe may run, in seconds (`--probe-timeout`, default 60).
  public var timeout: TimeInterval
  /// The most standard output read from one probe, in bytes (16 MiB); more is a failure.
  public var outputLimit: Int
  /// How many probes run at once (at least 1).
  public var jobs: Int = defaultJobs
  /// The default of ``jobs``: the number of cores.
  public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }
  /// Told when each probe starts and ends (from the probes' threads); `nil`: nothing told.
  public var progress: (@Sendable (ProbeProgress) -> Void)?

  /// Makes a runner.
  public init(timeout: TimeInterval = 60, outputLimit: Int = 16 << 20) {
    self.timeout = timeout
    self.outputLimit = outputLimit
  }

  /// The probes a baseline asks for: its `probes:` list, or every executable file in
  /// `Probes/` (sorted by name) when it has none.
  public static func probes(for baseline: Baseline, in directory: URL) -> [String] {
    if let named = baseline.probes { return named }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { !$0.hasPrefix(".") && isProbe(directory.appendingPathComponent($0)) }
      .sorted()
  }

  /// Whether `url` is an executable regular file (after following links).
  public static func isProbe(_ url: URL) -> Bool {
    var status = stat()
    return stat(url.path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
      && FileManager.default.isExecutableFile(atPath: url.path)
  }

  /// Runs every probe of every baseline, concurrently.
  /// - Returns: one ``ProbeRun`` per probe and environment, in the order of the baselines and
  ///   their probes. A probe that cannot start, fails, hangs or prints no valid inventory is a
  ///   run with a ``ProbeRun/failure``; nothing here throws.
  public func run(_ baselines: [Baseline], root: URL) -> [ProbeRun] {
    let directory = root.appendingPathComponent("Probes")
    let jobs = baselines.flatMap { baseline in
      Self.probes(for: baseline, in: directory).map { (baseline.environment, $0) }
    }
    let done = ResultSlots<Bool>(count: jobs.count)
    // Each probe keeps its own time limit: the pool's is never reached.
    let results = BoundedJobs<ProbeRun>(width: self.jobs, limit: .infinity).run(
      jobs.indices.map { index in
        { [self] in
          let (environment, probe) = jobs[index]
          progress?(.started(environment: environment, probe: probe, of: jobs.count))
          let run = runOne(probe: probe, environment: environment, root: root)
          done[index] = true
          progress?(
            .finished(
              environment: environment, probe: probe, ok: run.inventory != nil,
              seconds: run.duration, done: done.values.count, of: jobs.count))
          return run
        }
      },
      late: { index in
        ProbeRun(
          probe: jobs[index].1, environment: jobs[index].0, inventory: nil, failure: "not run",
          exitStatus: nil)
      })
    ProbeOrphans.endAll()
    return results
  }

  /// Spawns, retrying for up to a second while the kernel says the file is busy (`ETXTBSY`):
  /// a probe that is being installed, or whose writer's descriptor another process forked in
  /// that instant still holds, is not yet a probe that cannot start.
  /// - Throws: the spawn's error, once it is not `ETXTBSY` or the second has passed.
  static func spawnRetryingBusy(_ spawn: () throws -> ProbeProcess) throws -> ProbeProcess {
    for _ in 0..<50 {
      do {
        return try spawn()
      } catch let error as POSIXError where error.code == .ETXTBSY {
        usleep(20_000)
      }
    }
    return try spawn()
  }

  /// Runs one probe to completion (or its time limit).
  public func runOne(probe: String, environment: String, root: URL) -> ProbeRun {
    let started = Date()
    let executable = root.appendingPathComponent("Probes").appendingPathComponent(probe)
    func failed(_ reason: String, status: Int32? = nil, stderr: String = "") -> ProbeRun {
      ProbeRun(
        probe: probe, environment: environment, inventory: nil, failure: reason, exitStatus: status,
        duration: Date().timeIntervalSince(started), standardError: stderr)
    }
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
      let exists = FileManager.default.fileExists(atPath: executable.path)
      return failed("Probes/\(probe) \(exists ? "is not executable" : "does not exist")")
    }
    var environmentVariables = ProcessInfo.processInfo.environment
    environmentVariables["BASELINE_ENVIRONMENT"] = environment
    let process: ProbeProcess
    do {
      process = try Self.spawnRetryingBusy {
        try ProbeProcess.spawn(
          executable.path, arguments: [environment], environment: environmentVariables,
          directory: root.path)
      }
    } catch {
      return failed("cannot start Probes/\(probe): \(error.localizedDescription)")
    }
    RunningProbes.shared.insert(process.pid)
    let streams = StreamReader(
      output: process.output, errors: process.errors, outputLimit: outputLimit)
    var termination: ProbeProcess.Termination?
    let ending = streams.read(
      until: started.addingTimeInterval(timeout),
      isRunning: {
        if termination == nil { termination = process.poll() }
        return termination == nil
      },
      signal: { signal in _ = kill(-process.pid, signal) })
    let ended = termination ?? process.wait()
    RunningProbes.shared.remove(process.pid)
    process.closePipes()
    let stderrText = String(decoding: streams.errorTail, as: UTF8.self)
    let lastLine = stderrText.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
    switch ending {
    case .timedOut:
      return failed("timed out after \(Int(timeout)) s", stderr: stderrText)
    case .outputTooLarge:
      let limit =
        outputLimit % (1 << 20) == 0 ? "\(outputLimit >> 20) MiB" : "\(outputLimit) bytes"
      return failed("printed more than \(limit) on standard output", stderr: stderrText)
    case .finished:
      break
    }
    let status: Int32
    switch ended {
    case .signalled(let signal):
      return failed("killed by signal \(signal)", stderr: stderrText)
    case .exited(let code):
      status = code
    }
    guard status == 0 else {
      return failed(
        "exit \(status)" + (lastLine.isEmpty ? "" : ": \(lastLine)"), status: status,
        stderr: stderrText)
    }
    let text: String
    do {
      text = try InputFile.utf8Text(streams.output, shownAs: "standard output")
    } catch {
      return failed(
        "printed output that is not UTF-8 (\(error.description))", status: status,
        stderr: stderrText)
    }
    do {
      let inventory = try Inventory.parse(text, source: "Probes/\(probe) \(environment) (stdout)")
      guard inventory.environment.hasSameBytes(as: environment) else {
        return failed(
          "printed an inventory for \"\(inventory.environment)\", not \"\(environment)\"",
          status: status, stderr: stderrText)
      }
      return ProbeRun(
        probe: probe, environment: environment, inventory: inventory, exitStatus: status,
        duration: Date().timeIntervalSince(started), standardError: stderrText)
    } catch {
      return failed("printed no valid inventory: \(error)", status: status, stderr: stderrText)
    }
  }
}

/// Reads a child's standard output and error together with `poll`, so that neither pipe can
/// fill and block the child, and enforces the deadline and the output cap.
private final class StreamReader {
  enum Ending { case finished, timedOut, outputTooLarge }

  let outputFD: Int32
  let errorFD: Int32
  let outputLimit: Int
  private(set) var output = Data()
  private(set) var errorTail = Data()
  static let errorTailLimit = 4096

  init(output: Int32, errors: Int32, outputLimit: Int) {
    self.outputFD = output
    self.errorFD = errors
    self.outputLimit = outputLimit
  }

  /// Reads until the probe has exited and both pipes are closed, and ends what the probe
  /// left in its process group.
  ///
  /// When the probe exits its group gets SIGTERM (a background child is not waited for), what
  /// it wrote is read for one more second (a process that left the group may hold the pipes),
  /// then the group gets SIGKILL. At the deadline or the output cap the group gets SIGTERM, and
  /// SIGKILL two seconds later at most: reading stops as soon as the probe has exited, so a
  /// grandchild that holds the pipes cannot stretch the time limit past the limit plus two
  /// seconds.
  func read(until deadline: Date, isRunning: () -> Bool, signal: (Int32) -> Void) -> Ending {
    var open: [Int32] = [outputFD, errorFD]
    var ending = Ending.finished
    var exited = false
    var killAt: Date?
    var giveUpAt: Date?
    var buffer = [UInt8](repeating: 0, count: 65536)
    while !(open.isEmpty && exited) {
      let now = Date()
      if !exited, !isRunning() {
        exited = true
        signal(SIGTERM)
        killAt = nil
        giveUpAt = now.addingTimeInterval(ending == .finished ? 1 : 0.1)
      }
      if ending == .finished, !exited, now >= deadline {
        ending = .timedOut
        signal(SIGTERM)
        killAt = now.addingTimeInterval(2)
      }
      if let at = killAt, now >= at { break }
      if let at = giveUpAt, now >= at { break }
      let next = [killAt, giveUpAt, ending == .finished && !exited ? deadline : nil]
        .compactMap { $0 }.min()
      // With both pipes closed only the exit is awaited: look for it more often.
      let most: Double = open.isEmpty ? 10 : 100
      let wait = next.map { max(0, Int32(min($0.timeIntervalSince(now) * 1000, most)) + 1) } ?? 100
      var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      let ready = poll(&fds, nfds_t(fds.count), wait)
      if ready < 0 && errno != EINTR { break }
      guard ready > 0 else { continue }
      for entry in fds where entry.revents != 0 {
        let count = Glibc.read(entry.fd, &buffer, buffer.count)
        if count <= 0 {
          if count == 0 || (errno != EINTR && errno != EAGAIN) { open.removeAll { $0 == entry.fd } }
          continue
        }
        if entry.fd == outputFD {
          if ending == .finished { output.append(contentsOf: buffer[0..<count]) }
          if output.count > outputLimit, ending == .finished {
            ending = .outputTooLarge
            output = Data()
            signal(SIGTERM)
            killAt = Date().addingTimeInterval(2)
          }
        } else {
          errorTail.append(contentsOf: buffer[0..<count])
          if errorTail.count > Self.errorTailLimit * 2 {
            errorTail = errorTail.suffix(Self.errorTailLimit)
          }
        }
      }
    }
    signal(SIGKILL)
    if errorTail.count > Self.errorTailLimit { errorTail = errorTail.suffix(Self.errorTailLimit) }
    return ending
  }
}

extension ProbeRunner {
  /// Stops every probe that is running (SIGTERM to each process group, SIGKILL a second
  /// later to what is left), then every other process descended from this one when orphans
  /// are adopted (``ProbeOrphans/endAll()``); for signal handlers of the command line, which
  /// then exit.
  public static func stopAll() {
    RunningProbes.shared.isStopping = true
    let groups = RunningProbes.shared.all
    if !groups.isEmpty {
      for group in groups { kill(-group, SIGTERM) }
      usleep(1_000_000)
      for group in RunningProbes.shared.all { kill(-group, SIGKILL) }
    }
    ProbeOrphans.endAll()
  }

  /// Whether ``stopAll()`` has begun: the work that is finishing was cut short, and the
  /// caller that stops the probes decides how the process ends.
  public static var isStopping: Bool { RunningProbes.shared.isStopping }
}
