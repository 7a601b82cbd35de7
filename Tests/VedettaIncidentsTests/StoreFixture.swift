import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

/// Which SQLite database a store test runs against.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `SQLiteIncidentStore.inMemory()`: a `DatabaseQueue` in memory.
    case memory
    /// `SQLiteIncidentStore(path:)`: a WAL `DatabasePool` on a file in a fresh temporary directory.
    case file

    var testDescription: String { rawValue }
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

/// A store for one test, with its temporary directory removed when the fixture is released.
final class StoreFixture {
    let backend: StoreBackend
    let directory = TemporaryDirectory()
    /// The database file (used only by the `file` backend), in a directory the store must create.
    let path: String
    let store: SQLiteIncidentStore

    init(_ backend: StoreBackend) throws {
        self.backend = backend
        self.path = directory.path("state/incidents.sqlite")
        switch backend {
        case .memory: self.store = try SQLiteIncidentStore.inMemory()
        case .file: self.store = try SQLiteIncidentStore(path: path)
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
