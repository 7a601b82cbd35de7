import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@Suite("Incident store contract: queries")
struct IncidentStoreQueryContractTests {
    private let t0 = TestData.t0

    /// Three incidents: sw1 restored at t0+100, ups1 open since t0+200, sw1 (another rule) open since t0+300.
    private func populate(_ store: any IncidentStore) async throws -> [Int64] {
        let first = try await store.open(TestData.draft(device: "sw1"), at: t0, notify: [])
        _ = try await store.restore(fingerprint: first.incident.fingerprint, at: t0 + 100, notify: [])
        let second = try await store.open(TestData.draft(device: "ups1"), at: t0 + 200, notify: [])
        let third = try await store.open(TestData.draft(rule: "HighCPU", device: "sw1"), at: t0 + 300, notify: [])
        return [first.incident.id, second.incident.id, third.incident.id]
    }

    @Test("filters by state, device, rule and since; newest first; limited", arguments: StoreBackend.allCases)
    func incidents_matching(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let ids = try await populate(store)
        let all = try await store.incidents(matching: IncidentQuery())

        func found(_ query: IncidentQuery) async throws -> [Int64] {
            try await store.incidents(matching: query).map(\.id)
        }
        #expect(all.map(\.id) == [ids[2], ids[1], ids[0]])
        #expect(try await found(IncidentQuery(state: .open)) == [ids[2], ids[1]])
        #expect(try await found(IncidentQuery(state: .restored)) == [ids[0]])
        #expect(try await found(IncidentQuery(device: "sw1")) == [ids[2], ids[0]])
        #expect(try await found(IncidentQuery(rule: "HighCPU")) == [ids[2]])
        #expect(try await found(IncidentQuery(state: .restored, device: "ups1")).isEmpty)
        #expect(try await found(IncidentQuery(since: t0 + 100)) == [ids[2], ids[1], ids[0]])
        #expect(try await found(IncidentQuery(since: t0 + 101)) == [ids[2], ids[1]])
        #expect(try await found(IncidentQuery(limit: 2)) == [ids[2], ids[1]])
        #expect(try await found(IncidentQuery(limit: 0)) == [ids[2]])

        // Acknowledged and unacknowledged split the open ones.
        _ = try await store.acknowledge(id: ids[1], by: "alice", at: t0 + 250)
        #expect(try await found(IncidentQuery(state: .acknowledged)) == [ids[1]])
        #expect(try await found(IncidentQuery(state: .unacknowledged)) == [ids[2]])
        #expect(try await found(IncidentQuery(state: .open)) == [ids[2], ids[1]])

        // The in-memory filter agrees with the SQL one.
        let everything = try await store.incidents(matching: IncidentQuery())
        for query in IncidentQuery.StateFilter.allCases.map({ IncidentQuery(state: $0) }) + [
            IncidentQuery(since: t0 + 101), IncidentQuery(device: "sw1"),
        ] {
            #expect(try await found(query) == everything.filter(query.matches).map(\.id), "\(query.state)")
        }
    }

    @Test("the default limit is the same for the API and the CLI")
    func defaultLimit() {
        #expect(IncidentQuery().limit == IncidentQuery.defaultLimit)
        #expect(IncidentQuery.defaultLimit == 50)
    }

    @Test("open incidents come oldest first, with their timelines", arguments: StoreBackend.allCases)
    func openIncidents_oldestFirst(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let ids = try await populate(fixture.store)
        let open = try await fixture.store.openIncidents()
        #expect(open.map(\.id) == [ids[1], ids[2]])
        #expect(open.allSatisfy { $0.timeline.map(\.kind) == [.opened] })
    }
}
