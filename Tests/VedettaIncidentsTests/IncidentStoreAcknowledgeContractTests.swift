import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@Suite("Incident store contract: acknowledgement")
struct IncidentStoreAcknowledgeContractTests {
    private let t0 = TestData.t0

    @Test(
        "acknowledge: open → acknowledged → restored; a second acknowledgement keeps the first",
        arguments: StoreBackend.allCases)
    func acknowledge_transitions(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        let id = try await store.open(draft, at: t0, notify: []).incident.id

        let first = try await store.acknowledge(id: id, by: "alice", at: t0 + 42)
        #expect(first.isNew)
        let acknowledged = first.incident
        #expect(acknowledged.state == .acknowledged)
        #expect(acknowledged.acknowledgedBy == "alice")
        #expect(acknowledged.timeToAcknowledge == .seconds(42))
        #expect(
            acknowledged.timeline.last == IncidentEvent(kind: .acknowledged, at: t0 + 42, detail: "alice", by: "alice"))

        // The second acknowledgement says it was not recorded, and by whom and when the first was.
        let again = try await store.acknowledge(id: id, by: "bob", at: t0 + 50)
        #expect(again == .alreadyAcknowledged(acknowledged))
        #expect(again.incident.acknowledgedBy == "alice")
        #expect(again.incident.acknowledgedAt == t0 + 42)

        // Still "open" for the agent: the alert fires, so a second open finds it.
        #expect(try await store.openIncidents().map(\.id) == [id])
        #expect(try await store.open(draft, at: t0 + 60, notify: []) == .alreadyOpen(acknowledged))

        let restored = try #require(try await store.restore(fingerprint: draft.fingerprint, at: t0 + 90, notify: []))
        #expect(restored.state == .restored)
        #expect(restored.acknowledgedBy == "alice")
        #expect(restored.timeline.map(\.kind) == [.opened, .acknowledged, .restored])
    }

    @Test(
        "acknowledging a restored incident is an invalid transition and changes nothing",
        arguments: StoreBackend.allCases)
    func acknowledge_restored_isInvalid(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        let id = try await store.open(draft, at: t0, notify: []).incident.id
        let restored = try #require(try await store.restore(fingerprint: draft.fingerprint, at: t0 + 5, notify: []))

        let error = await #expect(throws: StoreError.self) {
            try await store.acknowledge(id: id, by: "alice", at: t0 + 10)
        }
        #expect(error?.code == .invalidTransition)
        #expect(error?.message.contains("restored") == true)
        #expect(try await store.incident(id: id) == restored)
    }
}
