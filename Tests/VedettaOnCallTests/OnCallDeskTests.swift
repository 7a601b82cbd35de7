import Foundation
import Testing
import VedettaCore
import VedettaOnCall
import VedettaStoreSQLite

/// One substitution request the desk must refuse, with the field and code it names.
struct RefusalCase: CustomTestStringConvertible, Sendable {
    let name: String
    let request: SubstitutionRequest
    let code: OnCallError.Code
    let field: String

    var testDescription: String { name }
}

@Suite("On-call desk: substitutions checked, stored with their audit trail, and applied")
struct OnCallDeskTests {
    private typealias F = OnCallFixtures
    /// Tuesday 1 December 2026, 10:00 in Rome.
    private static let now = OnCallFixtures.rome("2026-12-01T10:00")

    private static func desk(_ store: any SubstitutionStore) -> OnCallDesk {
        OnCallDesk(roster: OnCallRoster(people: F.people, schedules: [F.noc()]), store: store)
    }

    private static func request(
        schedule: String? = "noc", substitute: String? = "giulia", covers: String? = "marco",
        start: String? = "2026-12-01T18:00", end: String? = "2026-12-03T08:00", duration: String? = nil,
        reason: String? = "sick leave", by: String? = "anna"
    ) -> SubstitutionRequest {
        SubstitutionRequest(
            schedule: schedule, substitute: substitute, covers: covers, start: start, end: end, duration: duration,
            reason: reason, by: by)
    }

    @Test("a substitution is stored with its audit entry, applies to who is on call, and stops when removed")
    func lifecycle() async throws {
        let desk = Self.desk(try SQLiteIncidentStore.inMemory())
        let tonight = F.rome("2026-12-01T22:00")
        #expect(try await desk.onCall(schedule: "noc", at: tonight).first?.person?.name == "marco")

        let stored = try await desk.substitute(Self.request(), at: Self.now)
        #expect(stored.substitute == "giulia")
        #expect(stored.covers == "marco")
        #expect(stored.start == F.rome("2026-12-01T18:00"))
        #expect(stored.end == F.rome("2026-12-03T08:00"))

        let now = try #require(try await desk.onCall(schedule: "noc", at: tonight).first)
        #expect(now.person?.name == "giulia")
        #expect(now.shift?.substitution == stored.id)
        #expect(now.shift?.covers == "marco")
        #expect(now.shift?.start == F.rome("2026-12-01T18:00"))
        #expect(now.shift?.end == F.rome("2026-12-02T09:00"))

        let (read, audit) = try await desk.substitution(id: stored.id)
        #expect(read == stored)
        #expect(audit.map(\.action) == [.created])
        #expect(audit.first?.by == "anna")
        #expect(
            audit.first?.detail
                == "giulia covers marco on noc from 2026-12-01T18:00 Europe/Rome to 2026-12-03T08:00 Europe/Rome: "
                + "sick leave")

        _ = try await desk.removeSubstitution(id: stored.id, by: "luca", at: Self.now + 60)
        #expect(try await desk.onCall(schedule: "noc", at: tonight).first?.person?.name == "marco")
        #expect(try await desk.substitution(id: stored.id).1.map(\.action) == [.created, .deleted])
        await #expect(throws: OnCallError.self) {
            try await desk.removeSubstitution(id: stored.id, by: "luca", at: Self.now)
        }
    }

    @Test("a person's shifts across schedules include the ones a substitution gives them")
    func personShifts() async throws {
        let desk = Self.desk(try SQLiteIncidentStore.inMemory())
        _ = try await desk.substitute(Self.request(end: nil, duration: "2h"), at: Self.now)
        let giulia = try await desk.shifts(
            person: "giulia", from: F.rome("2026-12-01T00:00"), to: F.rome("2026-12-02T00:00"))
        #expect(F.lines(giulia) == ["giulia 2026-12-01T18:00 2026-12-01T20:00"])
    }

    @Test("another process on the same database file sees the substitution")
    func sharedDatabase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vedetta-oncall-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("vedetta.sqlite").path
        let stored = try await Self.desk(try SQLiteIncidentStore(path: path)).substitute(Self.request(), at: Self.now)
        let other = Self.desk(try SQLiteIncidentStore(path: path))
        #expect(
            try await other.substitutions(schedule: "noc", from: Self.now, to: Self.now + 86_400).map(\.id) == [
                stored.id
            ])
    }

    static let refusals: [RefusalCase] = [
        RefusalCase(name: "unknown schedule", request: request(schedule: "crm"), code: .notFound, field: "schedule"),
        RefusalCase(name: "missing schedule", request: request(schedule: nil), code: .invalid, field: "schedule"),
        RefusalCase(
            name: "unknown substitute", request: request(substitute: "mario"), code: .notFound, field: "substitute"),
        RefusalCase(
            name: "unknown covered person", request: request(covers: "mario"), code: .notFound, field: "covers"),
        RefusalCase(
            name: "covering someone who takes no shift",
            request: request(covers: "paolo"), code: .invalid, field: "covers"),
        RefusalCase(
            name: "covering oneself", request: request(substitute: "marco", covers: "marco"), code: .invalid,
            field: "covers"),
        RefusalCase(name: "a start that is no time", request: request(start: "lunedì"), code: .invalid, field: "start"),
        RefusalCase(
            name: "end before start", request: request(end: "2026-12-01T17:00"), code: .invalid, field: "end"),
        RefusalCase(
            name: "end and duration", request: request(duration: "2h"), code: .invalid, field: "end"),
        RefusalCase(name: "neither end nor duration", request: request(end: nil), code: .invalid, field: "end"),
        RefusalCase(
            name: "a bad duration", request: request(end: nil, duration: "two days"), code: .invalid,
            field: "duration"),
        RefusalCase(
            name: "already over", request: request(start: "2026-11-01T08:00", end: "2026-11-02T08:00"),
            code: .invalid, field: "end"),
        RefusalCase(
            name: "longer than a year", request: request(end: "2028-01-01T00:00"), code: .invalid, field: "end"),
        RefusalCase(name: "no reason", request: request(reason: " "), code: .invalid, field: "reason"),
        RefusalCase(name: "nobody asking", request: request(by: nil), code: .invalid, field: "by"),
    ]

    @Test("each bad request is refused naming its field, and nothing is stored", arguments: refusals)
    func refused(_ testCase: RefusalCase) async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let desk = Self.desk(store)
        do {
            _ = try await desk.substitute(testCase.request, at: Self.now)
            Issue.record("accepted \(testCase.name)")
        } catch {
            #expect(error.code == testCase.code)
            #expect(error.field == testCase.field)
        }
        #expect(try await desk.substitutions(schedule: nil, from: .distantPast, to: .distantFuture).isEmpty)
    }
}
