/// A figure against its target, as the benchmark prints it: `MET` or `MISSED`.
enum Verdict {
  static func line(_ what: String, _ figure: String, target: String, met: Bool) -> String {
    "\(met ? "MET   " : "MISSED") \(what): \(figure) (target: \(target))"
  }
}
