import GRDB
import VedettaCore
import VedettaMaintenance
import VedettaStoreRows

/// What the SQLite store adds to ``MaintenanceRowFormat``: a window's definition as GRDB's named arguments.
enum MaintenanceRows {
    /// The columns of a window's definition (``MaintenanceRowFormat/definitionColumns(_:)``) as named arguments,
    /// for INSERT and UPDATE.
    static func definitionArguments(_ definition: MaintenanceDefinition) throws -> [String: (
        any DatabaseValueConvertible
    )?] {
        let columns = try MaintenanceRowFormat.definitionColumns(definition)
        return [
            "match": columns.match,
            "start_local": columns.startLocal,
            "time_zone": columns.timeZone,
            "duration_ms": columns.durationMilliseconds,
            "rrule": columns.rrule,
            "exdates": columns.exdates,
            "reason": columns.reason,
        ]
    }
}
