import Foundation
import VedettaCore
import VedettaIncidents

extension NotificationMessage {
    /// Alertmanager's webhook document (version 4), for receivers written for Alertmanager: one alert, the
    /// incident's, `firing` or `resolved`.
    ///
    /// Its labels are the incident's with `alertname` (the rule) and `severity`; its annotations `summary` and
    /// `description`; `startsAt` the detection, `endsAt` the restoration (the zero time while firing, as
    /// Alertmanager writes it); `fingerprint` the incident's. `groupKey` is unique per incident, so a receiver
    /// that threads by group threads each incident on its own.
    /// - Parameter receiver: The channel name (`receiver`).
    /// - Returns: UTF-8 JSON with sorted keys.
    public func alertmanagerDocument(receiver: String) -> [UInt8] {
        let resolved = event == .restored || incident.restoredAt != nil
        var labels = incident.labels.dictionary
        labels["alertname"] = incident.rule
        labels["severity"] = incident.severity.rawValue
        let annotations = ["summary": incident.summary, "description": incident.description]
        let alert: [String: Any] = [
            "status": resolved ? "resolved" : "firing",
            "labels": labels,
            "annotations": annotations,
            "startsAt": incident.detectedAt.iso8601Milliseconds,
            "endsAt": incident.restoredAt.map(\.iso8601Milliseconds) ?? "0001-01-01T00:00:00Z",
            "generatorURL": "",
            "fingerprint": incident.fingerprint,
        ]
        let document: [String: Any] = [
            "version": "4",
            "groupKey": "{}:{alertname=\"\(incident.rule)\",incident=\"\(incident.id)\"}",
            "truncatedAlerts": 0,
            "status": resolved ? "resolved" : "firing",
            "receiver": receiver,
            "groupLabels": ["alertname": incident.rule],
            "commonLabels": labels,
            "commonAnnotations": annotations,
            "externalURL": "",
            "alerts": [alert],
        ]
        let data = try? JSONSerialization.data(
            withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map(Array.init) ?? []
    }
}
