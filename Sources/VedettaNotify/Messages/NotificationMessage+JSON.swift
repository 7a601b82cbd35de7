import Foundation
import VedettaCore
import VedettaIncidents
import VedettaOnCall

extension NotificationMessage {
    /// The webhook document, version 1: the notification around the incident as `Incident` encodes itself
    /// (the same shape as the API and `vedetta incidents list --json`). Field reference: `docs/notifications.md`.
    ///
    /// ```json
    /// {"version": "1", "notification_id": 42, "event": "opened", "subject": "...",
    ///  "incident": {"id": 7, "rule": "DeviceUnreachable", "severity": "critical", "state": "open", ...},
    ///  "sent_at": "2026-11-23T03:12:09.180Z"}
    /// ```
    /// A page of an escalation adds `"recipient": "marco"` (the person's short name, never their contact data),
    /// `"escalation": {"level": 2, "round": 1}`, `"group": [43, 44]` (the other incidents that page with it) and,
    /// when there is one, `"acknowledge_url"`.
    /// - Returns: UTF-8 JSON with sorted keys.
    public func jsonDocument() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601Milliseconds
        let document = WebhookDocument(
            notificationID: notificationID,
            event: event.rawValue,
            subject: subject,
            incident: incident,
            sentAt: sentAt,
            recipient: recipient?.name,
            escalation: escalationLevel.map { ["level": $0.level, "round": $0.round] },
            acknowledgeURL: incident.acknowledgedAt == nil && incident.restoredAt == nil ? acknowledgeURL : nil,
            group: group.isEmpty ? nil : group.map(\.id)
        )
        return (try? encoder.encode(document)).map(Array.init) ?? []
    }
}

/// The top level of a webhook document.
private struct WebhookDocument: Encodable {
    let version = "1"
    var notificationID: Int64
    var event: String
    var subject: String
    var incident: Incident
    var sentAt: Date
    var recipient: String?
    var escalation: [String: Int]?
    var acknowledgeURL: String?
    var group: [Int64]?

    enum CodingKeys: String, CodingKey {
        case version, event, subject, incident, recipient, escalation, group
        case notificationID = "notification_id"
        case sentAt = "sent_at"
        case acknowledgeURL = "acknowledge_url"
    }
}
