import Foundation
import VedettaCore

extension Incident: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, fingerprint, rule, severity, labels, summary, description
        case detectedAt = "detected_at"
        case acknowledgedAt = "acknowledged_at"
        case acknowledgedBy = "acknowledged_by"
        case restoredAt = "restored_at"
        case timeline
        case maintenanceWindowID = "maintenance_window"
        case origin
        case openedBy = "opened_by"
        case category, resolution, ticket
        // Derived, written for readers (API, CLI, webhooks) and ignored when decoding.
        case state, device
        case timeToAcknowledgeSeconds = "time_to_acknowledge_seconds"
        case timeToRestoreSeconds = "time_to_restore_seconds"
    }

    /// Decodes an incident; `labels` is an object of label names to values.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` when a field is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(Int64.self, forKey: .id),
            fingerprint: try container.decode(String.self, forKey: .fingerprint),
            rule: try container.decode(String.self, forKey: .rule),
            severity: try container.decode(Severity.self, forKey: .severity),
            labels: LabelSet(try container.decode([String: String].self, forKey: .labels)),
            summary: try container.decodeIfPresent(String.self, forKey: .summary) ?? "",
            description: try container.decodeIfPresent(String.self, forKey: .description) ?? "",
            detectedAt: try container.decode(Date.self, forKey: .detectedAt),
            acknowledgedAt: try container.decodeIfPresent(Date.self, forKey: .acknowledgedAt),
            acknowledgedBy: try container.decodeIfPresent(String.self, forKey: .acknowledgedBy),
            restoredAt: try container.decodeIfPresent(Date.self, forKey: .restoredAt),
            timeline: try container.decodeIfPresent([IncidentEvent].self, forKey: .timeline) ?? [],
            maintenanceWindowID: try container.decodeIfPresent(Int64.self, forKey: .maintenanceWindowID),
            origin: try container.decodeIfPresent(IncidentOrigin.self, forKey: .origin) ?? .alert,
            openedBy: try container.decodeIfPresent(String.self, forKey: .openedBy),
            category: try container.decodeIfPresent(String.self, forKey: .category),
            resolution: try container.decodeIfPresent(String.self, forKey: .resolution),
            ticket: try container.decodeIfPresent(String.self, forKey: .ticket)
        )
    }

    /// Encodes the incident with `snake_case` keys; `labels` becomes an object of label names to values.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(rule, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(labels.dictionary, forKey: .labels)
        try container.encode(summary, forKey: .summary)
        try container.encode(description, forKey: .description)
        try container.encode(detectedAt, forKey: .detectedAt)
        try container.encode(acknowledgedAt, forKey: .acknowledgedAt)
        try container.encode(acknowledgedBy, forKey: .acknowledgedBy)
        try container.encode(restoredAt, forKey: .restoredAt)
        try container.encode(timeline, forKey: .timeline)
        try container.encode(maintenanceWindowID, forKey: .maintenanceWindowID)
        try container.encode(origin, forKey: .origin)
        try container.encode(openedBy, forKey: .openedBy)
        try container.encode(category, forKey: .category)
        try container.encode(resolution, forKey: .resolution)
        try container.encode(ticket, forKey: .ticket)
        try container.encode(state, forKey: .state)
        try container.encode(device?.rawValue, forKey: .device)
        try container.encode(timeToAcknowledge.map { $0.seconds }, forKey: .timeToAcknowledgeSeconds)
        try container.encode(timeToRestore.map { $0.seconds }, forKey: .timeToRestoreSeconds)
    }
}
