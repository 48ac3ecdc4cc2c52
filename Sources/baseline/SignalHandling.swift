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
  ///
  /// The three signals are blocked first, on the main thread before any other thread exists
  /// (every later thread inherits the mask), and one thread takes them with `sigwait`: a
  /// signal that arrives at any moment after this call, however early, stays pending until
  /// it is handled, never lost. (A handler installed after the signal had been ignored lost
  /// a signal sent in the first milliseconds, and the run went on to write its file.) Probes
  /// are spawned with an empty mask and default dispositions (``ProbeProcess``).
  static func stopProbesOnSignals() {
    var signals = sigset_t()
    sigemptyset(&signals)
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signalNumber) }
    pthread_sigmask(SIG_BLOCK, &signals, nil)
    let blocked = signals
    let waiter = Thread {
      var signals = blocked
      while true {
        var received: Int32 = 0
        guard sigwait(&signals, &received) == 0 else { continue }
        // A second signal finds the gate closed: the first is already being handled.
        guard OutputGate.shared.close() else { continue }
        ProbeRunner.stopAll()
        Foundation.exit(128 + received)
      }
    }
    waiter.name = "baseline signals"
    waiter.start()
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
}
