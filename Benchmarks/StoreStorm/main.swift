import Foundation
import Logging
import VedettaCore
import VedettaIncidents
import VedettaStorePostgres
import VedettaStoreSQLite

// An alert storm on a store: INCIDENTS incidents opened at once (WRITERS concurrent writers, as an agent's alerting
// pipeline and a second agent would), each with one notification queued in the same transaction, then every
// notification claimed and marked delivered by DISPATCHERS concurrent dispatchers in batches of 50, then every
// incident restored. Prints the time and rate of each phase. STORE is `sqlite:PATH` (a new file) or a
// `postgres://USER@HOST:PORT/DATABASE` URL of an empty database (password in VEDETTA_POSTGRES_PASSWORD).
// Bounded: INCIDENTS ≤ 100,000; every loop ends when its work is done.
// Usage: store-storm STORE [INCIDENTS] [WRITERS] [DISPATCHERS]

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: store-storm STORE [INCIDENTS] [WRITERS] [DISPATCHERS]\n".utf8))
    exit(64)
}
let count = arguments.count > 2 ? min(max(Int(arguments[2]) ?? 10_000, 1), 100_000) : 10_000
let writers = arguments.count > 3 ? min(max(Int(arguments[3]) ?? 8, 1), 64) : 8
let dispatchers = arguments.count > 4 ? min(max(Int(arguments[4]) ?? 2, 1), 16) : 2
var logger = Logger(label: "vedetta.bench")
logger.logLevel = .error

let store: any IncidentStore
if arguments[1].hasPrefix("postgres") {
    let settings = try PostgresStoreConfiguration.parse(
        url: arguments[1], passwordFile: nil, environment: ProcessInfo.processInfo.environment)
    store = try await PostgresIncidentStore.open(settings, logger: logger)
} else {
    store = try SQLiteIncidentStore(path: String(arguments[1].dropFirst("sqlite:".count)))
}

func draft(_ index: Int) -> IncidentDraft {
    IncidentDraft(
        rule: "DeviceUnreachable", severity: .critical,
        labels: ["device": "dev-\(index)", "site": "storm", "job": "snmp"],
        summary: "dev-\(index) does not answer SNMP", description: "storm")
}

func phase(_ name: String, _ body: () async throws -> Void) async throws {
    let start = ContinuousClock.now
    try await body()
    let seconds =
        Double((ContinuousClock.now - start).components.attoseconds) / 1e18
        + Double((ContinuousClock.now - start).components.seconds)
    print(String(format: "%@: %d in %.2f s, %.0f per second", name, count, seconds, Double(count) / seconds))
}

let at = Date()
try await phase("opened (incident + event + outbox entry, one transaction each)") {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
            group.addTask {
                for index in stride(from: writer, to: count, by: writers) {
                    _ = try await store.open(
                        draft(index), at: at, notify: OutboxDraft.fanOut(to: ["oncall"], event: .opened),
                        escalation: nil)
                }
            }
        }
        try await group.waitForAll()
    }
}
try await phase("claimed and delivered (batches of 50)") {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for dispatcher in 0..<dispatchers {
            group.addTask {
                let owner = "dispatcher-\(dispatcher)"
                while true {
                    let claimed = try await store.claimDue(by: owner, at: Date(), lease: .seconds(60), limit: 50)
                    if claimed.isEmpty { return }
                    for entry in claimed { try await store.markDelivered(entry.id, by: owner, at: Date()) }
                }
            }
        }
        try await group.waitForAll()
    }
}
try await phase("restored") {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
            group.addTask {
                for index in stride(from: writer, to: count, by: writers) {
                    _ = try await store.restore(fingerprint: draft(index).fingerprint, at: Date(), notify: [])
                }
            }
        }
        try await group.waitForAll()
    }
}
let pending = try await store.pendingNotificationCount()
let open = try await store.openIncidents().count
print("left: \(open) open incidents, \(pending) notifications pending")
