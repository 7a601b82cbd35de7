import Foundation
import GRDB
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@Suite("SQLite store backups, checks, restores and upgrades")
struct SQLiteStoreCopiesTests {
    private let t0 = TestData.t0

    @Test("a backup taken while the store keeps writing holds a consistent snapshot, and restores with its schema")
    func backup_whileWriting_restoresConsistently() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("data/vedetta.sqlite")
        let store = try SQLiteIncidentStore(path: path)
        for device in 0..<50 {
            _ = try await store.open(
                TestData.draft(device: "d\(device)"), at: t0 + Double(device), notify: TestData.notify(.opened, "ops"))
        }
        // Writes go on while the backup runs: the backup is one snapshot, whatever it catches of them.
        let writer = Task {
            for device in 50..<150 {
                _ = try await store.open(
                    TestData.draft(device: "d\(device)"), at: t0 + Double(device),
                    notify: TestData.notify(.opened, "ops"))
            }
        }
        let backupPath = directory.path("backups/first.sqlite")
        try FileManager.default.createDirectory(
            atPath: directory.path("backups"), withIntermediateDirectories: true)
        let backup = try SQLiteStoreCopies.backup(of: path, to: backupPath, replacing: false)
        try await writer.value

        #expect(backup.path == backupPath)
        #expect(backup.isIntact)
        #expect((50...150).contains(backup.incidents))
        #expect(backup.openIncidents == backup.incidents)
        #expect(backup.pendingNotifications == backup.incidents)
        #expect(backup.pendingMigrations.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: backupPath + ".partial"))
        #expect(!FileManager.default.fileExists(atPath: backupPath + "-wal"), "the backup is one self-contained file")
        #expect(try SQLiteStoreCopies.check(backupPath) == backup)

        // Restore into a new data directory: the restored store has what the backup had, and works.
        let target = directory.path("restored/vedetta.sqlite")
        try FileManager.default.createDirectory(atPath: directory.path("restored"), withIntermediateDirectories: true)
        let (restored, replacedAt) = try SQLiteStoreCopies.restore(from: backupPath, to: target)
        #expect(replacedAt == nil)
        #expect(restored.incidents == backup.incidents)
        let reopened = try SQLiteIncidentStore(path: target, createIfMissing: false)
        #expect(try await reopened.openIncidents().count == backup.incidents)
        let again = try await reopened.open(TestData.draft(device: "d0"), at: t0 + 500, notify: [])
        guard case .alreadyOpen = again else {
            Issue.record("an incident open in the backup was opened a second time: \(again)")
            return
        }
    }

    @Test("a restore keeps the database it replaces, with its uncheckpointed log, beside it")
    func restore_keepsReplacedDatabaseWithItsLog() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("vedetta.sqlite")
        var store: SQLiteIncidentStore? = try SQLiteIncidentStore(path: path)
        _ = try await store?.open(TestData.draft(device: "old"), at: t0, notify: [])
        let backupPath = directory.path("backup.sqlite")
        _ = try SQLiteStoreCopies.backup(of: path, to: backupPath, replacing: false)
        _ = try await store?.open(TestData.draft(device: "newer"), at: t0 + 1, notify: [])
        store = nil

        let moment = Date(timeIntervalSince1970: 1_796_400_000)  // 2026-12-04T16:00:00Z
        let (restored, replacedAt) = try SQLiteStoreCopies.restore(from: backupPath, to: path, at: moment)
        #expect(restored.incidents == 1)
        #expect(replacedAt == path + ".replaced-20261204T160000Z")
        let replaced = try SQLiteStoreCopies.check(try #require(replacedAt))
        #expect(replaced.incidents == 2, "the replaced database is kept whole, its log included")
    }

    @Test("an existing backup file is replaced only when asked")
    func backup_refusesToOverwriteUnlessAsked() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("vedetta.sqlite")
        let store = try SQLiteIncidentStore(path: path)
        _ = try await store.open(TestData.draft(device: "a"), at: t0, notify: [])
        let backupPath = directory.path("backup.sqlite")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: backupPath))

        let refusal = #expect(throws: StoreError.self) {
            try SQLiteStoreCopies.backup(of: path, to: backupPath, replacing: false)
        }
        #expect(refusal?.code == .conflict)
        #expect(refusal?.message.contains("--force") == true)
        #expect(try String(contentsOfFile: backupPath, encoding: .utf8) == "keep me")

        let replaced = try SQLiteStoreCopies.backup(of: path, to: backupPath, replacing: true)
        #expect(replaced.incidents == 1)
    }

    @Test("a damaged backup, a file that is no store, and a newer version's store are refused, changing nothing")
    func restore_refusesBadBackups() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("vedetta.sqlite")
        let store = try SQLiteIncidentStore(path: path)
        _ = try await store.open(TestData.draft(device: "a"), at: t0, notify: [])

        let garbage = directory.path("garbage.sqlite")
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: StoreError.self) { try SQLiteStoreCopies.restore(from: garbage, to: path) }

        let other = directory.path("other.sqlite")
        let queue = try DatabaseQueue(path: other)
        try await queue.write { db in try db.execute(sql: "CREATE TABLE notes(text TEXT)") }
        try queue.close()
        let notStore = #expect(throws: StoreError.self) { try SQLiteStoreCopies.restore(from: other, to: path) }
        #expect(notStore?.code == .corrupt)
        #expect(notStore?.message.contains("not a Vedetta store") == true)

        let newer = directory.path("newer.sqlite")
        _ = try SQLiteStoreCopies.backup(of: path, to: newer, replacing: false)
        let newerQueue = try DatabaseQueue(path: newer)
        try await newerQueue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99 from the future')")
        }
        try newerQueue.close()
        let fromFuture = #expect(throws: StoreError.self) { try SQLiteStoreCopies.restore(from: newer, to: path) }
        #expect(fromFuture?.code == .migrationFailed)
        #expect(fromFuture?.message.contains("newer Vedetta") == true)

        let missing = #expect(throws: StoreError.self) {
            try SQLiteStoreCopies.restore(from: directory.path("nowhere.sqlite"), to: path)
        }
        #expect(missing?.code == .notFound)

        // The database was left as it was after every refusal.
        #expect(try SQLiteStoreCopies.check(path).incidents == 1)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter {
                $0.contains("replaced") || $0.contains("restoring")
            }.isEmpty)
    }

    @Test("an upgrade applies the migrations a database lacks, and says so")
    func upgrade_appliesMissingMigrations() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("vedetta.sqlite")
        _ = try SQLiteIncidentStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DROP INDEX incident_open")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v9 %'")
        }
        try queue.close()

        let before = try SQLiteStoreCopies.check(path)
        #expect(before.pendingMigrations == ["v9 index of open incidents"])
        #expect(try SQLiteStoreCopies.upgrade(path) == ["v9 index of open incidents"])
        #expect(try SQLiteStoreCopies.check(path).pendingMigrations.isEmpty)
        #expect(try SQLiteStoreCopies.upgrade(path).isEmpty)
    }

    @Test("agents share a store's lock, a restore excludes them and they it, and the refusal names the holder")
    func lock_sharedByAgentsExclusiveForRestore() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("data/vedetta.sqlite")
        var first: SQLiteStoreLock? = try SQLiteStoreLock(database: path, holder: .agent)
        #expect(first?.path == path + ".lock")
        var second: SQLiteStoreLock? = try SQLiteStoreLock(database: path, holder: .agent)

        let refusal = #expect(throws: StoreError.self) { try SQLiteStoreLock(database: path, holder: .restore) }
        #expect(refusal?.code == .conflict)
        #expect(refusal?.message.contains("a vedetta agent (process \(getpid())) is using \(path)") == true)

        first = nil
        #expect(throws: StoreError.self) { try SQLiteStoreLock(database: path, holder: .restore) }
        second = nil
        let restore = try SQLiteStoreLock(database: path, holder: .restore)
        let agent = #expect(throws: StoreError.self) { try SQLiteStoreLock(database: path, holder: .agent) }
        #expect(agent?.message.contains("a restore (process \(getpid())) is replacing") == true)
        _ = restore
        _ = second
    }
}
