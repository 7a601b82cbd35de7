import Foundation
import VedettaAPI
import VedettaConfig
import VedettaCore
import VedettaIncidents
import VedettaReports

/// The agent's side of the incident and report routes: the ``IncidentDesk`` and ``IncidentReports`` on its store
/// and configuration, with their errors turned into HTTP refusals.
struct AgentIncidentOperations: IncidentOperations {
    let store: any AgentStore
    /// The latest configuration (a reload replaces it): the devices and the incident and report settings.
    let live: LiveValue<VedettaConfiguration>
    let clock: @Sendable () -> Date

    private var configuration: VedettaConfiguration { live.value }

    /// The desk on the latest configuration's devices and incident policy.
    private var desk: IncidentDesk {
        let configuration = configuration
        return IncidentDesk(store: store, policy: configuration.incidents, devices: configuration.devices)
    }

    var reportSettings: ReportSettings { configuration.reports }

    func now() -> Date { clock() }

    func acknowledge(id: Int64, by: String) async throws(IncidentRefusal) -> IncidentAcknowledgement {
        do { return try await desk.acknowledge(id: id, by: by) } catch { throw Self.refusal(error) }
    }

    func annotate(id: Int64, _ annotations: [IncidentAnnotation], by: String) async throws(IncidentRefusal)
        -> Incident
    {
        do { return try await desk.annotate(id: id, annotations, by: by) } catch { throw Self.refusal(error) }
    }

    func openManually(_ draft: ManualIncidentDraft, at: Date?) async throws(IncidentRefusal) -> Incident {
        do { return try await desk.openManually(draft, at: at) } catch { throw Self.refusal(error) }
    }

    func restoreManually(id: Int64, by: String, at: Date?) async throws(IncidentRefusal) -> Incident {
        do { return try await desk.restoreManually(id: id, by: by, at: at) } catch { throw Self.refusal(error) }
    }

    func report(period: ReportPeriod, grouping: ReportGrouping, severities: Set<Severity>?)
        async throws(IncidentRefusal) -> KPIReport
    {
        do {
            return try await IncidentReports.make(
                store: store, configuration: configuration, period: period, grouping: grouping, severities: severities)
        } catch {
            throw Self.refusal(error)
        }
    }

    /// The HTTP refusal of an operation's error: the store's code decides when the store refused.
    static func refusal(_ error: AgentError) -> IncidentRefusal {
        if error.code == .invalidInput { return IncidentRefusal(.invalid, error.message) }
        switch error.storeError?.code {
        case .notFound?: return IncidentRefusal(.notFound, error.storeError?.message ?? error.message)
        case .invalidTransition?: return IncidentRefusal(.conflict, error.storeError?.message ?? error.message)
        case .invalidInput?: return IncidentRefusal(.invalid, error.storeError?.message ?? error.message)
        default: return IncidentRefusal(.unavailable, error.message)
        }
    }
}
