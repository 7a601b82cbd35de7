import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VedettaAPI
import VedettaCore
import VedettaMaintenance
import VedettaOnCall
import VedettaStoreSQLite

@Suite("On-call routes: who, shifts, substitutions and calendars, with contact data masked")
struct OnCallRoutesTests {
    private static let rome = TimeZone(identifier: "Europe/Rome")!
    /// Tuesday 1 December 2026, 10:00 in Rome.
    private static let now = local("2026-12-01T10:00")

    private static func local(_ text: String) -> Date { LocalDateTime.parse(text)!.instant(in: rome) }

    private static let roster: OnCallRoster = {
        let people = ["marco", "giulia", "luca"].map { name in
            Person(
                name: name, fullName: name.capitalized + " Rossi", zone: rome,
                contacts: ContactMethods(email: "\(name).rossi@example.it", phone: "+39333123456\(name.count)"))
        }
        let noc = OnCallSchedule(
            name: "noc", description: "Network", zone: rome,
            layers: [
                RotationLayer(
                    name: "base", start: LocalDateTime.parse("2026-11-30T08:00")!, length: .weekly,
                    participants: ["marco", "giulia"])
            ])
        return OnCallRoster(people: people, schedules: [noc])
    }()

    private static func application(_ store: SQLiteIncidentStore) async throws -> (some ApplicationProtocol, HTTPFields)
    {
        let (desk, auth) = try await TestAccess.admin(on: store)
        let api = OnCallAPI(desk: OnCallDesk(roster: roster, store: store), now: { now })
        return (
            Application(
                router: APIRoutes.makeRouter(source: StoreBackedStatus(store: store), access: desk, oncall: api)),
            auth
        )
    }

    private static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))
    }

    @Test("who is on call, a substitution changing it, its audit trail, and its removal")
    func substitutionLifecycle() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (app, auth) = try await Self.application(store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/oncall", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                let answers = try #require(try Self.json(response) as? [[String: Any]])
                let shift = try #require(answers.first?["shift"] as? [String: Any])
                #expect(shift["person"] as? String == "marco")
                #expect(shift["person_name"] as? String == "Marco Rossi")
                #expect(shift["local_end"] as? String == "2026-12-07T08:00")
                #expect(shift["end"] as? String == "2026-12-07T07:00:00.000Z")
            }
            let body = """
                {"schedule": "noc", "substitute": "giulia", "covers": "marco", "start": "2026-12-01T18:00",
                 "end": "2026-12-02T08:00", "reason": "sick leave", "by": "paolo"}
                """
            var id: Int64 = 0
            try await client.execute(
                uri: "/api/v1/oncall/substitutions", method: .post, headers: auth, body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .created)
                let stored = try #require(try Self.json(response) as? [String: Any])
                id = try #require(stored["id"] as? Int64)
                #expect(stored["start"] as? String == "2026-12-01T17:00:00.000Z")
                #expect(stored["created_by"] as? String == "paolo")
            }
            try await client.execute(
                uri: "/api/v1/oncall?schedule=noc&at=2026-12-01T22:00", method: .get, headers: auth
            ) {
                response in
                let answers = try #require(try Self.json(response) as? [[String: Any]])
                let shift = try #require(answers.first?["shift"] as? [String: Any])
                #expect(shift["person"] as? String == "giulia")
                #expect(shift["covers"] as? String == "marco")
                #expect(shift["substitution"] as? Int64 == id)
            }
            try await client.execute(
                uri: "/api/v1/oncall/schedules/noc/shifts?from=2026-12-01T00:00&to=2026-12-03T00:00", method: .get,
                headers: auth
            ) { response in
                let shifts = try #require(try Self.json(response) as? [[String: Any]])
                #expect(shifts.map { $0["person"] as? String } == ["marco", "giulia", "marco"])
                #expect(
                    shifts.map { $0["local_start"] as? String } == [
                        "2026-12-01T00:00", "2026-12-01T18:00", "2026-12-02T08:00",
                    ])
            }
            try await client.execute(
                uri: "/api/v1/oncall/people/giulia/shifts?from=2026-12-01", method: .get, headers: auth
            ) {
                response in
                let shifts = try #require(try Self.json(response) as? [[String: Any]])
                #expect(shifts.map { $0["local_start"] as? String } == ["2026-12-01T18:00", "2026-12-07T08:00"])
            }
            try await client.execute(uri: "/api/v1/oncall/substitutions", method: .get, headers: auth) { response in
                let list = try #require(try Self.json(response) as? [[String: Any]])
                #expect(list.map { $0["id"] as? Int64 } == [id])
            }
            try await client.execute(uri: "/api/v1/oncall/substitutions/\(id)?by=paolo", method: .delete, headers: auth)
            { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/oncall/substitutions/\(id)", method: .get, headers: auth) {
                response in
                let detail = try #require(try Self.json(response) as? [String: Any])
                let audit = try #require(detail["audit"] as? [[String: Any]])
                #expect(audit.map { $0["action"] as? String } == ["created", "deleted"])
            }
            try await client.execute(uri: "/api/v1/oncall?at=2026-12-01T21:00:00Z", method: .get, headers: auth) {
                response in
                let answers = try #require(try Self.json(response) as? [[String: Any]])
                #expect((answers.first?["shift"] as? [String: Any])?["person"] as? String == "marco")
            }
        }
    }

    @Test("people are listed with their contact data masked; it appears in no on-call answer")
    func contactsMasked() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (app, auth) = try await Self.application(store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/oncall/people", method: .get, headers: auth) { response in
                let people = try #require(try Self.json(response) as? [[String: Any]])
                #expect(people.first?["email"] as? String == "m***@example.it")
                #expect(people.first?["phone"] as? String == "+39*******565")
                #expect(!String(buffer: response.body).contains("marco.rossi@"))
            }
            for uri in [
                "/api/v1/oncall", "/api/v1/oncall/schedules", "/api/v1/oncall/schedules/noc/shifts",
                "/api/v1/oncall/schedules/noc/calendar.ics", "/api/v1/oncall/people/marco/calendar.ics",
            ] {
                try await client.execute(uri: uri, method: .get, headers: auth) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let text = String(buffer: response.body)
                    #expect(!text.contains("rossi@") && !text.contains("+3933"), "\(uri) shows contact data")
                }
            }
        }
    }

    @Test("calendar feeds are text/calendar with one event per shift")
    func calendars() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (app, auth) = try await Self.application(store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/oncall/people/giulia/calendar.ics", method: .get, headers: auth) {
                response in
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
                let text = String(buffer: response.body)
                #expect(text.contains("X-WR-CALNAME:On call: Giulia Rossi\r\n"))
                #expect(text.contains("SUMMARY:On call: noc\r\n"))
                // 30 days back and 90 ahead of 1 December: giulia's weeks from 7 December, every other week.
                #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == 7)
            }
            try await client.execute(uri: "/api/v1/oncall/schedules/crm/calendar.ics", method: .get, headers: auth) {
                response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test(
        "every refusal names its field with the right status",
        arguments: [
            (
                #"{"schedule": "crm", "substitute": "giulia", "start": "now", "duration": "1h", "reason": "x", "by": "a"}"#,
                404, "schedule"
            ),
            (
                #"{"schedule": "noc", "substitute": "giulia", "start": "later", "duration": "1h", "reason": "x", "by": "a"}"#,
                400, "start"
            ),
            (
                #"{"schedule": "noc", "substitute": "giulia", "start": "now", "duration": "1h", "reason": "x", "by": "a", "note": "x"}"#,
                400, "note"
            ),
            (
                #"{"schedule": "noc", "substitute": 7, "start": "now", "duration": "1h", "reason": "x", "by": "a"}"#,
                400, "substitute"
            ),
            (#"[1, 2]"#, 400, "body"),
        ]
    )
    func refusals(body: String, status: Int, field: String) async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (app, auth) = try await Self.application(store)
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/oncall/substitutions", method: .post, headers: auth, body: ByteBuffer(string: body)
            ) { response in
                #expect(Int(response.status.code) == status)
                let refusal = try #require(try Self.json(response) as? [String: Any])
                #expect(refusal["field"] as? String == field)
            }
        }
    }

    @Test("bad query parameters are refused: unknown schedule, bad times, a period too long")
    func badQueries() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (app, auth) = try await Self.application(store)
        try await app.test(.router) { client in
            for (uri, status) in [
                ("/api/v1/oncall?schedule=crm", 404), ("/api/v1/oncall?at=soon", 400),
                ("/api/v1/oncall/schedules/noc/shifts?from=2026-01-01&to=2028-01-01", 400),
                ("/api/v1/oncall/schedules/noc/shifts?from=2026-12-02&to=2026-12-01", 400),
                ("/api/v1/oncall/people/mario/shifts", 404), ("/api/v1/oncall/substitutions/x", 400),
                ("/api/v1/oncall/substitutions/99", 404),
                ("/api/v1/oncall/substitutions?from=2026-12-02&to=2026-12-01", 400),
                // Times outside 1970–2999: near the end of the calendar a shift could not end.
                ("/api/v1/oncall?at=9999-12-30", 400), ("/api/v1/oncall?at=0001-01-02", 400),
                ("/api/v1/oncall/schedules/noc/shifts?from=9999-12-25", 400),
            ] {
                try await client.execute(uri: uri, method: .get, headers: auth) { response in
                    #expect(Int(response.status.code) == status, "\(uri)")
                }
            }
        }
    }
}
