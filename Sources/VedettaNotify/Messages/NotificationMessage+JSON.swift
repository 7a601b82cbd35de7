import Foundation
import VedettaCore
import VedettaIncidents

extension NotificationMessage {
    /// The webhook document, version 1: the notification around the incident as `Incident` encodes itself
    /// (the same shape as the API and `vedetta incidents list --json`). Field reference: `docs/notifications.md`.
    ///
    /// ```json
    /// {"version": "1", "notification_id": 42, "event": "opened", "subject": "...",
    ///  "incident": {"id": 7, "rule": "DeviceUnreachable", "severity": "critical", "state": "open", ...},
    ///  "sent_at": "2026-11-23T03:12:09.180Z"}
    /// ```
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
            sentAt: sentAt
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

    enum CodingKeys: String, CodingKey {
        case version, event, subject, incident
        case notificationID = "notification_id"
        case sentAt = "sent_at"
    }
}
