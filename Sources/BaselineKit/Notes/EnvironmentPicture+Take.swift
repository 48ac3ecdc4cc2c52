public import Foundation
import Git

extension EnvironmentPicture {
  /// Takes the picture of one environment from a drift check's result.
  /// - Parameters:
  ///   - report: the environment's report (probes run or inventories read in this run).
  ///   - estate: the estate (its baseline for the environment and its components).
  ///   - generatedAt: this run's time.
  ///   - previous: what the history holds of the previous run; `nil` without a history.
  ///   - historyNote: why there is no previous run, when `previous` is `nil`.
  ///   - repositories: where component repositories are opened (for emergency releases).
  /// - Returns: the picture.
  /// - Throws: ``RepositoryError`` when a repository with an emergency release running cannot
  ///   be read.
  public static func take(
    _ report: EnvironmentReport, estate: Estate, generatedAt: Date, previous: PreviousPicture?,
    historyNote: String?, repositories: ComponentRepositories
  ) throws(RepositoryError) -> EnvironmentPicture {
    let baseline = estate.baselines.first { $0.environment == report.environment }
    var analysed: [String: ComponentHotfixes] = [:]
    var components: [PictureComponent] = []
    let observed = report.rows.filter { $0.commit != nil }.compactMap {
      estate.components[$0.component]
    }
    let releases = try repositories.releases(of: observed)
    for row in report.rows {
      // The tags of the build that runs (the report's `tag` is the baselined release's).
      let tags = row.commit.flatMap(ObjectID.init(hex:)).map { id in
        releases[row.component]?.builds(on: id).map(\.tag.name) ?? []
      }
      var carried: [HotfixTarget]?
      if let deployed = row.deployed, let component = estate.components[row.component],
        let version = try? ReleaseVersion(deployed, scheme: component.scheme),
        version.isEmergency
      {
        if analysed[component.name] == nil {
          analysed[component.name] = try HotfixAnalysis.analyse(component, from: repositories)
        }
        let hotfix = analysed[component.name]?.hotfixes.first { $0.release == version }
        carried =
          hotfix?.targets ?? [
            HotfixTarget(
              name: "none", commit: nil, status: .unknown, missing: [],
              note: "\(deployed) has no tagged build: no later release can be checked for it")
          ]
      }
      components.append(
        PictureComponent(
          component: row.component, baseline: row.baseline, deployed: row.deployed,
          commit: row.commit, tag: tags.map { $0.joined(separator: ", ") },
          verdict: row.verdict.rawValue,
          findings: row.findings.map(\.rawValue), carriedBy: carried))
    }
    let open = report.openFindings.map(\.message)
    let accepted = (baseline?.acceptances ?? []).map { acceptance in
      AcceptedDeviation(
        component: acceptance.component, kind: acceptance.kind.rawValue, key: acceptance.key,
        actual: acceptance.actual, reason: acceptance.reason, reference: acceptance.reference,
        expires: acceptance.expires,
        inUse: report.findings.contains { $0.acceptance == acceptance })
    }
    return EnvironmentPicture(
      environment: report.environment, generatedAt: generatedAt, collectedAt: report.collectedAt,
      declaredRelease: baseline?.release, status: report.status.rawValue,
      probes: report.probes.map { run in
        "\(run.probe): "
          + (run.savedIn.map { "saved inventory \($0)" }
            ?? (run.failure.map { "failed (\($0))" } ?? "ok"))
      },
      components: components, findings: open, accepted: accepted,
      changes: previous.map {
        changes(since: $0, rows: report.rows, open: open, present: report.findings.map(\.message))
      },
      changesNote: previous == nil ? historyNote : nil)
  }

  /// What changed between the previous run and this one.
  /// - Parameters:
  ///   - previous: what the history holds of the previous run.
  ///   - rows: this run's components.
  ///   - open: the findings open now (new ones are among them).
  ///   - present: every finding now, accepted ones too: the history records those, and a
  ///     finding still there is not resolved because a deviation accepts it.
  /// - Returns: the deployments that changed, the new and the resolved findings.
  static func changes(
    since previous: PreviousPicture, rows: [EnvironmentReport.Row], open: [String],
    present: [String]
  ) -> PictureChange {
    func shown(_ release: String?, _ commit: String?) -> String {
      guard release != nil || commit != nil else { return "absent" }
      return (release ?? "no release") + (commit.map { " (\($0.prefix(7)))" } ?? "")
    }
    var deployments: [DeploymentChange] = []
    var names = Set(previous.deployments.keys)
    for row in rows {
      names.remove(row.component)
      let before = previous.deployments[row.component]
      let now = shown(row.deployed, row.commit)
      let then = shown(before?.release ?? nil, before?.commit ?? nil)
      if now != then {
        deployments.append(DeploymentChange(component: row.component, before: then, after: now))
      }
    }
    for name in names.sorted() {
      let before = previous.deployments[name]
      let then = shown(before?.release ?? nil, before?.commit ?? nil)
      if then != "absent" {
        deployments.append(DeploymentChange(component: name, before: then, after: "absent"))
      }
    }
    return PictureChange(
      previousRun: Timestamp.string(previous.time), deployments: deployments,
      newFindings: open.filter { !previous.openFindings.contains($0) },
      resolvedFindings: previous.openFindings.subtracting(present).sorted())
  }
}
