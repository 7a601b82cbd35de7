import Foundation
import Testing
import VedettaCluster
import VedettaCore
import VedettaStorePostgres
import VedettaStoreTestSupport

/// The leases agents share a PostgreSQL store by, on a real server: taken only when free or lapsed, renewed by
/// their owner, given up on a clean stop; every time the database's.
@Suite("Cluster store contract on PostgreSQL")
struct ClusterStoreContractTests {
    private let started = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("heartbeats list the agents with the database's clock; leaving removes the agent and its leases")
    func heartbeats() async throws {
        let store = try await TestPostgres.openFreshStore()
        let first = try await store.heartbeat(
            name: "agent-a", sites: ["milano"], address: "10.0.0.1:9470", startedAt: started, ttl: .seconds(15))
        #expect(first.liveAgents.map(\.name) == ["agent-a"])
        #expect(first.agents.first?.sites == ["milano"])
        let expires = try #require(first.agents.first?.expiresAt)
        #expect(abs(expires.timeIntervalSince(first.now) - 15) < 1)
        #expect(abs(first.now.timeIntervalSinceNow) < 5, "the database's clock, close to this one here")

        _ = try await store.heartbeat(name: "agent-b", sites: [], address: "", startedAt: started, ttl: .seconds(15))
        _ = try await store.updateLeases(owner: "agent-a", keep: [], acquire: ["sw-1"], release: [], ttl: .seconds(15))
        try await store.leaveCluster(name: "agent-a")
        let view = try await store.clusterView()
        #expect(view.agents.map(\.name) == ["agent-b"])
        #expect(view.leases.isEmpty)
    }

    @Test("a live lease is not taken by another agent; a lapsed one is; the owner renews and releases its own")
    func leases() async throws {
        let store = try await TestPostgres.openFreshStore()
        let held = try await store.updateLeases(
            owner: "agent-a", keep: [], acquire: ["sw-1", "sw-2"], release: [], ttl: .seconds(30))
        #expect(Set(held.map(\.device)) == ["sw-1", "sw-2"])

        let refused = try await store.updateLeases(
            owner: "agent-b", keep: [], acquire: ["sw-1", "sw-3"], release: [], ttl: .seconds(30))
        #expect(refused.map(\.device) == ["sw-3"], "sw-1 is agent-a's until its lease lapses")

        // agent-a renews sw-1 and gives up sw-2; agent-b then takes sw-2 at once.
        let renewed = try await store.updateLeases(
            owner: "agent-a", keep: ["sw-1"], acquire: [], release: ["sw-2"], ttl: .seconds(30))
        #expect(renewed.map(\.device) == ["sw-1"])
        let taken = try await store.updateLeases(
            owner: "agent-b", keep: ["sw-3"], acquire: ["sw-2"], release: [], ttl: .seconds(30))
        #expect(Set(taken.map(\.device)) == ["sw-2", "sw-3"])

        // A lease that lapses (a crashed agent) goes to whoever asks next.
        _ = try await store.updateLeases(
            owner: "agent-c", keep: [], acquire: ["sw-9"], release: [], ttl: .milliseconds(200))
        try await Task.sleep(for: .milliseconds(400))
        let after = try await store.updateLeases(
            owner: "agent-b", keep: ["sw-2", "sw-3"], acquire: ["sw-9"], release: [], ttl: .seconds(30))
        #expect(Set(after.map(\.device)) == ["sw-2", "sw-3", "sw-9"])
        let view = try await store.clusterView()
        #expect(view.leases.first { $0.device == "sw-9" }?.owner == "agent-b")
    }

    @Test("two agents racing for the same free devices: each device ends with exactly one of them")
    func race() async throws {
        let settings = try await TestPostgres.freshDatabase()
        let store = try await PostgresIncidentStore.open(settings, logger: TestPostgres.quiet)
        let other = try await PostgresIncidentStore.open(settings, logger: TestPostgres.quiet)
        let devices = Set((1...200).map { "sw-\($0)" })
        async let a = store.updateLeases(owner: "agent-a", keep: [], acquire: devices, release: [], ttl: .seconds(30))
        async let b = other.updateLeases(owner: "agent-b", keep: [], acquire: devices, release: [], ttl: .seconds(30))
        let (first, second) = try await (a, b)
        #expect(Set(first.map(\.device)).isDisjoint(with: second.map(\.device)))
        #expect(Set(first.map(\.device)).union(second.map(\.device)) == devices)
    }
}
