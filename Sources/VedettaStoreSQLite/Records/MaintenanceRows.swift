import Foundation
import GRDB
import VedettaCore
import VedettaMaintenance

/// Maintenance windows to and from `maintenance_window` rows. The fields are stored as written and read back
/// through the same parsers as the CLI's, so a row the parsers refuse means the database was changed outside
/// Vedetta (`corrupt`).
enum MaintenanceRows {
    /// The columns of a window's definition and bookkeeping, for INSERT and UPDATE.
    static func definitionArguments(_ definition: MaintenanceDefinition) throws -> [String: (
        any DatabaseValueConvertible
    )?] {
        let schedule = definition.schedule
        return [
            "match": definition.scope.description,
            "start_local": schedule.start.description,
            "time_zone": schedule.zone.identifier,
            "duration_ms": Int64((schedule.duration.seconds * 1000).rounded()),
            "rrule": schedule.recurrence.map { "\($0)" },
            "exdates": try json(schedule.exceptions.sorted().map(\.description)),
            "reason": definition.reason,
        ]
    }

    /// The adjustments column.
    static func adjustmentsJSON(_ adjustments: [OccurrenceAdjustment]) throws -> String {
        try json(
            adjustments.map {
                StoredAdjustment(
                    occurrenceStart: StoredTime.milliseconds($0.occurrenceStart), end: StoredTime.milliseconds($0.end))
            })
    }

    /// Decodes one row.
    static func window(_ row: Row) throws -> MaintenanceWindow {
        let id = try row.decode(Int64.self, forColumn: "id")
        func corrupt(_ what: String) -> StoreError {
            StoreError(
                .corrupt, message: "maintenance window \(id): \(what); the database was changed outside Vedetta",
                operation: "read maintenance window")
        }
        let zoneName = try row.decode(String.self, forColumn: "time_zone")
        guard let zone = TimeZone(identifier: zoneName) else { throw corrupt("unknown time zone \(zoneName)") }
        guard let start = LocalDateTime.parse(try row.decode(String.self, forColumn: "start_local")) else {
            throw corrupt("unreadable start")
        }
        let exdateTexts = try decodeJSON([String].self, try row.decode(String.self, forColumn: "exdates"))
        guard let exdateTexts else { throw corrupt("unreadable exdates") }
        let stored = try decodeJSON(
            [StoredAdjustment].self, try row.decode(String.self, forColumn: "adjustments"))
        guard let stored else { throw corrupt("unreadable adjustments") }
        let definition: MaintenanceDefinition
        do {
            definition = try MaintenanceFields.definition(
                scope: try MaintenanceScope.parse(try row.decode(String.self, forColumn: "match")),
                start: start,
                zone: zone,
                length: .duration(.milliseconds(try row.decode(Int64.self, forColumn: "duration_ms"))),
                rrule: try row.decode(String?.self, forColumn: "rrule"),
                exdates: exdateTexts,
                reason: try row.decode(String.self, forColumn: "reason"))
        } catch let error as MaintenanceError {
            throw corrupt(error.description)
        }
        let origin = try row.decode(String.self, forColumn: "origin")
        return MaintenanceWindow(
            id: id,
            name: try row.decode(String?.self, forColumn: "name"),
            origin: origin == "runtime" ? .runtime : .configuration(file: origin),
            definition: definition,
            createdBy: try row.decode(String.self, forColumn: "created_by"),
            createdAt: StoredTime.date(try row.decode(Int64.self, forColumn: "created_at")),
            updatedAt: StoredTime.date(try row.decode(Int64.self, forColumn: "updated_at")),
            adjustments: stored.map {
                OccurrenceAdjustment(
                    occurrenceStart: StoredTime.date($0.occurrenceStart), end: StoredTime.date($0.end))
            },
            deletedAt: try row.decode(Int64?.self, forColumn: "deleted_at").map(StoredTime.date)
        )
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

    private static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
