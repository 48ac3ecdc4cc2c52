import BaselineKit
import Foundation

/// What a signal does to a run: probes are stopped, and the command exits as a shell would.
enum SignalHandling {
  /// On SIGINT, SIGTERM or SIGHUP (Ctrl-C, a CI time-out, `timeout`), stops the probes that
  /// are running (they run in process groups of their own, so the signal does not reach
  /// them), then exits 128 + the signal, as a shell does.
  static func stopProbesOnSignals() {
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        ProbeRunner.stopAll()
        Foundation.exit(128 + signalNumber)
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Exits, unless a signal is stopping the probes: then the signal handler exits, with
  /// 128 + the signal, once they are stopped (a report cut short is no report).
  static func finish(_ code: Int32) -> Never {
    while ProbeRunner.isStopping { sleep(1) }
    Foundation.exit(code)
  }

  nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
}
