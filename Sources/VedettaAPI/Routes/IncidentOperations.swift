public import Foundation
public import VedettaCore
public import VedettaIncidents
public import VedettaReports

/// What the incident and report routes need from the running agent: the changes people make to the log, and
/// reports. The agent implements it on its store and configuration (categories, devices, report settings).
public protocol IncidentOperations: Sendable {
    /// How reports are made: the zone of dates, the default language.
    var reportSettings: ReportSettings { get }
    /// The current time.
    func now() -> Date
    /// Acknowledges incident `id`.
    func acknowledge(id: Int64, by: String) async throws(IncidentRefusal) -> IncidentAcknowledgement
    /// Adds notes, a category, resolution or ticket, all or none.
    func annotate(id: Int64, _ annotations: [IncidentAnnotation], by: String) async throws(IncidentRefusal)
        -> Incident
    /// Opens a manual incident detected at `at` (now when `nil`).
    func openManually(_ draft: ManualIncidentDraft, at: Date?) async throws(IncidentRefusal) -> Incident
    /// Restores manual incident `id` at `at` (now when `nil`).
    func restoreManually(id: Int64, by: String, at: Date?) async throws(IncidentRefusal) -> Incident
    /// The KPI report of `period`.
    func report(period: ReportPeriod, grouping: ReportGrouping, severities: Set<Severity>?)
        async throws(IncidentRefusal) -> KPIReport
}

/// Why a change or a report was refused, with the HTTP status it maps to.
public struct IncidentRefusal: Error, Sendable {
    /// The class of refusal.
    public enum Code: String, Sendable {
        /// A field is missing or wrong (400).
        case invalid
        /// No such incident (404).
        case notFound = "not_found"
        /// The change does not fit the incident's state (409).
        case conflict
        /// The store cannot be reached (503).
        case unavailable
    }

    /// The class of refusal.
    public var code: Code
    /// What went wrong and what to do.
    public var message: String
    /// The request field at fault, when there is one.
    public var field: String?

    /// Creates a refusal.
    /// - Parameters:
    ///   - code: The class.
    ///   - message: What went wrong.
    ///   - field: The field at fault.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }
}
