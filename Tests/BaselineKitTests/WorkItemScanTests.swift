import Foundation
import Testing

@testable import BaselineKit

/// Issue 12: how release notes read work item ids from messages and defects from a tracker's
/// export.
@Suite("Work items in messages, defects in a tracker's CSV")
struct WorkItemScanTests {
  @Test("subject, body and trailer; capture groups; each id once per place")
  func places() throws {
    let scan = try WorkItemScan(rules: [
      WorkItemRule(pattern: "DEF-[0-9]+", kind: .defect),
      WorkItemRule(pattern: "Fixes: (#[0-9]+)", kind: .item),
      WorkItemRule(pattern: "[A-Z]+-[0-9]+", kind: .item),
    ])
    let found = scan.scan(
      "DEF-1 and DEF-1 again\r\n\r\nBody names CR-7 and DEF-2.\n\nFixes: #12\nRefs: DEF-1\n")
    // In the order of the rules, then of the text; an id two rules find keeps the first kind.
    #expect(
      found.map { "\($0.id) \($0.kind.rawValue) \($0.place.rawValue)" } == [
        "DEF-1 defect subject", "DEF-2 defect body", "CR-7 item body", "DEF-1 defect trailer",
        "#12 item trailer",
      ])
    // A last paragraph with a line that is no `Token: value` is body, not trailers.
    let (_, body, trailers) = WorkItemScan.split("Subject\n\nFixes: #1\nnot a trailer")
    #expect(trailers.isEmpty)
    #expect(body == "Fixes: #1\nnot a trailer")
    #expect(WorkItemScan.split("").subject.isEmpty)
  }

  @Test("CSV: quotes, commas and line breaks in fields, CRLF; where a bad one goes wrong")
  func csv() throws {
    let rows = try CSVRows.parse(
      "id,summary\r\nDEF-1,\"a, b\"\r\nDEF-2,\"two\nlines \"\"quoted\"\"\"\r\n", shown: "d.csv")
    #expect(
      rows.map(\.fields) == [
        ["id", "summary"], ["DEF-1", "a, b"], ["DEF-2", "two\nlines \"quoted\""],
      ])
    #expect(rows.map(\.line) == [1, 2, 3])
    #expect(throws: InputError.self) { try CSVRows.parse("id\n\"x\"y\n", shown: "d.csv") }
    do {
      _ = try CSVRows.parse("id\n\"x\"y\n", shown: "d.csv")
    } catch {
      #expect(
        error.description
          == "d.csv:2:4: expected a comma or the end of the line after a closing quote")
    }
    let defects = try DefectsFile.csv("ID,Status\nDEF-1,Won't Fix\nDEF-2,\n", shown: "d.csv")
    #expect(defects.map(\.isOpen) == [false, true])
  }
}

/// Issue 12: which work item patterns are refused for the time their matching can take.
@Suite("Work item patterns whose backtracking can explode")
struct WorkItemPatternRiskTests {
  @Test(
    "refused: a repeated group holding a repetition, an option or an alternation",
    arguments: [
      "(a+)+$", "(?:a+)+", "(a+){2,}", "(a*)*", "((a+))+", "(a+|b)+", "(.*a){25}", "(a+)+?",
      "(a{1,40}){1,40}", "(a|aa)+$", "(a|a)+$", "(?:a|[ab])+$", "(a?){30}a{30}", "([A-Z]+)*-1",
    ])
  func refused(pattern: String) {
    #expect(WorkItemRule.nestedRepetition(in: pattern) != nil)
  }

  @Test(
    "accepted: ids, literals, classes, atomic groups and possessive quantifiers",
    arguments: [
      "DEF-[0-9]+", "(DEF|BUG)-[0-9]+", "Fixes: (#[0-9]+)", "\\b[A-Z][A-Z0-9]+-[0-9]+\\b",
      "[a+]+", "\\(a+\\)+", "(?:ab)+", "\\Q(a+)+\\E", "(?>a+)+", "(a++)+", "(CR)?-[0-9]+",
    ])
  func accepted(pattern: String) {
    #expect(WorkItemRule.nestedRepetition(in: pattern) == nil)
  }
}
