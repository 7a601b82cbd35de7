import Foundation
public import VedettaConfig
public import VedettaCore
public import VedettaIncidents
public import VedettaReports

/// Makes KPI reports from the agent's store and configuration, for `vedetta report`, the API and the schedules.
public enum IncidentReports {
    /// The report of `period`, with the previous period of the same length, over the configured devices.
    /// - Parameters:
    ///   - store: Where the incidents are.
    ///   - configuration: The devices and `reports:` settings.
    ///   - period: The period.
    ///   - grouping: What the rows are.
    ///   - severities: Only incidents of these severities (`nil`: all).
    /// - Throws: `AgentError` when the period is empty or the store cannot be read.
    /// - Returns: The report.
    public static func make(
        store: any IncidentRecords, configuration: VedettaConfiguration, period: ReportPeriod,
        grouping: ReportGrouping, severities: Set<Severity>?
    ) async throws(AgentError) -> KPIReport {
        guard period.from < period.to else {
            throw AgentError(.invalidInput, "the period is empty: --from must be before --to")
        }
        let request = ReportRequest(
            from: period.from, to: period.to, grouping: grouping, severities: severities,
            devices: configuration.devices.map { ReportRequest.Device(id: $0.id, labels: $0.labels) })
        let spans: IncidentSpanTable
        do {
            spans = try await store.spans(activeFrom: request.previousFrom, to: period.to)
        } catch {
            throw AgentError(.store, "cannot read incidents for the report: \(error)", storeError: error)
        }
        return ReportBuilder(settings: configuration.reports).build(request, spans: spans)
    }
}
