public import Logging
public import VedettaAccess
import VedettaCore
public import VedettaIncidents
public import VedettaInventory
public import VedettaMaintenance
public import VedettaOnCall
public import VedettaReports
public import VedettaStorePostgres
import VedettaStoreSQLite
import VedettaTestSupport

/// Everything both stores implement: what the store-level tests hold them to.
public typealias CompleteStore = IncidentStore & MaintenanceStore & ScheduledReportLog & InventoryStore
    & SubstitutionStore & AccessStore

/// The two stores the store-level tests run against, unchanged: SQLite in memory, and a fresh database on the test
/// process's real PostgreSQL server (``VedettaTestSupport/PostgresClusterFixture``).
public enum StoreUnderTest: String, CaseIterable, Sendable {
    /// `SQLiteIncidentStore.inMemory()`.
    case sqliteMemory = "sqlite-memory"
    /// `PostgresIncidentStore` on a new, empty database.
    case postgres

    /// A new, empty store of this kind.
    public func makeStore() async throws -> any CompleteStore {
        switch self {
        case .sqliteMemory: try SQLiteIncidentStore.inMemory()
        case .postgres: try await TestPostgres.openFreshStore()
        }
    }
}

/// PostgreSQL stores for tests, each on its own new database of the shared test server.
public enum TestPostgres {
    /// The settings of a new, empty database on the test process's server (started on first use).
    public static func freshDatabase() async throws -> PostgresStoreConfiguration {
        let cluster = try await PostgresClusterFixture.shared()
        return PostgresStoreConfiguration(
            host: "127.0.0.1", port: cluster.port, user: PostgresClusterFixture.user,
            database: try cluster.makeDatabase(), password: Secret(PostgresClusterFixture.password), tls: .disable,
            poolSize: 4)
    }

    /// A store on a new, empty database, its schema migrated.
    public static func openFreshStore() async throws -> PostgresIncidentStore {
        try await PostgresIncidentStore.open(try await freshDatabase(), logger: quiet)
    }

    /// A logger that drops everything: the connection pool's background messages are not what tests read.
    public static let quiet = Logger(label: "vedetta.test.postgres") { _ in SwiftLogNoOpLogHandler() }
}
