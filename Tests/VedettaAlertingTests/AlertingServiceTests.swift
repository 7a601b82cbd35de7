import Foundation
import Logging
import ServiceLifecycle
import Testing
import VedettaAlerting
import VedettaCore
import VedettaIncidents
import VedettaRules
import VedettaStoreSQLite
import VedettaTestSupport

@Suite("AlertingService with a stalled store", .serialized)
struct AlertingServiceTests {
    private let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test(
        "while the database is locked by another process, reports queue without waiting and stay bounded; nothing is lost"
    )
    func stalledStoreNeverBlocksPolling() async throws {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-stall")
        let path = directory.appendingPathComponent("vedetta.sqlite").path
        let store = try SQLiteIncidentStore(path: path)
        let rule = AlertRule(
            name: "Down", expression: try RuleExpression.parse("up == 0"), expressionText: "up == 0",
            severity: .critical, summary: "{{ $labels.device }} down",
            location: SourceLocation(file: "test.yaml", line: 1, column: 1))
        let pipeline = AlertingPipeline(
            rules: [rule], log: store, decisions: AlertDecisions(router: BroadcastRouter(channels: ["oncall"])),
            onOutboxWritten: {}, logger: logger)
        let queue = ReportQueue()
        let service = Task { try await AlertingService(queue: queue, pipeline: pipeline).run() }

        // Another process takes the write lock: every incident write now waits.
        let locker = try SQLiteLocker(path: path)
        for round in 0..<100 {
            for device in 0..<20 {
                let name = "sw\(device)"
                queue.submit(
                    SampleReport(
                        device: DeviceID(name), source: "snmp",
                        samples: [Sample(name: "up", labels: ["device": name, "probe": "snmp"], value: 0)],
                        at: Date().addingTimeInterval(Double(round))))
            }
            #expect(queue.count <= 20, "bounded by the devices, whatever the backlog")
        }
        // The lock holds: nothing could be written (readers are not blocked by it).
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await store.openIncidents().isEmpty)
        locker.release()

        try await Ports.waitUntil(timeout: .seconds(60), "not every device's incident was recorded") {
            (try? await store.openIncidents().count) == 20
        }
        #expect(try await store.pendingNotificationCount() == 20)
        service.cancel()
        _ = try? await service.value
    }
}

/// Holds SQLite's write lock on a database from another process (`sqlite3`), until released.
private final class SQLiteLocker {
    private let process = Process()
    private let input = Pipe()

    init(path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("PRAGMA busy_timeout = 10000;\nBEGIN IMMEDIATE;\n".utf8))
        Thread.sleep(forTimeInterval: 0.3)  // sqlite3 reads its input; there is no event to wait for
    }

    func release() {
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
