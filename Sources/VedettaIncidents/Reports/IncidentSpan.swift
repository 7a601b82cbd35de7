public import Foundation
public import VedettaCore

/// What a report needs of one incident: when it began, was acknowledged and ended, what it was about and whether
/// it was planned. The timeline and texts are left out, so a year of incidents reads quickly.
public struct IncidentSpan: Sendable, Hashable {
    /// The incident's identifier.
    public var id: Int64
    /// The alert rule (``ManualIncidentDraft/ruleName`` for manual incidents).
    public var rule: String
    /// How urgent it was.
    public var severity: Severity
    /// The incident's labels (`device`, and for manual incidents possibly only `site`, `role`…).
    public var labels: LabelSet
    /// Whether an alert or a person opened it.
    public var origin: IncidentOrigin
    /// The root-cause category, if somebody set one.
    public var category: String?
    /// When it was detected.
    public var detectedAt: Date
    /// When it was acknowledged.
    public var acknowledgedAt: Date?
    /// When it was restored; `nil` while open.
    public var restoredAt: Date?
    /// The maintenance window it opened in: planned downtime.
    public var maintenanceWindowID: Int64?
    /// For an incident that opened in maintenance: when it paged because the window ended while it still failed
    /// (its first `unmuted` event). From then on it is an outage.
    public var pagedAfterMaintenanceAt: Date?

    /// Creates a span.
    ///
    /// - Parameters:
    ///   - id: The incident's identifier.
    ///   - rule: The alert rule.
    ///   - severity: The severity.
    ///   - labels: The labels.
    ///   - origin: Alert or manual.
    ///   - category: The root-cause category.
    ///   - detectedAt: When it was detected.
    ///   - acknowledgedAt: When it was acknowledged.
    ///   - restoredAt: When it was restored.
    ///   - maintenanceWindowID: The maintenance window it opened in.
    ///   - pagedAfterMaintenanceAt: When it paged after its window ended.
    public init(
        id: Int64,
        rule: String,
        severity: Severity,
        labels: LabelSet,
        origin: IncidentOrigin = .alert,
        category: String? = nil,
        detectedAt: Date,
        acknowledgedAt: Date? = nil,
        restoredAt: Date? = nil,
        maintenanceWindowID: Int64? = nil,
        pagedAfterMaintenanceAt: Date? = nil
    ) {
        self.id = id
        self.rule = rule
        self.severity = severity
        self.labels = labels
        self.origin = origin
        self.category = category
        self.detectedAt = detectedAt
        self.acknowledgedAt = acknowledgedAt
        self.restoredAt = restoredAt
        self.maintenanceWindowID = maintenanceWindowID
        self.pagedAfterMaintenanceAt = pagedAfterMaintenanceAt
    }

    /// The span of `incident`.
    ///
    /// - Parameter incident: An incident with its timeline.
    public init(_ incident: Incident) {
        self.init(
            id: incident.id,
            rule: incident.rule,
            severity: incident.severity,
            labels: incident.labels,
            origin: incident.origin,
            category: incident.category,
            detectedAt: incident.detectedAt,
            acknowledgedAt: incident.acknowledgedAt,
            restoredAt: incident.restoredAt,
            maintenanceWindowID: incident.maintenanceWindowID,
            pagedAfterMaintenanceAt: incident.maintenanceWindowID == nil
                ? nil : incident.timeline.first { $0.kind == .unmuted }?.at
        )
    }

    /// The value of the `device` label, if any.
    public var device: DeviceID? {
        labels["device"].map { DeviceID($0) }
    }
}
