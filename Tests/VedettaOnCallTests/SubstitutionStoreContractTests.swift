import Foundation
import Testing
import VedettaCore
import VedettaOnCall
import VedettaStoreTestSupport

@Suite("Substitution store contract")
struct SubstitutionStoreContractTests {
    /// Saturday 5 December 2026, 12:00 UTC.
    private static let noon = Date(timeIntervalSince1970: 1_796_472_000)
    private static let hour: TimeInterval = 3600

    private static func draft(
        schedule: String = "network", substitute: String = "bruno", covers: String? = "anna", from: Double,
        hours: Double, reason: String = "doctor's appointment"
    ) -> SubstitutionDraft {
        SubstitutionDraft(
            schedule: schedule, substitute: substitute, covers: covers, start: noon + from * hour,
            end: noon + (from + hours) * hour, reason: reason, createdBy: "carla")
    }

    @Test(
        "a substitution is stored with its number, read back field by field, and audited",
        arguments: StoreUnderTest.allCases)
    func createAndRead(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        let created = try await store.createSubstitution(
            Self.draft(from: 2, hours: 8), at: Self.noon, detail: "bruno covers anna")
        #expect(created.schedule == "network" && created.substitute == "bruno" && created.covers == "anna")
        #expect(created.start == Self.noon + 2 * Self.hour && created.end == Self.noon + 10 * Self.hour)
        #expect(created.reason == "doctor's appointment" && created.createdBy == "carla")
        #expect(created.createdAt == Self.noon)
        #expect(try await store.substitution(id: created.id) == created)
        #expect(try await store.substitution(id: created.id + 100) == nil)
        let anyone = try await store.createSubstitution(
            Self.draft(covers: nil, from: 20, hours: 1), at: Self.noon, detail: "bruno takes the whole rota")
        #expect(try await store.substitution(id: anyone.id)?.covers == nil)
        #expect(anyone.id != created.id)

        let audit = try await store.substitutionAudit(id: created.id)
        #expect(audit.count == 1)
        #expect(audit.first?.action == .created && audit.first?.by == "carla")
        #expect(audit.first?.detail == "bruno covers anna" && audit.first?.at == Self.noon)
        #expect(audit.first?.substitutionID == created.id)
    }

    @Test(
        "listing returns the substitutions in force that overlap the period, by start, of one schedule or all",
        arguments: StoreUnderTest.allCases)
    func overlap(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        let late = try await store.createSubstitution(Self.draft(from: 10, hours: 2), at: Self.noon, detail: "")
        let early = try await store.createSubstitution(Self.draft(from: 0, hours: 4), at: Self.noon, detail: "")
        let voice = try await store.createSubstitution(
            Self.draft(schedule: "voice", from: 1, hours: 1), at: Self.noon, detail: "")
        let removed = try await store.createSubstitution(Self.draft(from: 3, hours: 1), at: Self.noon, detail: "")
        _ = try await store.deleteSubstitution(id: removed.id, by: "carla", at: Self.noon, detail: "not needed")

        let day = try await store.substitutions(
            schedule: nil, endingAfter: Self.noon, startingBefore: Self.noon + 24 * Self.hour)
        #expect(day.map(\.id) == [early.id, voice.id, late.id])
        let network = try await store.substitutions(
            schedule: "network", endingAfter: Self.noon, startingBefore: Self.noon + 24 * Self.hour)
        #expect(network.map(\.id) == [early.id, late.id])
        // Ends exactly at the period's start, or starts exactly at its end: no overlap.
        let between = try await store.substitutions(
            schedule: "network", endingAfter: Self.noon + 4 * Self.hour, startingBefore: Self.noon + 10 * Self.hour)
        #expect(between.isEmpty)
        let edge = try await store.substitutions(
            schedule: "network", endingAfter: Self.noon + 4 * Self.hour - 1,
            startingBefore: Self.noon + 10 * Self.hour + 1)
        #expect(edge.map(\.id) == [early.id, late.id])
        #expect(
            try await store.substitutions(schedule: "db", endingAfter: Self.noon, startingBefore: .distantFuture)
                .isEmpty)
    }

    @Test(
        "removing keeps the substitution readable, audits it, and a second removal is notFound",
        arguments: StoreUnderTest.allCases)
    func removal(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        let created = try await store.createSubstitution(Self.draft(from: 1, hours: 2), at: Self.noon, detail: "made")
        let removed = try await store.deleteSubstitution(
            id: created.id, by: "dario", at: Self.noon + 60, detail: "anna is back")
        #expect(removed == created)
        #expect(try await store.substitution(id: created.id) == created, "removed ones are kept for the audit trail")
        let again = await #expect(throws: StoreError.self) {
            try await store.deleteSubstitution(id: created.id, by: "dario", at: Self.noon + 120, detail: "again")
        }
        #expect(again?.code == .notFound)
        let unknown = await #expect(throws: StoreError.self) {
            try await store.deleteSubstitution(id: created.id + 50, by: "dario", at: Self.noon, detail: "")
        }
        #expect(unknown?.code == .notFound)
        let audit = try await store.substitutionAudit(id: created.id)
        #expect(audit.map(\.action) == [.created, .deleted])
        #expect(audit.map(\.by) == ["carla", "dario"])
        #expect(audit.last?.detail == "anna is back" && audit.last?.at == Self.noon + 60)
    }

    @Test(
        "a substitution that does not end after it starts is refused as a conflict", arguments: StoreUnderTest.allCases)
    func emptyPeriod(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        let refused = await #expect(throws: StoreError.self) {
            try await store.createSubstitution(Self.draft(from: 1, hours: 0), at: Self.noon, detail: "")
        }
        #expect(refused?.code == .conflict)
        #expect(
            try await store.substitutions(schedule: nil, endingAfter: .distantPast, startingBefore: .distantFuture)
                .isEmpty)
    }
}
