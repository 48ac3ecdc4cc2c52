public import ArgumentParser
public import BaselineKit

// Each command's --format offers only the forms its report has.
extension DriftReport.Format: ExpressibleByArgument {}
extension Verification.Format: ExpressibleByArgument {}
extension HotfixReport.Format: ExpressibleByArgument {}
extension TagListing.Format: ExpressibleByArgument {}
extension LintReport.Format: ExpressibleByArgument {}
