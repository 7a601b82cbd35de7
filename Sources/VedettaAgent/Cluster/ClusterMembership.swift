import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import VedettaAlerting
import VedettaCluster
import VedettaConfig
import VedettaCore

/// This agent's part in a cluster of agents sharing one store: it beats every third of the lease, works out which
/// devices it should poll, takes and renews their leases, and hands the devices it holds to ``PolledDevices``.
///
/// Every agent computes the same placement from the same list of live agents (``DevicePlacement``), so the devices
/// split without any agent talking to another; the leases make the split safe: a device is taken only when nobody
/// holds it or its holder stopped renewing. When this agent loses the database, it stops polling its devices once
/// its leases have lapsed, so that another agent may take them without both polling. On a clean stop it gives up
/// its leases, and the others take its devices at their next beat.
final class ClusterMembership: Service, Sendable {
    /// What changes when the devices held change.
    typealias Apply = @Sendable (_ owned: Set<DeviceID>, _ gained: Set<DeviceID>) async -> Void

    private let store: any ClusterStore
    private let identity: Identity
    private let devices: @Sendable () -> [DeviceConfiguration]
    private let apply: Apply
    private let logger: Logger
    private let state = Mutex<State>(State())

    /// Who this agent is in the cluster.
    struct Identity: Sendable {
        var name: String
        var sites: [String]
        var address: String
        var lease: Duration
        var startedAt: Date

        /// The identity `agent:` gives, listening at `address`, starting now.
        init(_ agent: AgentConfiguration, address: String) {
            self.name = agent.name
            self.sites = agent.sites
            self.address = address
            self.lease = agent.clusterLease
            self.startedAt = Date()
        }

        /// How often the agent beats: a third of the lease, so two beats may fail before the lease lapses.
        var heartbeat: Duration { lease / 3 }
    }

    private struct State {
        var owned: Set<DeviceID> = []
        /// Until when, by this agent's clock, the leases it holds are surely valid.
        var validUntil: ContinuousClock.Instant?
    }

    init(
        store: any ClusterStore, identity: Identity, devices: @escaping @Sendable () -> [DeviceConfiguration],
        apply: @escaping Apply, logger: Logger
    ) {
        self.store = store
        self.identity = identity
        self.devices = devices
        self.apply = apply
        self.logger = logger
    }

    /// The devices held now.
    var owned: Set<DeviceID> { state.withLock { $0.owned } }

    /// Beats until the agent stops, then gives up the leases.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.beat()
                try? await Task.sleep(for: self.identity.heartbeat)
            }
        }
        do {
            try await store.leaveCluster(name: identity.name)
            logger.info(
                "left the cluster; other agents take this agent's devices", metadata: ["agent": "\(identity.name)"])
        } catch {
            logger.warning(
                "cannot leave the cluster; this agent's devices pass to others when its leases lapse",
                metadata: ["error": "\(error)"])
        }
    }

    /// One beat: heartbeat, placement, leases, and the devices polled when they changed.
    func beat() async {
        let started = ContinuousClock.now
        do throws(StoreError) {
            let view = try await store.heartbeat(
                name: identity.name, sites: identity.sites, address: identity.address, startedAt: identity.startedAt,
                ttl: identity.lease)
            let configured = devices()
            let desired = Self.desired(configured, view: view, me: identity.name)
            let held = Set(
                view.leases.filter { $0.owner == identity.name && $0.expiresAt > view.now }.map(\.device))
            let leases = try await store.updateLeases(
                owner: identity.name, keep: held.intersection(desired), acquire: desired.subtracting(held),
                release: held.subtracting(desired), ttl: identity.lease)
            let names = Set(configured.map(\.id.rawValue))
            let owned = Set(leases.map(\.device).filter { names.contains($0) }.map { DeviceID($0) })
            let heldByOthers = view.leases.filter { $0.owner != identity.name && $0.expiresAt > view.now }
            ClusterMetrics.record(
                agents: view.liveAgents.count, held: owned.count,
                unassigned: names.subtracting(heldByOthers.map(\.device)).subtracting(leases.map(\.device)).count)
            // The leases were renewed at `started` at the earliest: valid for a lease from then, less a beat for
            // safety (the database's clock and this one may drift a little).
            await change(to: owned, validUntil: started + identity.lease - identity.heartbeat)
        } catch {
            logger.warning("cluster heartbeat failed", metadata: ["error": "\(error)"])
            let expired = state.withLock { $0.validUntil.map { ContinuousClock.now >= $0 } ?? true }
            if expired, !owned.isEmpty {
                logger.error(
                    """
                    the database is out of reach and this agent's leases have lapsed: it stops polling its devices, \
                    which other agents may take
                    """, metadata: ["devices": "\(owned.count)"])
                await change(to: [], validUntil: nil)
            }
        }
    }

    private func change(to owned: Set<DeviceID>, validUntil: ContinuousClock.Instant?) async {
        let previous = state.withLock { state in
            let previous = state.owned
            state.owned = owned
            state.validUntil = validUntil
            return previous
        }
        guard owned != previous else { return }
        let gained = owned.subtracting(previous)
        let lost = previous.subtracting(owned)
        logger.notice(
            "devices polled by this agent changed",
            metadata: [
                "agent": "\(identity.name)", "devices": "\(owned.count)", "gained": "\(Self.list(gained))",
                "lost": "\(Self.list(lost))",
            ])
        await apply(owned, gained)
    }

    /// The configured devices this agent should poll: those whose placement key it wins among the live agents
    /// that serve the device's site.
    static func desired(_ devices: [DeviceConfiguration], view: ClusterView, me: String) -> Set<String> {
        let live = view.liveAgents
        let keys = DevicePlacement.keys(
            parents: Dictionary(
                devices.map { ($0.id.rawValue, $0.parents.map(\.device.rawValue)) },
                uniquingKeysWith: { first, _ in first }))
        var desired: Set<String> = []
        for device in devices {
            let site = device.labels["site"]
            let eligible = live.filter { $0.serves(site: site) }.map(\.name)
            let key = keys[device.id.rawValue] ?? device.id.rawValue
            if DevicePlacement.owner(of: key, among: eligible) == me { desired.insert(device.id.rawValue) }
        }
        return desired
    }

    private static func list(_ devices: Set<DeviceID>) -> String {
        let names = devices.map(\.rawValue).sorted()
        let shown = names.prefix(5).joined(separator: ", ")
        return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
    }
}

/// The cluster as `/metrics` shows it, from this agent's last beat.
enum ClusterMetrics {
    private static let agents = Gauge(label: "vedetta_cluster_agents")
    private static let held = Gauge(label: "vedetta_cluster_devices_polled")
    private static let unassigned = Gauge(label: "vedetta_cluster_devices_unassigned")

    /// Records the live agents, the devices this agent polls, and the configured devices no live agent holds.
    static func record(agents liveAgents: Int, held devices: Int, unassigned free: Int) {
        agents.record(liveAgents)
        held.record(devices)
        unassigned.record(free)
    }
}

extension ClusterMembership {
    /// The membership of a running agent: the devices come from its live configuration; a change of the devices
    /// held first adopts the open incidents of the devices taken over (so that their first poll continues them,
    /// restorations included, without paging their openings again), then changes what is polled.
    static func forAgent(
        store: any ClusterStore, identity: Identity, configuration: LiveValue<VedettaConfiguration>,
        pipeline: AlertingPipeline, polled: PolledDevices, logger: Logger
    ) -> ClusterMembership {
        ClusterMembership(
            store: store, identity: identity, devices: { configuration.value.devices },
            apply: { owned, gained in
                if !gained.isEmpty {
                    do throws(StoreError) {
                        try await pipeline.restoreFromStore(devices: gained)
                    } catch {
                        logger.error(
                            "cannot read the open incidents of devices taken over", metadata: ["error": "\(error)"])
                    }
                }
                await polled.replace(owned: owned)
            },
            logger: logger)
    }
}
