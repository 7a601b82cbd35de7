import Foundation
import Logging
import Testing
import VedettaCore
import VedettaMaintenance
import VedettaStorePostgres
import VedettaStoreSQLite
import VedettaStoreTestSupport
import VedettaTestSupport

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

/// A store for one test: on an in-memory or a file SQLite database that is removed afterwards, or on a fresh
/// database of the test process's PostgreSQL server (`PostgresClusterFixture`).
final class MaintenanceStoreFixture {
    enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqliteMemory = "sqlite-memory"
        case sqliteFile = "sqlite-file"
        case postgres

        var testDescription: String { rawValue }

        /// The backends on which two store instances can share one database (several agent processes).
        static let shared: [Backend] = [.sqliteFile, .postgres]
    }

    let backend: Backend
    let directory: URL
    let path: String
    let store: any MaintenanceStore
    /// The PostgreSQL database of the postgres backend.
    let postgres: PostgresStoreConfiguration?

    init(_ backend: Backend) async throws {
        self.backend = backend
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vedetta-maintenance-\(UUID())")
        path = directory.appendingPathComponent("vedetta.sqlite").path
        switch backend {
        case .sqliteMemory:
            store = try SQLiteIncidentStore.inMemory()
            postgres = nil
        case .sqliteFile:
            store = try SQLiteIncidentStore(path: path)
            postgres = nil
        case .postgres:
            let settings = try await TestPostgres.freshDatabase()
            store = try await PostgresIncidentStore.open(settings, logger: TestPostgres.quiet)
            postgres = settings
        }
    }

    /// Another store instance on the same database (another process).
    func reopened() async throws -> any MaintenanceStore {
        if let postgres { return try await PostgresIncidentStore.open(postgres, logger: TestPostgres.quiet) }
        return try SQLiteIncidentStore(path: path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
