extension Finding {
  /// The finding's stable identity within an environment, as the run history keys it: the
  /// kind, the component, and the setting or file key (the probe, for a finding about a
  /// probe rather than a component); the same drift on the next night has the same identity
  /// whatever its message says.
  public var identity: FindingIdentity {
    // Two expired acceptances of one component differ by what they accepted.
    let accepted = kind == .expiredAcceptance ? actual ?? expected ?? "" : ""
    return FindingIdentity(
      kind: kind, component: component ?? "",
      key: key ?? (component == nil ? probe ?? "" : accepted))
  }
}
