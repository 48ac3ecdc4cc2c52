import Foundation

extension DriftReport {
  /// The report as JUnit XML: a test suite per environment, a test case per component (and
  /// one per probe), a failure per finding.
  public func junit() -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites name=\"baseline report\" tests=\"\(environments.reduce(0) { $0 + $1.rows.count + $1.probes.count })\" failures=\"\(findingCount)\">\n"
    for environment in environments {
      let cases = environment.rows.count + environment.probes.count
      out +=
        "  <testsuite name=\"\(XML.escape(environment.environment))\" tests=\"\(cases)\" failures=\"\(environment.findings.count)\">\n"
      for run in environment.probes {
        out +=
          "    <testcase classname=\"\(XML.escape(environment.environment)).probes\" name=\"\(XML.escape(run.probe))\">\n"
        for finding in environment.findings
        where finding.component == nil && finding.probe == run.probe {
          out +=
            "      <failure type=\"\(finding.kind.rawValue)\" message=\"\(XML.escape(finding.message))\"/>\n"
        }
        out += "    </testcase>\n"
      }
      for row in environment.rows {
        out +=
          "    <testcase classname=\"\(XML.escape(environment.environment))\" name=\"\(XML.escape(row.component))\">\n"
        for finding in environment.findings where finding.component == row.component {
          out +=
            "      <failure type=\"\(finding.kind.rawValue)\" message=\"\(XML.escape(finding.message))\"/>\n"
        }
        out += "    </testcase>\n"
      }
      out += "  </testsuite>\n"
    }
    return out + "</testsuites>\n"
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
