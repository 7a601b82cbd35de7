import VedettaCore
public import VedettaMaintenance

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How maintenance windows and their audit are stored in `maintenance_window` and `maintenance_audit` rows, for
/// both stores. The fields are stored as written and read back through the same parsers as the CLI's, so a row the
/// parsers refuse means the database was changed outside Vedetta (``StoreError/Code/corrupt``).
public enum MaintenanceRowFormat {
    /// The columns of a window's definition, for INSERT and UPDATE.
    public struct DefinitionColumns: Sendable {
        /// `match`: the scope as written.
        public var match: String
        /// `start_local`: the first start, local time.
        public var startLocal: String
        /// `time_zone`: the zone's identifier.
        public var timeZone: String
        /// `duration_ms`: the length of each occurrence.
        public var durationMilliseconds: Int64
        /// `rrule`: the recurrence rule, or `nil` for a single occurrence.
        public var rrule: String?
        /// `exdates`: the excluded starts, a sorted JSON array of local times.
        public var exdates: String
        /// `reason`.
        public var reason: String
    }

    /// The columns of `definition`.
    public static func definitionColumns(_ definition: MaintenanceDefinition) throws -> DefinitionColumns {
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
    public static func adjustmentsJSON(_ adjustments: [OccurrenceAdjustment]) throws -> String {
        try json(
            adjustments.map {
                StoredAdjustment(
                    occurrenceStart: StoredTime.milliseconds($0.occurrenceStart), end: StoredTime.milliseconds($0.end))
            })
    }

    /// Decodes one row of `SELECT * FROM maintenance_window`.
    public static func window(_ row: some StoredColumns) throws -> MaintenanceWindow {
        let id = try row.int64("id")
        func corrupt(_ what: String) -> StoreError {
            StoreError(
                .corrupt, message: "maintenance window \(id): \(what); the database was changed outside Vedetta",
                operation: "read maintenance window")
        }
        let zoneName = try row.string("time_zone")
        guard let zone = TimeZone(identifier: zoneName) else { throw corrupt("unknown time zone \(zoneName)") }
        guard let start = LocalDateTime.parse(try row.string("start_local")) else {
            throw corrupt("unreadable start")
        }
        guard let exdateTexts = decodeJSON([String].self, try row.string("exdates")) else {
            throw corrupt("unreadable exdates")
        }
        guard let stored = decodeJSON([StoredAdjustment].self, try row.string("adjustments")) else {
            throw corrupt("unreadable adjustments")
        }
        let definition: MaintenanceDefinition
        do {
            definition = try MaintenanceFields.definition(
                scope: try MaintenanceScope.parse(try row.string("match")),
                start: start,
                zone: zone,
                length: .duration(.milliseconds(try row.int64("duration_ms"))),
                rrule: try row.optionalString("rrule"),
                exdates: exdateTexts,
                reason: try row.string("reason"))
        } catch let error as MaintenanceError {
            throw corrupt(error.description)
        }
        let origin = try row.string("origin")
        return MaintenanceWindow(
            id: id,
            name: try row.optionalString("name"),
            origin: origin == "runtime" ? .runtime : .configuration(file: origin),
            definition: definition,
            createdBy: try row.string("created_by"),
            createdAt: StoredTime.date(try row.int64("created_at")),
            updatedAt: StoredTime.date(try row.int64("updated_at")),
            adjustments: stored.map {
                OccurrenceAdjustment(
                    occurrenceStart: StoredTime.date($0.occurrenceStart), end: StoredTime.date($0.end))
            },
            deletedAt: try row.optionalInt64("deleted_at").map(StoredTime.date)
        )
    }

    /// Decodes one row of `SELECT * FROM maintenance_audit`.
    public static func auditEntry(_ row: some StoredColumns) throws -> MaintenanceAuditEntry {
        MaintenanceAuditEntry(
            windowID: try row.int64("window_id"),
            at: StoredTime.date(try row.int64("at")),
            action: MaintenanceAuditEntry.Action(rawValue: try row.string("action")),
            by: try row.string("by"),
            detail: try row.string("detail"))
    }

    /// The `origin` column of `origin`.
    public static func originText(_ origin: MaintenanceWindow.Origin) -> String {
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
