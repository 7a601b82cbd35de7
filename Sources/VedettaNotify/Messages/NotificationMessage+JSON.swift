import Foundation
import VedettaCore
import VedettaIncidents

extension NotificationMessage {
    /// The webhook document, version 1. Field reference: `docs/notifications.md`.
    ///
    /// ```json
    /// {"version": "1", "notification_id": 42, "event": "opened", "subject": "...",
    ///  "incident": {"id": 7, "rule": "DeviceUnreachable", "severity": "critical", "state": "open",
    ///               "summary": "...", "description": "...", "labels": {"device": "core-switch"},
    ///               "detected_at": "2026-11-23T03:12:09.120Z", "acknowledged_at": null,
    ///               "restored_at": null, "time_to_restore_seconds": null},
    ///  "sent_at": "..."}
    /// ```
    /// - Returns: UTF-8 JSON with sorted keys.
    public func jsonDocument() -> [UInt8] {
        var incidentObject: [String: Any] = [
            "id": incident.id,
            "rule": incident.rule,
            "severity": incident.severity.rawValue,
            "state": "\(incident.state)",
            "summary": incident.summary,
            "description": incident.description,
            "labels": incident.labels.dictionary,
            "detected_at": incident.detectedAt.iso8601Milliseconds,
            "acknowledged_at": incident.acknowledgedAt?.iso8601Milliseconds ?? NSNull(),
            "restored_at": incident.restoredAt?.iso8601Milliseconds ?? NSNull(),
        ]
        incidentObject["time_to_restore_seconds"] = incident.timeToRestore.map { $0.seconds } ?? NSNull()
        let document: [String: Any] = [
            "version": "1",
            "notification_id": notificationID,
            "event": event.rawValue,
            "subject": subject,
            "incident": incidentObject,
            "sent_at": sentAt.iso8601Milliseconds,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        return Array(data)
    }
}
