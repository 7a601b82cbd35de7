import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@Suite("SQLiteIncidentStore on disk")
struct SQLiteIncidentStoreDurabilityTests {
    private let t0 = TestData.t0

    @Test("a restarted store finds the open incidents and the pending notifications")
    func reopen_findsOpenIncidentsAndPendingOutbox() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("var/incidents.sqlite")
        let a = TestData.draft(device: "a")
        let b = TestData.draft(device: "b")

        var store: SQLiteIncidentStore? = try SQLiteIncidentStore(path: path)
        let first = try #require(store)
        let incidentA = try await first.open(a, at: t0, notify: TestData.notify(.opened, "ops", "oncall")).incident
        _ = try await first.open(b, at: t0 + 1, notify: TestData.notify(.opened, "ops"))
        _ = try await first.restore(fingerprint: b.fingerprint, at: t0 + 2, notify: TestData.notify(.restored, "ops"))
        let delivered = try #require(try await first.dueNotifications(at: t0 + 5, limit: 1).first)
        try await first.markDelivered(delivered.id, by: TestData.owner, at: t0 + 5)
        let pendingBefore = try await first.dueNotifications(at: t0 + 5, limit: 10)
        store = nil  // The process goes away.

        let restarted = try SQLiteIncidentStore(path: path)
        let open = try await restarted.openIncidents()
        #expect(open.map(\.id) == [incidentA.id])
        #expect(open.first?.timeline.map(\.kind) == [.opened, .notified])
        #expect(try await restarted.pendingNotificationCount() == 3)
        #expect(try await restarted.dueNotifications(at: t0 + 5, limit: 10) == pendingBefore)

        // The alert still fires after the restart: no second incident and no second page.
        let again = try await restarted.open(a, at: t0 + 30, notify: TestData.notify(.opened, "ops", "oncall"))
        #expect(again == .alreadyOpen(open[0]))
        #expect(try await restarted.pendingNotificationCount() == 3)
    }

    @Test("two stores on one file racing to open the same alert series create one incident")
    func concurrentOpen_acrossConnections_createsOne() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("incidents.sqlite")
        let stores = [try SQLiteIncidentStore(path: path), try SQLiteIncidentStore(path: path)]
        let draft = TestData.draft()
        let t0 = self.t0

        let openings = try await withThrowingTaskGroup(of: IncidentOpening.self) { group in
            for attempt in 0..<16 {
                let store = stores[attempt % stores.count]
                group.addTask {
                    try await store.open(draft, at: t0 + Double(attempt), notify: TestData.notify(.opened, "ops"))
                }
            }
            var openings: [IncidentOpening] = []
            for try await opening in group { openings.append(opening) }
            return openings
        }
        #expect(openings.filter(\.isNew).count == 1)
        #expect(Set(openings.map(\.incident.id)).count == 1)
        #expect(try await stores[0].openIncidents().count == 1)
        #expect(try await stores[1].pendingNotificationCount() == 1)
    }

    @Test(
        "another process cannot add a second open incident for a fingerprint",
        .enabled(if: FileManager.default.isExecutableFile(atPath: SQLiteCLI.path))
    )
    func uniqueOpenIndex_holdsForOtherProcesses() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("incidents.sqlite")
        let store = try SQLiteIncidentStore(path: path)
        let draft = TestData.draft()
        _ = try await store.open(draft, at: t0, notify: TestData.notify(.opened, "ops"))

        // The commit is visible to another process.
        let count = try SQLiteCLI.run(path, "SELECT COUNT(*) FROM incident WHERE restored_at IS NULL;")
        #expect(count.status == 0)
        #expect(count.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try SQLiteCLI.run(path, "PRAGMA journal_mode;").output.contains("wal"))

        let insert = """
            INSERT INTO incident (fingerprint, rule, severity, labels, summary, description, detected_at) \
            VALUES ('\(draft.fingerprint)', 'DeviceUnreachable', 'critical', '{}', '', '', 1);
            """
        let refused = try SQLiteCLI.run(path, insert)
        #expect(refused.status != 0)
        #expect(refused.error.contains("UNIQUE constraint failed"))

        // Once restored, the series may open again, from any process.
        _ = try await store.restore(fingerprint: draft.fingerprint, at: t0 + 1, notify: [])
        #expect(try SQLiteCLI.run(path, insert).status == 0)
        #expect(try await store.openIncidents().count == 1)
    }

    @Test("a path under a regular file cannot be created: unavailable, naming the path")
    func init_uncreatableDirectory_isUnavailable() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        let blocker = directory.path("blocker")
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: blocker))
        let path = blocker + "/incidents.sqlite"

        let error = #expect(throws: StoreError.self) { try SQLiteIncidentStore(path: path) }
        #expect(error?.code == .unavailable)
        #expect(error?.description.contains(path) == true)
    }

    @Test("a file that is not a database is reported as corrupt")
    func init_notADatabase_isCorrupt() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        let path = directory.path("incidents.sqlite")
        try Data(String(repeating: "this is not an SQLite database\n", count: 64).utf8)
            .write(to: URL(fileURLWithPath: path))

        let error = #expect(throws: StoreError.self) { try SQLiteIncidentStore(path: path) }
        #expect(error?.code == .corrupt)
        #expect(error?.database == path)
    }
}

/// Runs the `sqlite3` command-line shell: another process on the same database file.
enum SQLiteCLI {
    static let path = "/usr/bin/sqlite3"

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ database: String, _ sql: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-cmd", ".timeout 10000", database, sql]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self)
        )
    }
}
