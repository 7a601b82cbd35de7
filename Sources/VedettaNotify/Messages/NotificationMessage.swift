public import Foundation
import VedettaCore
public import VedettaIncidents

/// What a channel delivers: an incident and what just happened to it.
public struct NotificationMessage: Sendable {
    /// The outbox entry ID; stable across retries, so receivers can drop duplicates (`Idempotency-Key`).
    public var notificationID: Int64
    /// Which event this notification announces (opened or restored).
    public var event: IncidentEvent.Kind
    /// The incident, as it is at delivery time.
    public var incident: Incident
    /// When the message was rendered.
    public var sentAt: Date

    /// Creates a message.
    public init(notificationID: Int64, event: IncidentEvent.Kind, incident: Incident, sentAt: Date) {
        self.notificationID = notificationID
        self.event = event
        self.incident = incident
        self.sentAt = sentAt
    }

    /// A one-line subject, e.g. `[CRITICAL] DeviceUnreachable on core-switch: core-switch does not answer SNMP`.
    public var subject: String {
        let device = incident.labels["device"].map { " on \($0)" } ?? ""
        let prefix = event == .restored ? "[RESTORED]" : "[\(incident.severity.rawValue.uppercased())]"
        let summary = incident.summary.isEmpty ? "" : ": \(incident.summary)"
        return "\(prefix) \(incident.rule)\(device)\(summary)"
    }
}
