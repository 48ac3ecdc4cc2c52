public import BaselineKit
import Foundation

extension PreviousPicture {
  /// What the run history at `path` (a file or a `postgres://` address) holds of
  /// `environment`'s last run, read without writing (opened read-only, never made).
  /// - Returns: the previous picture, or `nil` and why: no history file, or no run of the
  ///   environment in it.
  /// - Throws: ``HistoryError`` when the file is there and cannot be read.
  public static func read(environment: String, history path: String?) throws(HistoryError)
    -> (PreviousPicture?, String?)
  {
    guard let path else { return (nil, "no run history (--no-history)") }
    guard HistoryStores.exists(path) else {
      return (nil, "no run history at \(path): what changed since the previous run is not known")
    }
    let store = try HistoryStores.open(path, readOnly: true)
    defer { store.close() }
    let listing = try store.listing(HistoryQuery(environments: [environment]))
    guard let previous = listing.previousPicture(of: environment) else {
      return (nil, "the run history has no run of \(environment) yet")
    }
    return (previous, nil)
  }
}
