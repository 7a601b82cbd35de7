import Foundation
import Testing
import VedettaIncidents

@Suite("Incident store contract: health")
struct StoreHealthContractTests {
    private let t0 = TestData.t0

    @Test(
        "vital signs: open incidents, pending notifications and how long the oldest has waited",
        arguments: StoreBackend.allCases)
    func vitalSigns(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        #expect(
            try await store.vitalSigns(at: t0)
                == StoreVitalSigns(openIncidents: 0, pendingNotifications: 0, oldestPendingAge: nil))

        _ = try await store.open(TestData.draft(device: "sw1"), at: t0, notify: TestData.notify(.opened, "ops", "sms"))
        let second = try await store.open(
            TestData.draft(device: "sw2"), at: t0 + 10, notify: TestData.notify(.opened, "ops"))
        #expect(
            try await store.vitalSigns(at: t0 + 30)
                == StoreVitalSigns(openIncidents: 2, pendingNotifications: 3, oldestPendingAge: .seconds(30)))

        // A failed attempt keeps the entry pending and its age; delivering everything empties the queue.
        let claimed = try await store.claimDue(by: TestData.owner, at: t0 + 30, lease: .seconds(60), limit: 10)
        #expect(claimed.count == 3)
        try await store.markFailed(claimed[0].id, by: TestData.owner, at: t0 + 31, error: "503", retryAt: t0 + 40)
        #expect(try await store.vitalSigns(at: t0 + 35).oldestPendingAge == .seconds(35))
        for entry in claimed.dropFirst() { try await store.markDelivered(entry.id, by: TestData.owner, at: t0 + 32) }
        let retried = try await store.claimDue(by: TestData.owner, at: t0 + 40, lease: .seconds(60), limit: 10)
        for entry in retried { try await store.markDelivered(entry.id, by: TestData.owner, at: t0 + 41) }
        _ = try await store.restore(fingerprint: second.incident.fingerprint, at: t0 + 50, notify: [])
        #expect(
            try await store.vitalSigns(at: t0 + 60)
                == StoreVitalSigns(openIncidents: 1, pendingNotifications: 0, oldestPendingAge: nil))
    }
}
