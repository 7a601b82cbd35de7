import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VedettaAPI
import VedettaCore
import VedettaMaintenance
import VedettaStoreSQLite

@Suite("Maintenance routes: every answer and every refusal")
struct MaintenanceRoutesTests {
    /// Saturday 5 December 2026, 12:00 UTC.
    private static let noon = Date(timeIntervalSince1970: 1_796_472_000)

    private final class ChangeCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    private static func application(_ store: SQLiteIncidentStore, changes: ChangeCounter) async throws
        -> (some ApplicationProtocol, HTTPFields)
    {
        let (desk, auth) = try await TestAccess.admin(on: store)
        let api = MaintenanceAPI(
            planner: MaintenancePlanner(store: store, defaultZone: TimeZone(identifier: "Europe/Rome")!),
            onChange: { changes.increment() }, now: { noon })
        return (
            Application(
                router: APIRoutes.makeRouter(source: StoreBackedStatus(store: store), access: desk, maintenance: api)),
            auth
        )
    }

    private static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
    }

    private static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test("create, read with its audit trail, list, edit, extend, end and delete a window")
    func lifecycle() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let changes = ChangeCounter()
        let (app, auth) = try await Self.application(store, changes: changes)
        try await app.test(.router) { client in
            let created = """
                {"match": "device=\\"core-sw-1\\"", "start": "2026-12-05T13:30", "duration": "2h",
                 "reason": "firmware upgrade, CHG-1234", "by": "alice"}
                """
            var id: Int64 = 0
            try await client.execute(uri: "/api/v1/maintenance", method: .post, headers: auth, body: Self.body(created))
            { response in
                #expect(response.status == .created)
                let window = try Self.json(response)
                id = try #require(window["id"] as? Int64)
                #expect(window["state"] as? String == "upcoming")
                #expect(window["time_zone"] as? String == "Europe/Rome")
                let next = try #require((window["next"] as? [[String: Any]])?.first)
                #expect(next["start_local"] as? String == "2026-12-05T13:30")
                #expect(next["start"] as? String == "2026-12-05T12:30:00.000Z")
            }
            try await client.execute(uri: "/api/v1/maintenance?state=upcoming", method: .get, headers: auth) {
                response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"match\" : \"device=\\\"core-sw-1\\\"\""))
            }
            try await client.execute(uri: "/api/v1/maintenance?state=active", method: .get, headers: auth) { response in
                #expect(String(buffer: response.body).trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]")
            }
            try await client.execute(
                uri: "/api/v1/maintenance/\(id)", method: .patch, headers: auth,
                body: Self.body(#"{"start": "2026-12-05T12:30", "by": "bob"}"#)
            ) { response in
                #expect(response.status == .ok)
                let answer = try Self.json(response)
                #expect(answer["state"] as? String == "active")
            }
            try await client.execute(
                uri: "/api/v1/maintenance/\(id)/extend", method: .post, headers: auth,
                body: Self.body(#"{"duration": "30m", "by": "carol"}"#)
            ) { response in
                #expect(response.status == .ok)
                let current = try #require(try Self.json(response)["current"] as? [String: Any])
                #expect(current["end_local"] as? String == "2026-12-05T15:00")
            }
            try await client.execute(
                uri: "/api/v1/maintenance/\(id)/end", method: .post, headers: auth, body: Self.body(#"{"by": "dave"}"#)
            ) { response in
                #expect(response.status == .ok)
                let answer = try Self.json(response)
                #expect(answer["state"] as? String == "over")
            }
            try await client.execute(uri: "/api/v1/maintenance/\(id)", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let audit = try #require(try Self.json(response)["audit"] as? [[String: Any]])
                #expect(audit.map { $0["action"] as? String } == ["created", "edited", "extended", "ended"])
                #expect(audit.map { $0["by"] as? String } == ["alice", "bob", "carol", "dave"])
            }
            try await client.execute(uri: "/api/v1/maintenance/\(id)?by=erin", method: .delete, headers: auth) {
                response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/maintenance", method: .get, headers: auth) { response in
                #expect(String(buffer: response.body).trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]")
            }
        }
        #expect(changes.count == 5, "every change tells the agent")
    }

    @Test(
        "every validation error is a 400 that names the field",
        arguments: [
            (#"{"start": "2026-12-05T22:00", "duration": "2h", "reason": "x", "by": "a"}"#, "match"),
            (#"{"match": "device=\"a\"", "start": "tomorrow", "duration": "2h", "reason": "x", "by": "a"}"#, "start"),
            (
                #"{"match": "device=\"a\"", "start": "2026-12-05T22:00", "duration": "2h", "rrule": "FREQ=HOURLY", "reason": "x", "by": "a"}"#,
                "rrule"
            ),
            (
                #"{"match": "device=\"a\"", "start": "2026-12-05T22:00", "duration": "2h", "time_zone": "Mars/Olympus", "reason": "x", "by": "a"}"#,
                "time_zone"
            ),
            (
                #"{"match": "device=\"a\"", "start": "2026-12-05T22:00", "end": "2026-12-05T20:00", "reason": "x", "by": "a"}"#,
                "end"
            ),
            (#"{"match": "device=\"a\"", "start": "2026-12-05T22:00", "duration": "2h", "by": "a"}"#, "reason"),
            (
                #"{"match": "device=\"a\"", "start": "2026-12-05T22:00", "duration": "2h", "reason": "x", "by": "a", "rule": "FREQ=DAILY"}"#,
                "rule"
            ),
            (
                #"{"match": "device=\"a\"", "start": "2026-12-05T22:00", "duration": 7200, "reason": "x", "by": "a"}"#,
                "duration"
            ),
            (#"["not", "an", "object"]"#, "body"),
            // Found by schemathesis-style inputs: out of the calendar, or durations that would overflow.
            (
                #"{"match": "device=\"a\"", "start": "9999-12-31T20:00", "duration": "2h", "reason": "x", "by": "a"}"#,
                "start"
            ),
            (
                #"{"match": "device=\"a\"", "start": "2026-12-05T22:00", "duration": "99999999999999999999h", "reason": "x", "by": "a"}"#,
                "duration"
            ),
        ])
    func validation(body: String, field: String) async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (app, auth) = try await Self.application(store, changes: ChangeCounter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/maintenance", method: .post, headers: auth, body: Self.body(body)) {
                response in
                #expect(response.status == .badRequest)
                let refusal = try Self.json(response)
                #expect(refusal["field"] as? String == field)
                #expect(refusal["code"] as? String == "invalid")
                #expect((refusal["error"] as? String)?.isEmpty == false)
            }
        }
        #expect(try await store.maintenanceWindows().isEmpty)
    }

    @Test("404 for an unknown window, 409 for ending one not in progress and for editing one from a file")
    func refusals() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let definition = try MaintenanceRequest(
            match: "role=\"pbx\"", start: "2026-12-25T22:00", duration: "4h", rrule: "FREQ=MONTHLY;BYDAY=-1FR",
            reason: "PBX patch night"
        ).definition(defaultZone: TimeZone(identifier: "Europe/Rome")!, now: Self.noon)
        _ = try await store.syncConfiguredMaintenance(
            [
                MaintenanceWindowDraft(
                    definition: definition, createdBy: "maintenance/pbx.yaml", name: "pbx-patch",
                    origin: .configuration(file: "maintenance/pbx.yaml"))
            ], at: Self.noon)
        let id = try #require(try await store.maintenanceWindows().first?.id)
        let (app, auth) = try await Self.application(store, changes: ChangeCounter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/maintenance/999", method: .get, headers: auth) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/maintenance/abc", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                let answer = try Self.json(response)
                #expect(answer["field"] as? String == "id")
            }
            try await client.execute(
                uri: "/api/v1/maintenance/\(id)/end", method: .post, headers: auth, body: Self.body(#"{"by": "bob"}"#)
            ) { response in
                #expect(response.status == .conflict)
                let answer = try Self.json(response)
                #expect(answer["code"] as? String == "conflict")
            }
            try await client.execute(
                uri: "/api/v1/maintenance/\(id)", method: .patch, headers: auth,
                body: Self.body(#"{"reason": "x", "by": "bob"}"#)
            ) { response in
                #expect(response.status == .conflict)
                let answer = try Self.json(response)
                #expect(answer["code"] as? String == "read_only")
            }
            try await client.execute(
                uri: "/api/v1/maintenance/\(id)/extend", method: .post, headers: auth,
                body: Self.body(#"{"by": "bob"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                let answer = try Self.json(response)
                #expect(answer["field"] as? String == "duration")
            }
            try await client.execute(uri: "/api/v1/maintenance?state=soon", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                let answer = try Self.json(response)
                #expect(answer["field"] as? String == "state")
            }
        }
    }

    @Test("the iCalendar feed is served as text/calendar with one event per window")
    func feed() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (app, auth) = try await Self.application(store, changes: ChangeCounter())
        try await app.test(.router) { client in
            let created = """
                {"match": "device=\\"crm-db-01\\"", "start": "2026-12-07T01:00", "duration": "90m",
                 "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "reason": "nightly backup", "by": "alice"}
                """
            try await client.execute(uri: "/api/v1/maintenance", method: .post, headers: auth, body: Self.body(created))
            { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/api/v1/maintenance.ics", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
                #expect(text.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n"))
                #expect(text.contains("DTSTART;TZID=Europe/Rome:20261207T010000\r\n"))
                #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Rome\r\n"))
            }
        }
    }
}
