import BaselineKit
import Foundation

/// What a signal does to a run: nothing more is written, probes are stopped, and the command
/// exits as a shell would.
enum SignalHandling {
  /// On SIGINT, SIGTERM or SIGHUP (Ctrl-C, a CI time-out, `timeout`), closes the output gate
  /// (from then on no file is renamed into place and nothing is printed or announced), stops
  /// the probes that are running (they run in process groups of their own, so the signal
  /// does not reach them) and what they left behind, then exits 128 + the signal, as a shell
  /// does.
  static func stopProbesOnSignals() {
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        // A second signal finds the gate closed: the first handler is already exiting.
        guard OutputGate.shared.close() else { return }
        ProbeRunner.stopAll()
        Foundation.exit(128 + signalNumber)
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Exits, unless a signal has closed the output gate: then the signal handler exits, with
  /// 128 + the signal, once the probes are stopped (a report cut short is no report).
  static func finish(_ code: Int32) -> Never {
    waitIfInterrupted()
    Foundation.exit(code)
  }

  /// Returns only while no signal has closed the output gate; after one, waits for the
  /// signal handler to end the process (so that nothing is printed in between).
  static func waitIfInterrupted() {
    while !OutputGate.shared.isOpen { sleep(1) }
  }

  nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
}
