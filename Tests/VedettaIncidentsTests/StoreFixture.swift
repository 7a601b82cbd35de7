import Foundation
import Logging
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStorePostgres
import VedettaStoreSQLite
import VedettaStoreTestSupport
import VedettaTestSupport

/// The store implementations the contract tests run against: every suite named "Incident store contract" runs
/// once per case. A new implementation (PostgreSQL) adds its case here and must pass them all unchanged.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `SQLiteIncidentStore.inMemory()`: a `DatabaseQueue` in memory.
    case sqliteMemory = "sqlite-memory"
    /// `SQLiteIncidentStore(path:)`: a WAL `DatabasePool` on a file in a fresh temporary directory.
    case sqliteFile = "sqlite-file"
    /// `PostgresIncidentStore`: a fresh database on the test process's PostgreSQL server
    /// (``VedettaTestSupport/PostgresClusterFixture``).
    case postgres

    var testDescription: String { rawValue }

    /// The backends on which two store instances can share one database (several agent processes).
    static let shared: [StoreBackend] = [.sqliteFile, .postgres]
}

/// A fresh temporary directory, removed with its content when released.
final class TemporaryDirectory {
    let url: URL

    init() {
        self.url = FileManager.default.temporaryDirectory
            .appendingPathComponent("vedetta-incidents-\(UUID().uuidString)", isDirectory: true)
    }

    /// A path inside the directory; the directory itself is created only by whoever writes there.
    func path(_ relative: String) -> String {
        url.appendingPathComponent(relative).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A store for one test, seen only through the ``IncidentStore`` protocols, with its temporary directory removed
/// when the fixture is released.
final class StoreFixture {
    let backend: StoreBackend
    let directory = TemporaryDirectory()
    /// The database file of the SQLite file backend, in a directory the store must create.
    let path: String
    let store: any IncidentStore
    /// The PostgreSQL database of the postgres backend.
    let postgres: PostgresStoreConfiguration?

    init(_ backend: StoreBackend) async throws {
        self.backend = backend
        self.path = directory.path("state/incidents.sqlite")
        switch backend {
        case .sqliteMemory:
            self.store = try SQLiteIncidentStore.inMemory()
            self.postgres = nil
        case .sqliteFile:
            self.store = try SQLiteIncidentStore(path: path)
            self.postgres = nil
        case .postgres:
            let settings = try await TestPostgres.freshDatabase()
            self.store = try await PostgresIncidentStore.open(settings, logger: TestPostgres.quiet)
            self.postgres = settings
        }
    }

    /// How the store's errors name its database.
    var databaseName: String {
        switch backend {
        case .sqliteFile: path
        case .sqliteMemory: ":memory:"
        case .postgres: postgres?.location ?? "postgres"
        }
    }

    /// A second store instance on the same database, as a second agent process would open it.
    /// - Throws: When the backend has no shared database (see ``StoreBackend/shared``) or it cannot be opened.
    func secondInstance() async throws -> any IncidentStore {
        switch backend {
        case .sqliteFile: return try SQLiteIncidentStore(path: path)
        case .postgres:
            let settings = try #require(postgres)
            return try await PostgresIncidentStore.open(settings, logger: TestPostgres.quiet)
        case .sqliteMemory:
            throw StoreError(.unavailable, message: "an in-memory database cannot be shared", operation: "open")
        }
    }

}

/// Shared values for store tests.
enum TestData {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    /// The claim owner of the tests that play one dispatcher.
    static let owner = "dispatcher-1"

    static func draft(rule: String = "DeviceUnreachable", device: String = "core-sw1") -> IncidentDraft {
        IncidentDraft(
            rule: rule,
            severity: .critical,
            labels: ["device": device, "job": "snmp"],
            summary: "\(device) is unreachable",
            description: "No SNMP answer from \(device)."
        )
    }

    static func notify(_ event: IncidentEvent.Kind, _ channels: String...) -> [OutboxDraft] {
        OutboxDraft.fanOut(to: channels, event: event)
    }
}
