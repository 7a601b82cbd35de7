import Foundation
import VedettaAPI
import VedettaCluster
import VedettaConfig
import VedettaCore

/// `GET /api/v1/cluster`: the store's view of the cluster (agents, heartbeats, leases) with the configured devices
/// no live agent holds; one agent on a store without a cluster answers with itself.
struct AgentClusterStatus: ClusterStatusSource {
    /// The cluster's store, `nil` when the agent works alone.
    let store: (any ClusterStore)?
    /// This agent.
    let identity: ClusterMembership.Identity
    let configuration: LiveValue<VedettaConfiguration>

    func clusterStatus() async throws -> ClusterStatus {
        let devices = configuration.value.devices.map(\.id.rawValue)
        let leaseSeconds =
            Double(identity.lease.components.seconds) + Double(identity.lease.components.attoseconds) / 1e18
        guard let store else {
            let me = ClusterStatus.Agent(
                name: identity.name, sites: identity.sites, address: identity.address, startedAt: identity.startedAt,
                heartbeatAt: Date(), alive: true,
                devices: devices.count)
            return ClusterStatus(
                clustered: false, this: identity.name, leaseSeconds: leaseSeconds, agents: [me], unassignedDevices: [])
        }
        let view = try await store.clusterView()
        let live = view.leases.filter { $0.expiresAt > view.now }
        let counts = Dictionary(grouping: live, by: \.owner).mapValues(\.count)
        let held = Set(live.map(\.device))
        let agents = view.agents.map { agent in
            ClusterStatus.Agent(
                name: agent.name, sites: agent.sites, address: agent.address, startedAt: agent.startedAt,
                heartbeatAt: agent.heartbeatAt, alive: agent.expiresAt > view.now, devices: counts[agent.name] ?? 0)
        }
        return ClusterStatus(
            clustered: true, this: identity.name, leaseSeconds: leaseSeconds, agents: agents,
            unassignedDevices: devices.filter { !held.contains($0) }.sorted())
    }
}
