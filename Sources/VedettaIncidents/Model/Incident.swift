public import Foundation
public import VedettaCore

/// One occurrence of a firing alert: opened when the alert fires for a series, restored when it clears.
///
/// An incident is identified by its store-assigned ``id``; its ``fingerprint`` names the alert series, and at most
/// one incident per fingerprint is open (not restored) at any time. The ``timeline`` lists what happened to it,
/// oldest first: opened, acknowledged, notifications sent or failed, restored.
public struct Incident: Sendable, Hashable {
    /// The store-assigned identifier, unique and increasing.
    public var id: Int64
    /// The stable identity of the alert series (rule name plus labels), see ``IncidentFingerprint``.
    public var fingerprint: String
    /// The name of the alert rule that fired.
    public var rule: String
    /// How urgent the incident is.
    public var severity: Severity
    /// The labels of the alert series, usually including `device`.
    public var labels: LabelSet
    /// The rendered one-line summary.
    public var summary: String
    /// The rendered longer description.
    public var description: String
    /// When the alert fired.
    public var detectedAt: Date
    /// When somebody acknowledged the incident, if anybody did.
    public var acknowledgedAt: Date?
    /// Who acknowledged the incident.
    public var acknowledgedBy: String?
    /// When the alert cleared; `nil` while the incident is open.
    public var restoredAt: Date?
    /// What happened to the incident, oldest first.
    public var timeline: [IncidentEvent]
    /// The maintenance window the incident opened in (its alert paged nobody then): planned downtime, which
    /// reports show apart from outages.
    public var maintenanceWindowID: Int64?
    /// Whether an alert or a person opened the incident.
    public var origin: IncidentOrigin
    /// Who opened a manual incident; `nil` for an alert's.
    public var openedBy: String?
    /// The root-cause category (one of the configured `incidents.categories`), once somebody set it.
    public var category: String?
    /// What was done to restore service, once somebody wrote it.
    public var resolution: String?
    /// The reference of an external ticket (e.g. the carrier's or the vendor's case number).
    public var ticket: String?

    /// Creates an incident.
    ///
    /// - Parameters:
    ///   - id: The store-assigned identifier.
    ///   - fingerprint: The alert series identity.
    ///   - rule: The alert rule name.
    ///   - severity: The severity.
    ///   - labels: The alert series labels.
    ///   - summary: The one-line summary.
    ///   - description: The longer description.
    ///   - detectedAt: When the alert fired.
    ///   - acknowledgedAt: When the incident was acknowledged.
    ///   - acknowledgedBy: Who acknowledged it.
    ///   - restoredAt: When the alert cleared.
    ///   - timeline: The events, oldest first.
    ///   - maintenanceWindowID: The maintenance window the incident opened in.
    ///   - origin: Whether an alert or a person opened it.
    ///   - openedBy: Who opened a manual incident.
    ///   - category: The root-cause category.
    ///   - resolution: What was done to restore service.
    ///   - ticket: An external ticket reference.
    public init(
        id: Int64,
        fingerprint: String,
        rule: String,
        severity: Severity,
        labels: LabelSet,
        summary: String = "",
        description: String = "",
        detectedAt: Date,
        acknowledgedAt: Date? = nil,
        acknowledgedBy: String? = nil,
        restoredAt: Date? = nil,
        timeline: [IncidentEvent] = [],
        maintenanceWindowID: Int64? = nil,
        origin: IncidentOrigin = .alert,
        openedBy: String? = nil,
        category: String? = nil,
        resolution: String? = nil,
        ticket: String? = nil
    ) {
        self.id = id
        self.fingerprint = fingerprint
        self.rule = rule
        self.severity = severity
        self.labels = labels
        self.summary = summary
        self.description = description
        self.detectedAt = detectedAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.restoredAt = restoredAt
        self.timeline = timeline
        self.maintenanceWindowID = maintenanceWindowID
        self.origin = origin
        self.openedBy = openedBy
        self.category = category
        self.resolution = resolution
        self.ticket = ticket
    }

    /// Where the incident is in its lifecycle: restored wins over acknowledged, which wins over open.
    public var state: IncidentState {
        if restoredAt != nil { return .restored }
        if acknowledgedAt != nil { return .acknowledged }
        return .open
    }

    /// The value of the `device` label, if the alert series has one.
    public var device: DeviceID? {
        labels["device"].map { DeviceID($0) }
    }
}
