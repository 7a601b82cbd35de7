import Foundation
import VedettaCore
import VedettaMaintenance
import VedettaStoreSQLite

/// Builders and fixed times for the maintenance tests.
enum MaintenanceFixtures {
    static let rome = TimeZone(identifier: "Europe/Rome")!
    /// Saturday 5 December 2026, 12:00 UTC (13:00 in Rome).
    static let noon = Date(timeIntervalSince1970: 1_796_472_000)

    /// A definition from request fields, or a failure of the test.
    static func definition(
        match: String = "device=\"core-sw-1\"", start: String = "2026-12-05T22:00", duration: String = "2h",
        rrule: String? = nil, exdates: [String] = [], reason: String = "firmware upgrade, CHG-1234",
        zone: String = "Europe/Rome"
    ) throws -> MaintenanceDefinition {
        try MaintenanceRequest(
            match: match, start: start, duration: duration, timeZone: zone, rrule: rrule, exdates: exdates,
            reason: reason
        ).definition(defaultZone: rome, now: noon)
    }

    static func draft(
        _ definition: MaintenanceDefinition, by: String = "alice", name: String? = nil,
        file: String? = nil
    ) -> MaintenanceWindowDraft {
        MaintenanceWindowDraft(
            definition: definition, createdBy: file ?? by, name: name,
            origin: file.map { .configuration(file: $0) } ?? .runtime)
    }
}

/// A store for one test, on an in-memory or a file database that is removed afterwards.
final class MaintenanceStoreFixture {
    enum Backend: String, CaseIterable, Sendable {
        case sqliteMemory = "sqlite-memory"
        case sqliteFile = "sqlite-file"
    }

    let directory: URL
    let path: String
    let store: any MaintenanceStore

    init(_ backend: Backend) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vedetta-maintenance-\(UUID())")
        path = directory.appendingPathComponent("vedetta.sqlite").path
        switch backend {
        case .sqliteMemory: store = try SQLiteIncidentStore.inMemory()
        case .sqliteFile: store = try SQLiteIncidentStore(path: path)
        }
    }

    /// Another store instance on the same file (another process).
    func reopened() throws -> any MaintenanceStore { try SQLiteIncidentStore(path: path) }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
