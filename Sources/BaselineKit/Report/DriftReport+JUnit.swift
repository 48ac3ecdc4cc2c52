import Foundation

extension DriftReport {
  /// The report as JUnit XML: a test suite per environment; a test case per probe, per
  /// component, and one for the environment as a whole when a finding belongs to neither
  /// (e.g. no probe ran); a failure per finding, so that every finding shows.
  /// - Returns: the XML document.
  public func junit() -> String {
    let suites = environments.map(Self.junitCases)
    let total = suites.reduce(0) { $0 + $1.count }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"baseline report\" tests=\"\(total)\" failures=\"\(findingCount)\">\n"
    for (environment, cases) in zip(environments, suites) {
      let name = XML.escape(environment.environment)
      out +=
        "  <testsuite name=\"\(name)\" tests=\"\(cases.count)\" "
        + "failures=\"\(environment.findings.count)\">\n"
      for testCase in cases {
        out +=
          "    <testcase classname=\"\(name)\(testCase.group)\" "
          + "name=\"\(XML.escape(testCase.name))\">\n"
        for finding in testCase.findings {
          out +=
            "      <failure type=\"\(finding.kind.rawValue)\" "
            + "message=\"\(XML.escape(finding.message))\"/>\n"
        }
        out += "    </testcase>\n"
      }
      out += "  </testsuite>\n"
    }
    return out + "</testsuites>\n"
  }

  private static func junitCases(_ environment: EnvironmentReport) -> [(
    group: String, name: String, findings: [Finding]
  )] {
    var cases: [(group: String, name: String, findings: [Finding])] = []
    var placed = Set<Int>()
    func take(_ belongs: (Finding) -> Bool) -> [Finding] {
      var taken: [Finding] = []
      for (index, finding) in environment.findings.enumerated()
      where !placed.contains(index) && belongs(finding) {
        placed.insert(index)
        taken.append(finding)
      }
      return taken
    }
    for run in environment.probes {
      cases.append(
        (".probes", run.probe, take { $0.component == nil && $0.probe == run.probe }))
    }
    for row in environment.rows {
      cases.append(("", row.component, take { $0.component == row.component }))
    }
    let rest = take { _ in true }
    if !rest.isEmpty { cases.append(("", "environment", rest)) }
    return cases
  }
}

enum XML {
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out += "&#\(scalar.value);"
      default:
        if scalar.value < 0x20 { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }
}
