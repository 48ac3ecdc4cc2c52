import Foundation

extension DriftReport {
  /// The report as JUnit XML: a test suite per environment; a test case per probe
  /// (class `ENV.probes`), per component (class `ENV`), and one named `environment` when a
  /// finding belongs to neither (e.g. no probe ran). A case with findings has one `failure`
  /// whose type lists their kinds and whose text has every message; a component whose state
  /// is unknown is `skipped`. A deviation the baseline accepts is no failure: it is listed in
  /// the case's `system-out` with its reference. `failures` counts failing cases, as JUnit
  /// does.
  /// - Returns: the XML document.
  public func junit() -> String {
    let suites = environments.map(Self.junitCases)
    let total = suites.reduce(0) { $0 + $1.count }
    let failing = suites.reduce(0) { $0 + $1.filter { !$0.findings.isEmpty }.count }
    let skipped = suites.reduce(0) { $0 + $1.filter(\.unknown).count }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites name=\"baseline report\" tests=\"\(total)\" failures=\"\(failing)\" "
      + "skipped=\"\(skipped)\">\n"
    for (environment, cases) in zip(environments, suites) {
      let name = XML.escape(environment.environment)
      out +=
        "  <testsuite name=\"\(name)\" tests=\"\(cases.count)\" "
        + "failures=\"\(cases.filter { !$0.findings.isEmpty }.count)\" "
        + "skipped=\"\(cases.filter(\.unknown).count)\">\n"
      let environmentName = environment.environment
      for testCase in cases {
        out +=
          "    <testcase classname=\"\(name)\(testCase.group)\" "
          + "name=\"\(XML.escape(testCase.name))\">\n"
        if let first = testCase.findings.first {
          let kinds = testCase.findings.map(\.kind.rawValue).joined(separator: ", ")
          let text = testCase.findings.map {
            "\($0.kind.rawValue): \($0.message(in: environmentName))"
          }
          .joined(separator: "\n")
          out +=
            "      <failure type=\"\(kinds)\" message=\"\(XML.escape(first.message(in: environmentName)))\">"
            + "\(XML.text(text))</failure>\n"
        } else if testCase.unknown {
          out += "      <skipped message=\"not reported, and a probe failed: state unknown\"/>\n"
        }
        if !testCase.accepted.isEmpty {
          let text = testCase.accepted.map { finding in
            "accepted (\(finding.acceptance?.reference ?? ""), until "
              + "\(finding.acceptance?.expires ?? "")): \(finding.kind.rawValue): \(finding.message(in: environmentName))"
          }.joined(separator: "\n")
          out += "      <system-out>\(XML.text(text))</system-out>\n"
        }
        out += "    </testcase>\n"
      }
      out += "  </testsuite>\n"
    }
    return out + "</testsuites>\n"
  }

  private static func junitCases(_ environment: EnvironmentReport) -> [JUnitCase] {
    // Each finding goes to one case: its component's, else its probe's, else the
    // environment's. Grouped once, so that large estates stay linear.
    var byComponent: [String: [Finding]] = [:]
    var byProbe: [String: [Finding]] = [:]
    var rest: [Finding] = []
    let rowNames = Set(environment.rows.map(\.component))
    let probeNames = Set(environment.probes.map(\.probe))
    for finding in environment.findings {
      if let component = finding.component, rowNames.contains(component) {
        byComponent[component, default: []].append(finding)
      } else if finding.component == nil, let probe = finding.probe, probeNames.contains(probe) {
        byProbe[probe, default: []].append(finding)
      } else {
        rest.append(finding)
      }
    }
    var cases: [JUnitCase] = []
    var seenProbes: Set<String> = []
    for run in environment.probes where seenProbes.insert(run.probe).inserted {
      cases.append(JUnitCase(".probes", run.probe, byProbe[run.probe] ?? [], unknown: false))
    }
    for row in environment.rows {
      cases.append(
        JUnitCase(
          "", row.component, byComponent[row.component] ?? [], unknown: row.verdict == .unknown))
      byComponent[row.component] = nil
    }
    if !rest.isEmpty { cases.append(JUnitCase("", "environment", rest, unknown: false)) }
    return cases
  }

  /// One test case: the findings that fail it, and the accepted ones it lists.
  private struct JUnitCase {
    let group: String
    let name: String
    let findings: [Finding]
    let accepted: [Finding]
    let unknown: Bool
    init(_ group: String, _ name: String, _ all: [Finding], unknown: Bool) {
      self.group = group
      self.name = name
      self.findings = all.filter(\.isOpen)
      self.accepted = all.filter { !$0.isOpen }
      self.unknown = unknown
    }
  }
}
