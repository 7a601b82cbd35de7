import Foundation
import VedettaCore
import VedettaMaintenance

/// Maintenance windows to and from `maintenance_window` rows, as in the SQLite store. The fields are stored as
/// written and read back through the same parsers as the CLI's, so a row the parsers refuse means the database was
/// changed outside Vedetta (`corrupt`).
enum MaintenanceRows {
    /// The columns of a window's definition, for INSERT and UPDATE.
    struct DefinitionColumns: Sendable {
        /// `match`: the scope as written.
        var match: String
        /// `start_local`: the first start, local time.
        var startLocal: String
        /// `time_zone`: the zone's identifier.
        var timeZone: String
        /// `duration_ms`: the length of each occurrence.
        var durationMilliseconds: Int64
        /// `rrule`: the recurrence rule, or `nil` for a single occurrence.
        var rrule: String?
        /// `exdates`: the excluded starts, a sorted JSON array of local times.
        var exdates: String
        /// `reason`.
        var reason: String
    }

    /// The columns of `definition`.
    static func definitionArguments(_ definition: MaintenanceDefinition) throws -> DefinitionColumns {
        let schedule = definition.schedule
        return DefinitionColumns(
            match: definition.scope.description,
            startLocal: schedule.start.description,
            timeZone: schedule.zone.identifier,
            durationMilliseconds: Int64((schedule.duration.seconds * 1000).rounded()),
            rrule: schedule.recurrence.map { "\($0)" },
            exdates: try json(schedule.exceptions.sorted().map(\.description)),
            reason: definition.reason)
    }

    /// The adjustments column.
    static func adjustmentsJSON(_ adjustments: [OccurrenceAdjustment]) throws -> String {
        try json(
            adjustments.map {
                StoredAdjustment(
                    occurrenceStart: Milliseconds.of($0.occurrenceStart), end: Milliseconds.of($0.end))
            })
    }

    /// Decodes one row of `SELECT * FROM maintenance_window`.
    static func window(_ row: StoredRow) throws -> MaintenanceWindow {
        let id = try row["id", as: Int64.self]
        func corrupt(_ what: String) -> StoreError {
            StoreError(
                .corrupt, message: "maintenance window \(id): \(what); the database was changed outside Vedetta",
                operation: "read maintenance window")
        }
        let zoneName = try row["time_zone", as: String.self]
        guard let zone = TimeZone(identifier: zoneName) else { throw corrupt("unknown time zone \(zoneName)") }
        guard let start = LocalDateTime.parse(try row["start_local", as: String.self]) else {
            throw corrupt("unreadable start")
        }
        guard let exdateTexts = decodeJSON([String].self, try row["exdates", as: String.self]) else {
            throw corrupt("unreadable exdates")
        }
        guard let stored = decodeJSON([StoredAdjustment].self, try row["adjustments", as: String.self]) else {
            throw corrupt("unreadable adjustments")
        }
        let definition: MaintenanceDefinition
        do {
            definition = try MaintenanceFields.definition(
                scope: try MaintenanceScope.parse(try row["match", as: String.self]),
                start: start,
                zone: zone,
                length: .duration(.milliseconds(try row["duration_ms", as: Int64.self])),
                rrule: try row["rrule", as: String?.self],
                exdates: exdateTexts,
                reason: try row["reason", as: String.self])
        } catch let error as MaintenanceError {
            throw corrupt(error.description)
        }
        let origin = try row["origin", as: String.self]
        return MaintenanceWindow(
            id: id,
            name: try row["name", as: String?.self],
            origin: origin == "runtime" ? .runtime : .configuration(file: origin),
            definition: definition,
            createdBy: try row["created_by", as: String.self],
            createdAt: Milliseconds.date(try row["created_at", as: Int64.self]),
            updatedAt: Milliseconds.date(try row["updated_at", as: Int64.self]),
            adjustments: stored.map {
                OccurrenceAdjustment(
                    occurrenceStart: Milliseconds.date($0.occurrenceStart), end: Milliseconds.date($0.end))
            },
            deletedAt: try row["deleted_at", as: Int64?.self].map(Milliseconds.date)
        )
    }

    /// Decodes one row of `SELECT * FROM maintenance_audit`.
    static func auditEntry(_ row: StoredRow) throws -> MaintenanceAuditEntry {
        MaintenanceAuditEntry(
            windowID: try row["window_id", as: Int64.self],
            at: Milliseconds.date(try row["at", as: Int64.self]),
            action: MaintenanceAuditEntry.Action(rawValue: try row["action", as: String.self]),
            by: try row["by", as: String.self],
            detail: try row["detail", as: String.self])
    }

    /// The `origin` column of `origin`.
    static func originText(_ origin: MaintenanceWindow.Origin) -> String {
        switch origin {
        case .runtime: "runtime"
        case .configuration(let file): file
        }
    }

    private struct StoredAdjustment: Codable {
        var occurrenceStart: Int64
        var end: Int64

        enum CodingKeys: String, CodingKey {
            case end
            case occurrenceStart = "occurrence_start"
        }
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
