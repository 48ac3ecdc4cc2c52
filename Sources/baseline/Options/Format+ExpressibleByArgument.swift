public import ArgumentParser
public import BaselineKit

// Each command's --format offers only the forms its result has.
extension DriftReport.Format: ExpressibleByArgument {}
extension DocumentFormat: ExpressibleByArgument {}
extension ListingFormat: ExpressibleByArgument {}
extension NotesFormat: ExpressibleByArgument {}
extension FailurePolicy: ExpressibleByArgument {}
