import Foundation
import VedettaCore
import VedettaIncidents

/// An incident as the API returns it (snake_case JSON, ISO 8601 times, durations in seconds).
struct IncidentDTO: Codable, Sendable {
    var id: Int64
    var rule: String
    var severity: String
    var state: String
    var summary: String
    var description: String
    var labels: [String: String]
    var detectedAt: Date
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    var restoredAt: Date?
    var timeToRestoreSeconds: Double?
    var timeline: [EventDTO]

    struct EventDTO: Codable, Sendable {
        var kind: String
        var at: Date
        var detail: String
    }

    init(_ incident: Incident) {
        id = incident.id
        rule = incident.rule
        severity = incident.severity.rawValue
        state = "\(incident.state)"
        summary = incident.summary
        description = incident.description
        labels = incident.labels.dictionary
        detectedAt = incident.detectedAt
        acknowledgedAt = incident.acknowledgedAt
        acknowledgedBy = incident.acknowledgedBy
        restoredAt = incident.restoredAt
        timeToRestoreSeconds = incident.timeToRestore?.seconds
        timeline = incident.timeline.map { EventDTO(kind: $0.kind.rawValue, at: $0.at, detail: $0.detail) }
    }

    enum CodingKeys: String, CodingKey {
        case id, rule, severity, state, summary, description, labels, timeline
        case detectedAt = "detected_at"
        case acknowledgedAt = "acknowledged_at"
        case acknowledgedBy = "acknowledged_by"
        case restoredAt = "restored_at"
        case timeToRestoreSeconds = "time_to_restore_seconds"
    }
}
