import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VedettaAPI
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@Suite("API routes and their status codes")
struct APIRoutesTests {
    private static func application(_ store: SQLiteIncidentStore) async throws -> (some ApplicationProtocol, HTTPFields)
    {
        let (desk, auth) = try await TestAccess.admin(on: store)
        return (Application(router: APIRoutes.makeRouter(source: StoreBackedStatus(store: store), access: desk)), auth)
    }

    private static func draft(_ device: String) -> IncidentDraft {
        IncidentDraft(rule: "Down", severity: .critical, labels: ["device": device], summary: "\(device) down")
    }

    @Test("200 for lists, an incident and /metrics; 404 for an unknown incident; 400 for bad parameters")
    func statusCodes() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let opened = try await store.open(Self.draft("sw1"), at: Date(), notify: [])
        let (app, auth) = try await Self.application(store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/incidents", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"device\" : \"sw1\""))
            }
            try await client.execute(uri: "/api/v1/incidents/\(opened.incident.id)", method: .get, headers: auth) {
                response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/incidents/999", method: .get, headers: auth) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("no incident 999"))
            }
            try await client.execute(uri: "/api/v1/incidents/abc", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("\"field\" : \"id\""))
            }
            try await client.execute(uri: "/metrics?all=maybe", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("\"field\" : \"all\""))
            }
            for bad in ["state=bogus", "limit=0", "limit=1001", "limit=ten"] {
                try await client.execute(uri: "/api/v1/incidents?\(bad)", method: .get, headers: auth) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
            try await client.execute(uri: "/api/v1/incidents?state=bogus", method: .get, headers: auth) { response in
                #expect(
                    String(buffer: response.body).contains("use open, unacknowledged, acknowledged, restored or all"))
            }
            try await client.execute(uri: "/metrics", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let text = String(buffer: response.body)
                #expect(text.contains("up{device=\"sw1\",probe=\"snmp\"} 1"))
                #expect(!text.contains("ifOperStatus"), "the summary leaves device samples out")
            }
            try await client.execute(uri: "/metrics?all=1", method: .get, headers: auth) { response in
                #expect(
                    String(buffer: response.body).contains(
                        "ifOperStatus{device=\"sw1\",ifIndex=\"1\",probe=\"snmp\"} 1"))
                #expect(String(buffer: response.body).components(separatedBy: "# HELP up ").count == 2, "one family")
                #expect(String(buffer: response.body).components(separatedBy: "up{device=\"sw1\"").count == 2, "once")
            }
            try await client.execute(uri: "/healthz", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("503 when the incident store cannot be read: the database file was destroyed under the agent")
    func storeUnavailable() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vedetta-api-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("vedetta.sqlite").path
        let store = try SQLiteIncidentStore(path: path)
        _ = try await store.open(Self.draft("sw1"), at: Date(), notify: [])
        let (app, auth) = try await Self.application(store)
        // Overwrite the database with bytes that are not SQLite: every read now fails, the token's too.
        let garbage = Data(repeating: 0x42, count: 64 * 1024)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try garbage.write(to: URL(fileURLWithPath: file))
        }
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/incidents", method: .get, headers: auth) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("store is unavailable"))
                #expect(String(buffer: response.body).contains("\"code\" : \"unavailable\""))
            }
            try await client.execute(uri: "/api/v1/incidents/1", method: .get, headers: auth) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/healthz", method: .get, headers: auth) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("\"status\" : \"degraded\""))
            }
        }
    }

    @Test("one device's samples at its own path; 404 for a device the configuration does not have")
    func deviceMetrics() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vedetta-api-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteIncidentStore(path: directory.appendingPathComponent("vedetta.sqlite").path)
        let (app, auth) = try await Self.application(store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics/devices/sw1", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                #expect(
                    String(buffer: response.body) == """
                        # TYPE ifOperStatus gauge
                        ifOperStatus{device="sw1",ifIndex="1",probe="snmp"} 1
                        # HELP up Up.
                        # TYPE up gauge
                        up{device="sw1",probe="snmp"} 1

                        """)
            }
            try await client.execute(uri: "/metrics/devices/sw2", method: .get, headers: auth) { response in
                #expect(response.status == .ok, "configured, not yet polled: an empty page")
                #expect(String(buffer: response.body).isEmpty)
            }
            try await client.execute(uri: "/metrics/devices/nope", method: .get, headers: auth) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains(#"no device \"nope\" in the configuration"#))
            }
        }
    }

    @Test("service discovery: one target per device, scraped at the device's path, with its labels as meta labels")
    func targets() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vedetta-api-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteIncidentStore(path: directory.appendingPathComponent("vedetta.sqlite").path)
        let (app, auth) = try await Self.application(store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/targets", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let groups = try #require(
                    try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))
                        as? [[String: Any]])
                #expect(groups.count == 2)
                #expect((groups.first?["targets"] as? [String])?.count == 1, "the address Prometheus asked at")
                #expect(
                    groups.first?["labels"] as? [String: String] == [
                        "__metrics_path__": "/metrics/devices/sw1", "__meta_vedetta_device": "sw1",
                        "__meta_vedetta_label_site": "milano",
                    ])
            }
        }
    }

    @Test("a device's recent history: gauges' means and counters' rates per step, filtered; 404 and 400 refused")
    func deviceHistory() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (app, auth) = try await Self.application(store)
        struct Answer: Decodable {
            struct Series: Decodable {
                var metric: String
                var labels: [String: String]
                var kind: String
                var points: [[Double]]
            }
            var device: String
            var step_seconds: Int
            var series: [Series]
            var truncated: Bool
        }
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/devices/sw1/history", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let answer = try JSONDecoder().decode(Answer.self, from: Data(String(buffer: response.body).utf8))
                #expect(answer.device == "sw1" && answer.step_seconds == 300 && !answer.truncated)
                #expect(Set(answer.series.map(\.metric)) == ["up", "ifOperStatus", "cpuBusy", "ifHCInOctets"])
                let cpu = try #require(answer.series.first { $0.metric == "cpuBusy" })
                #expect(cpu.kind == "gauge" && cpu.points.map { $0[1] } == [10, 20, 30, 40, 50, 60, 70])
                #expect(cpu.points.allSatisfy { Int($0[0]) % 300 == 0 }, "each point at the start of its step")
                let octets = try #require(answer.series.first { $0.metric == "ifHCInOctets" })
                #expect(octets.kind == "counter" && octets.points.map { $0[1] } == Array(repeating: 1000, count: 6))
                #expect(octets.labels["ifAlias"] == "uplink <core>")
            }
            try await client.execute(
                uri: "/api/v1/devices/sw1/history?match=UPLINK&limit=5", method: .get, headers: auth
            ) { response in
                let answer = try JSONDecoder().decode(Answer.self, from: Data(String(buffer: response.body).utf8))
                #expect(answer.series.map(\.metric) == ["ifHCInOctets"])
            }
            try await client.execute(
                uri: "/api/v1/devices/sw1/history?metric=up&limit=1", method: .get, headers: auth
            ) { response in
                let answer = try JSONDecoder().decode(Answer.self, from: Data(String(buffer: response.body).utf8))
                #expect(answer.series.map(\.metric) == ["up"] && !answer.truncated)
            }
            try await client.execute(uri: "/api/v1/devices/sw1/history?limit=1", method: .get, headers: auth) {
                response in
                let answer = try JSONDecoder().decode(Answer.self, from: Data(String(buffer: response.body).utf8))
                #expect(answer.series.count == 1 && answer.truncated)
            }
            try await client.execute(uri: "/api/v1/devices/sw2/history", method: .get, headers: auth) { response in
                #expect(response.status == .ok, "configured, not yet polled: no series")
            }
            try await client.execute(uri: "/api/v1/devices/nope/history", method: .get, headers: auth) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/devices/sw1/history?limit=0", method: .get, headers: auth) {
                response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("\"field\" : \"limit\""))
            }
            try await client.execute(uri: "/api/v1/devices/sw1/history", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
